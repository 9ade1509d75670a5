import { afterEach, describe, expect, it, vi } from 'vitest';
import { getStorageStatus, requestPersistentStorage } from './storage';

function stubStorage(storage: Partial<StorageManager> | undefined) {
  vi.stubGlobal('navigator', storage ? { storage } : {});
}

afterEach(() => vi.unstubAllGlobals());

describe('asking the browser to keep our data', () => {
  it('says unsupported where the browser has no storage manager', async () => {
    stubStorage(undefined);
    expect(await requestPersistentStorage()).toBe('unsupported');
  });

  it('does not ask again when storage is already persistent', async () => {
    const persist = vi.fn<() => Promise<boolean>>(async () => true);
    stubStorage({ persisted: async () => true, persist });
    expect(await requestPersistentStorage()).toBe('persisted');
    expect(persist).not.toHaveBeenCalled();
  });

  it('reports the browser refusing', async () => {
    stubStorage({ persisted: async () => false, persist: async () => false });
    expect(await requestPersistentStorage()).toBe('not-persisted');
  });

  it('reports usage and quota for the settings screen', async () => {
    stubStorage({ persisted: async () => true, estimate: async () => ({ usage: 10, quota: 100 }) });
    expect(await getStorageStatus()).toEqual({ persisted: true, usageBytes: 10, quotaBytes: 100 });
  });
});
