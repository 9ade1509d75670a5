// @vitest-environment jsdom
// The sync provider locks the app when sync signs the key holder out (docs/SYNC.md, "Revoking a
// tablet"; follow.ts): the Headteacher is signed in on tablet B when a key holder removes them on
// tablet A; B's sync, started by the real SyncProvider over the real sync vault (runtime, engine,
// PouchDB on fake IndexedDB, the real storage layer), pulls the removal, signs them out, and the
// provider locks the screen with the reason. A pull that signs nobody out never locks.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { useDatabase } from '../../../src/storage/db';
import { unlock } from '../../../src/storage/keys/keyring';
import { removeUser } from '../../../src/storage/keys/users';
import type { Session as StorageSession } from '../../../src/storage/keys/session';
import { readSyncServer, saveSyncServer } from '../../../src/storage/sync/config';
import { makeEnrolment } from '../../../src/storage/sync/enrol';
import { startJoin } from '../../../src/storage/sync/join';
import type { SyncServer } from '../../../src/storage/sync/engine';
import { syncVaultFor } from '../../../src/ui/data/syncVault';
import { SyncProvider, useSync } from '../../../src/ui/sync/SyncProvider';
import { Ctx, type Session } from '../../../src/ui/session/useSession';
import { type Device, PASSPHRASES, setUpDevice, useCopyOf } from '../storage/harness';
import { type TestServer, freshDbName, startServer } from './server';
import { pouch, tabletEngine } from './tablet';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../scripts/sync-setup.mjs');
const setupCli = async (...args: string[]) => (await run(process.execPath, [SCRIPT, ...args])).stdout;

async function addTablet(server: TestServer, name: string, label: string): Promise<SyncServer> {
  const username = `${label}-${Math.random().toString(36).slice(2, 8)}`;
  const out = await setupCli('add-tablet', server.adminUrl(name), username);
  return { url: server.dbUrl(name), username, password: out.trim().split('\n').pop()! };
}

let server: TestServer;
let device: Device;
beforeAll(async () => {
  server = await startServer();
  device = await setUpDevice('sync-provider');
});
afterAll(async () => {
  cleanup();
  await server?.stop();
});

/** Tablet A (a copy of the set-up device, syncing) and tablet B joined from A's code; the app's database is B's. */
async function twoTablets() {
  const dbA = await useCopyOf(device);
  const a = await unlock(device.users.dsl, PASSPHRASES.dsl);
  const name = freshDbName('provider');
  await setupCli(server.adminUrl(name));
  const tabletA = await addTablet(server, name, 'hill-a');
  const tabletB = await addTablet(server, name, 'hill-b');
  await saveSyncServer(a, tabletA);
  const engineA = await tabletEngine(tabletA);
  const { code } = await makeEnrolment(a, tabletB, new URL(server.root).origin);
  await engineA.push(a);
  const dbB = freshDbName('provider-tablet-b');
  useDatabase(dbB);
  const joining = await startJoin(code, new URL(server.root).origin, { Pouch: await pouch(), adapter: 'memory' });
  await joining.complete(device.users.deputy, PASSPHRASES.deputy);
  await joining.close();
  return { a, dbA, engineA, dbB };
}

/** The app's session as the provider reads it: what it locks and refreshes is recorded. */
function sessionFor(locks: (string | undefined)[], refreshes: { n: number }): Session {
  return {
    lock: (why?: string) => void locks.push(why),
    refresh: async () => void refreshes.n++,
  } as Partial<Session> as Session;
}

function Status() {
  const { status } = useSync();
  return <p data-testid="sync-state">{status?.state ?? 'none'}</p>;
}

function mount(session: StorageSession, locks: (string | undefined)[], refreshes: { n: number }) {
  return render(
    <Ctx.Provider value={sessionFor(locks, refreshes)}>
      <SyncProvider sync={syncVaultFor(session)}>
        <Status />
      </SyncProvider>
    </Ctx.Provider>,
  );
}

describe('the sync provider, when sync signs the key holder out', () => {
  it('locks the screen with the reason when the signed-in key holder was removed on another tablet', async () => {
    const t = await twoTablets();
    // The Headteacher signs in on B; on A the DSL removes them, and A sends it.
    useDatabase(t.dbB);
    const head = await unlock(device.users.head, PASSPHRASES.head);
    useDatabase(t.dbA);
    await removeUser(t.a, device.users.head, 'Left the school');
    expect((await t.engineA.push(t.a)).refusedByServer).toEqual([]);
    await t.engineA.close();

    useDatabase(t.dbB);
    const locks: (string | undefined)[] = [];
    const refreshes = { n: 0 };
    const view = mount(head, locks, refreshes);
    await waitFor(() => expect(locks).toHaveLength(1), { timeout: 25_000 });
    expect(locks[0]).toBe(
      'You are no longer a key holder: you were removed on another tablet, so this tablet signed you out.',
    );
    expect(head.locked).toBe(true);
    // Nothing decrypted is read again for a session that has ended.
    expect(refreshes.n).toBe(0);
    view.unmount();
  });

  it('never locks when a pull signs nobody out, and refreshes the lists after it', async () => {
    const t = await twoTablets();
    await t.engineA.close();
    useDatabase(t.dbB);
    const deputy = await unlock(device.users.deputy, PASSPHRASES.deputy);
    expect(await readSyncServer(deputy)).not.toBeNull();
    const locks: (string | undefined)[] = [];
    const refreshes = { n: 0 };
    const view = mount(deputy, locks, refreshes);
    await waitFor(() => expect(screen.getByTestId('sync-state').textContent).toBe('upToDate'), { timeout: 25_000 });
    // The first pull applied A's records (the deputy's tablet takes the cases on): the lists read again.
    await waitFor(() => expect(refreshes.n).toBeGreaterThan(0));
    expect(locks).toEqual([]);
    expect(deputy.locked).toBe(false);
    view.unmount();
  });
});
