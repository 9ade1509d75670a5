// One tab writes at a time: the Web Locks writer lock; a second tab is told, and its writes are refused.
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A LockManager shared by every "tab" (module instance) in this file, like the browser's per origin. */
function fakeLocks(): LockManager {
  const held = new Set<string>();
  return {
    request: (async (name: string, options: LockOptions, callback: (lock: Lock | null) => Promise<unknown>) => {
      if (options.ifAvailable && held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name, mode: 'exclusive' } as Lock);
      } finally {
        held.delete(name);
      }
    }) as LockManager['request'],
    query: async () => ({ held: [...held].map((name) => ({ name })), pending: [] }),
  } as LockManager;
}

async function newTab() {
  vi.resetModules();
  return {
    lock: await import('../../../src/storage/writerLock'),
    commit: await import('../../../src/storage/chain/commit'),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the writer lock', () => {
  it('goes to the first tab; the second is told it may not write, until the first lets go', async () => {
    vi.stubGlobal('navigator', { locks: fakeLocks() });
    const first = await newTab();
    const second = await newTab();
    expect(await first.lock.acquireWriterLock()).toBe(true);
    expect(await first.lock.acquireWriterLock()).toBe(true);
    expect(await second.lock.acquireWriterLock()).toBe(false);
    expect(second.lock.writerLockState()).toBe('refused');
    await expect(second.commit.requireWriter()).rejects.toMatchObject({
      name: 'ReadOnlyTabError',
      message: expect.stringMatching(/open in another tab/),
    });
    first.lock.releaseWriterLock();
    await new Promise((r) => setTimeout(r, 0));
    second.lock.releaseWriterLock();
    expect(await second.lock.acquireWriterLock()).toBe(true);
    second.lock.releaseWriterLock();
  });

  it('is not needed where there is no Web Locks API (Node, old browsers)', async () => {
    vi.stubGlobal('navigator', undefined);
    const tab = await newTab();
    expect(await tab.lock.acquireWriterLock()).toBe(true);
    expect(tab.lock.writerLockState()).toBe('no-locks-api');
  });
});
