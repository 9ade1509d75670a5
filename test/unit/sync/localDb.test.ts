// Upgrading a tablet that already syncs (docs/SYNC.md "Upgrading"): its local replication database,
// made by the earlier version (PouchDB's 'idb' adapter, which cannot purge), is moved into one on
// the 'indexeddb' adapter with nothing lost: every document with its revision, what the inbox has
// checked and what the outbox has sent; a destroyed case's copies in it are then purged, and the
// earlier database is destroyed (docs/SECURITY.md item 13). Against a real server (pouchdb-server
// started here, or CouchDB 3 with COUCHDB_URL), on fake-indexeddb.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, createCase } from '../../../src/storage/cases';
import { unlock } from '../../../src/storage/keys/keyring';
import { lock } from '../../../src/storage/keys/session';
import { destroyCase } from '../../../src/storage/destroy';
import { saveSyncServer } from '../../../src/storage/sync/config';
import { SyncEngine, type SyncServer } from '../../../src/storage/sync/engine';
import { legacyLocalNameFor, localNameFor, moveLocalDatabase } from '../../../src/storage/sync/localDb';
import type { PouchDatabase } from '../../../src/storage/sync/pouch';
import { purgeDestroyed, purgedWithCase } from '../../../src/storage/sync/purge';
import { type Device, PASSPHRASES, setUpDevice, useCopyOf } from '../storage/harness';
import { closedCasePastReview, noteDraft } from '../storage/flows';
import { type TestServer, freshDbName, startServer } from './server';
import { pouch } from './tablet';
import { rawPouchDump } from './rawPouch';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../scripts/sync-setup.mjs');
const setupCli = async (...args: string[]) => (await run(process.execPath, [SCRIPT, ...args])).stdout;

let server: TestServer;
let device: Device;
beforeAll(async () => {
  server = await startServer();
  device = await setUpDevice('sync-local-db');
});
afterAll(async () => {
  await server?.stop();
});

async function revisions(local: PouchDatabase): Promise<Map<string, string>> {
  const rows = (await local.allDocs({})).rows;
  return new Map(rows.map((r) => [r.id, r.value!.rev]));
}

const idbNames = async () => (await indexedDB.databases()).map((d) => d.name);

describe('a tablet that already syncs, upgraded', () => {
  it('moves its replication database onto the adapter that purges: nothing lost, nothing checked or sent again, the earlier one destroyed', async () => {
    await useCopyOf(device);
    const a = await unlock(device.users.dsl, PASSPHRASES.dsl);
    const name = freshDbName('localdb');
    await setupCli(server.adminUrl(name));
    const username = `hill-a-${Math.random().toString(36).slice(2, 8)}`;
    const password = (await setupCli('add-tablet', server.adminUrl(name), username)).trim().split('\n').pop()!;
    const tablet: SyncServer = { url: server.dbUrl(name), username, password };
    await saveSyncServer(a, tablet);
    const doomed = await closedCasePastReview(a, {
      userId: device.users.deputy,
      passphrase: PASSPHRASES.deputy,
      ownPassphrase: PASSPHRASES.dsl,
    });
    const kept = (await createCase(a)).caseId;
    const Pouch = await pouch();

    // The earlier version: the same engine on pouchdb-browser's default adapter, under the earlier name.
    const earlier = SyncEngine.open(Pouch, tablet, { localName: legacyLocalNameFor(tablet), adapter: 'idb' });
    expect(earlier.local.adapter).toBe('idb');
    expect((await earlier.push(a)).refusedByServer).toEqual([]);
    expect((await earlier.pull(a)).refused).toEqual([]);
    // Destroyed by the earlier version (its replication database keeps the case's copies), then a
    // step staged but not sent yet.
    await destroyCase(a, doomed, {
      reason: 'Retention review: the period has ended.',
      passphrase: PASSPHRASES.dsl,
      secondUserId: device.users.deputy,
      secondPassphrase: PASSPHRASES.deputy,
    });
    expect((await earlier.push(a)).refusedByServer).toEqual([]);
    await appendEvent(a, kept, noteDraft(a, 'Recorded before the upgrade, not sent yet.'));
    expect(await earlier.pending(a)).toBe(1);
    const before = await revisions(earlier.local);
    const doomedDocs = (await earlier.local.allDocs({ include_docs: true })).rows.flatMap((r) =>
      r.doc && purgedWithCase(r.doc) === doomed ? [r.doc] : [],
    );
    expect(doomedDocs.length).toBeGreaterThan(2);
    // What the earlier inbox had not checked yet (this tablet's own records staged since its last pull).
    const { checkedSeq } = (await earlier.local.get('_local/ypsi-inbox')) as unknown as { checkedSeq: number };
    const unchecked = (await earlier.local.changes({ since: checkedSeq, include_docs: true })).results.filter(
      (c) => c.doc && purgedWithCase(c.doc) !== doomed,
    ).length;
    expect(unchecked).toBeGreaterThan(0);
    expect(unchecked).toBeLessThan(before.size / 2);
    await earlier.close();

    // A move cut short before (the tab killed half-way) left a partial copy: it is made again.
    const partial = new Pouch(localNameFor(tablet), { adapter: 'indexeddb' });
    await partial.put({ _id: '_local/ypsi-copying' });
    await partial.put({ _id: 'event:half-copied', type: 'event' });
    await partial.close();

    const moved = await moveLocalDatabase(Pouch, legacyLocalNameFor(tablet), localNameFor(tablet));
    expect(moved).toBe(before.size);
    expect(await idbNames()).not.toContain(`_pouch_${legacyLocalNameFor(tablet)}`);
    // Moved once: a second start of sync leaves it as it is.
    expect(await moveLocalDatabase(Pouch, legacyLocalNameFor(tablet), localNameFor(tablet))).toBe(0);

    const engine = SyncEngine.open(Pouch, tablet, { localName: localNameFor(tablet) });
    expect(engine.local.adapter).toBe('indexeddb');
    // Every document, the same revision; the step not sent yet still waits, and only it.
    expect(await revisions(engine.local)).toEqual(before);
    expect(await engine.pending(a)).toBe(1);
    // The destroyed case's copies go at the first start (runtime.ts), none of them left raw.
    expect(await purgeDestroyed(engine.local)).toBe(doomedDocs.length);
    const raw = await rawPouchDump(engine.local.name);
    for (const doc of doomedDocs) expect(raw).not.toContain(String(doc.ct));
    // The first pull re-reads the server (new checkpoints) but checks again nothing the earlier
    // database had checked: only what it had not (this tablet's own, confirmed), refusing nothing
    // (the destroyed case's copies it brings back are purged again); the push sends the step.
    const pulled = await engine.pull(a);
    expect(pulled).toMatchObject({ refused: [], confirmed: unchecked, applied: 0 });
    expect((await engine.push(a)).sent).toBe(1);
    expect(await engine.pending(a)).toBe(0);
    expect(await rawPouchDump(engine.local.name)).not.toContain(String(doomedDocs[0]!.ct));
    await engine.close();
    lock(a);
  });

  it('keeps a replication database made by this version (a tablet joined since) as it is', async () => {
    const Pouch = await pouch();
    const tablet: SyncServer = { url: 'http://127.0.0.1:9/ypsi-joined', username: 'joined', password: 'x' };
    const made = new Pouch(localNameFor(tablet), { adapter: 'indexeddb' });
    await made.put({ _id: 'estab:1', type: 'estab' });
    await made.close();
    expect(await moveLocalDatabase(Pouch, legacyLocalNameFor(tablet), localNameFor(tablet))).toBe(0);
    const again = new Pouch(localNameFor(tablet), { adapter: 'indexeddb' });
    expect((await again.allDocs({})).rows.map((r) => r.id)).toEqual(['estab:1']);
    await again.close();
    expect(await idbNames()).not.toContain(`_pouch_${legacyLocalNameFor(tablet)}`);
  });
});
