// A destroyed case leaves no copy in any tablet's own local replication database (docs/SYNC.md
// "Destroyed cases", docs/SECURITY.md item 13), against a real server (pouchdb-server started here,
// or CouchDB 3 with COUCHDB_URL). The replication databases are PouchDB's 'indexeddb' adapter on
// fake-indexeddb, as in the app, and are read raw (every object store) to see what someone holding
// the tablet could read.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../src/storage/cases';
import {
  type DisclosureDraft,
  acceptDisclosure,
  inboxCount,
  listInbox,
  sealDisclosure,
} from '../../../src/storage/inbox';
import { useDatabase } from '../../../src/storage/db';
import { unlock } from '../../../src/storage/keys/keyring';
import { lock } from '../../../src/storage/keys/session';
import { destroyCase } from '../../../src/storage/destroy';
import { readSyncServer, saveSyncServer } from '../../../src/storage/sync/config';
import { makeEnrolment } from '../../../src/storage/sync/enrol';
import { startJoin } from '../../../src/storage/sync/join';
import type { SyncServer } from '../../../src/storage/sync/engine';
import type { PouchDatabase, PouchDoc } from '../../../src/storage/sync/pouch';
import { purgeDestroyed, purgedWithCase } from '../../../src/storage/sync/purge';
import { purgeCommand, serverCopiesOf } from '../../../src/storage/sync/serverCopies';
import { type Device, PASSPHRASES, setUpDevice, useCopyOf } from '../storage/harness';
import { closedCasePastReview, distinctiveFacts } from '../storage/flows';
import { type TestServer, freshDbName, startServer } from './server';
import { pouch, tabletEngine } from './tablet';
import { rawPouchDump } from './rawPouch';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../scripts/sync-setup.mjs');
const setupCli = async (...args: string[]) => (await run(process.execPath, [SCRIPT, ...args])).stdout;

async function addTablet(server: TestServer, name: string, label: string): Promise<SyncServer> {
  const username = `${label}-${Math.random().toString(36).slice(2, 8)}`;
  const out = await setupCli('add-tablet', server.adminUrl(name), username);
  return { url: server.dbUrl(name), username, password: out.trim().split('\n').pop()! };
}

async function allDocs(local: PouchDatabase): Promise<PouchDoc[]> {
  return (await local.allDocs({ include_docs: true })).rows.flatMap((r) => (r.doc ? [r.doc] : []));
}

/** What a case leaves that must go (its steps, keys and the sealed disclosure it was opened from), and what must stay (everything else, its tombstones). */
function split(docs: PouchDoc[], caseId: string, disclosureDoc: string) {
  const goes = (d: PouchDoc) => purgedWithCase(d) === caseId || d._id === disclosureDoc;
  const gone = docs.filter(goes);
  expect(gone.some((d) => d._id === disclosureDoc)).toBe(true);
  return { gone, kept: docs.filter((d) => !goes(d)) };
}

/** None of the case's steps or keys, by id or by ciphertext, anywhere in the raw database; its tombstones are there. */
async function expectPurged(local: PouchDatabase, gone: PouchDoc[], caseId: string): Promise<void> {
  const raw = await rawPouchDump(local.name);
  expect(gone.length).toBeGreaterThan(0);
  for (const doc of gone) {
    expect(raw).not.toContain(doc._id);
    expect(raw).not.toContain(String(doc.ct));
  }
  const left = await allDocs(local);
  expect(left.filter((d) => purgedWithCase(d) === caseId || d.type === 'disclosure')).toEqual([]);
  expect(left.some((d) => d.type === 'tombstone' && d.chain === caseId)).toBe(true);
  // The purge is no change: the feed lists no deletion, so nothing is refused as "deleted on the server".
  const changes = await local.changes({ since: 0 });
  expect(changes.results.filter((c) => c.deleted)).toEqual([]);
}

/** Every document of `kept` is still in `local`, the same revision. */
async function expectKept(local: PouchDatabase, kept: PouchDoc[]): Promise<void> {
  const now = new Map((await allDocs(local)).map((d) => [d._id, d._rev]));
  expect(kept.filter((d) => now.get(d._id) !== d._rev).map((d) => d._id)).toEqual([]);
}

/** A staff member's account, sealed on tablet A. */
const WORDS: DisclosureDraft = {
  writer: { name: 'Sam Fennimore', jobTitle: 'Year 9 tutor' },
  disclosure: {
    disclosedBy: 'Ophelia Grindlewald',
    discloserRelation: 'young-person',
    disclosedTo: 'Sam Fennimore',
    disclosedAt: '2026-03-02T10:15:00.000Z',
    channel: 'in-person',
    account: 'Told on the stairs after the lesson.',
    platforms: ['WhatsApp'],
    spreadNotes: 'Maybe the whole year group.',
    imageryDescription: 'A photograph.',
    actionsTaken: 'Told the DSL in person straight away.',
  },
  // The people the review names (flows.ts closedCasePastReview): none is removed there.
  persons: distinctiveFacts().persons as DisclosureDraft['persons'],
};

let server: TestServer;
let device: Device;
let tablets = 0;
beforeAll(async () => {
  server = await startServer();
  device = await setUpDevice('sync-purge');
});
afterAll(async () => {
  await server?.stop();
});

describe('a case destroyed on tablet A', () => {
  it('is purged from A’s and B’s local replication databases with the sealed disclosure it was opened from, again after a pull brings them back; its tombstone and everything else stay', async () => {
    const dbA = await useCopyOf(device);
    const a = await unlock(device.users.dsl, PASSPHRASES.dsl);
    const name = freshDbName('purge');
    await setupCli(server.adminUrl(name));
    const tabletA = await addTablet(server, name, 'hill-a');
    await saveSyncServer(a, tabletA);
    // A staff disclosure sealed on A reaches the server sealed, and B's inbox when B joins.
    const engineA = await tabletEngine(tabletA);
    expect(engineA.local.adapter).toBe('indexeddb');
    const sealed = await sealDisclosure(WORDS);
    const disclosureDoc = `disclosure:${sealed.id}`;
    const { code } = await makeEnrolment(a, await addTablet(server, name, 'hill-b'), new URL(server.root).origin);
    expect((await engineA.push(a)).refusedByServer).toEqual([]);
    const dbB = `sync-purge-tablet-${++tablets}`;
    useDatabase(dbB);
    const joining = await startJoin(code, new URL(server.root).origin, { Pouch: await pouch() });
    await joining.complete(device.users.deputy, PASSPHRASES.deputy);
    await joining.close();
    const b = await unlock(device.users.deputy, PASSPHRASES.deputy);
    const engineB = await tabletEngine((await readSyncServer(b))!);
    expect((await engineB.pull(b)).refused).toEqual([]);
    expect((await listInbox(b)).map((i) => [i.id, 'acceptedInto' in i])).toEqual([[sealed.id, false]]);

    // A accepts it into a case, which is closed and past its review; B pulls the case and shows the
    // disclosure as accepted on another tablet.
    useDatabase(dbA);
    const caseId = await closedCasePastReview(
      a,
      { userId: device.users.deputy, passphrase: PASSPHRASES.deputy, ownPassphrase: PASSPHRASES.dsl },
      (await acceptDisclosure(a, sealed.id)).caseId,
    );
    const other = (await createCase(a)).caseId;
    expect((await engineA.push(a)).refusedByServer).toEqual([]);
    useDatabase(dbB);
    expect((await engineB.pull(b)).refused).toEqual([]);
    expect(await listInbox(b)).toMatchObject([{ id: sealed.id, acceptedInto: { caseId } }]);
    const beforeB = split(await allDocs(engineB.local), caseId, disclosureDoc);

    // A destroys it: the runtime purges at once (purgeDestroyed); a second call finds nothing left to do.
    useDatabase(dbA);
    const beforeA = split(await allDocs(engineA.local), caseId, disclosureDoc);
    await destroyCase(a, caseId, {
      reason: 'Retention review: the period has ended.',
      passphrase: PASSPHRASES.dsl,
      secondUserId: device.users.deputy,
      secondPassphrase: PASSPHRASES.deputy,
    });
    expect(await purgeDestroyed(engineA.local)).toBe(beforeA.gone.length);
    expect(await purgeDestroyed(engineA.local)).toBe(0);
    // Push sends the tombstone and new generation, nothing of the purged case; the server keeps its copies (until IT purges).
    expect((await engineA.push(a)).refusedByServer).toEqual([]);
    expect(await engineA.pending(a)).toBe(0);
    await expectPurged(engineA.local, beforeA.gone, caseId);
    await expectKept(engineA.local, beforeA.kept);
    const copies = await serverCopiesOf(a, [caseId, other]);
    expect(copies?.copies).toEqual({ [caseId]: 'held', [other]: 'held' });
    // The server sees only ciphertext: the app names the sealed disclosure in IT's purge command.
    expect(copies?.disclosures).toEqual({ [caseId]: [disclosureDoc], [other]: [] });
    expect(purgeCommand(copies!.url, caseId, copies!.disclosures[caseId])).toMatch(
      new RegExp(` ${caseId} ${disclosureDoc}$`),
    );
    expect((await engineA.pull(a)).refused).toEqual([]);
    await expectPurged(engineA.local, beforeA.gone, caseId);

    // B follows the destruction at its pull, and purges its own copies in the same pull.
    useDatabase(dbB);
    const pulled = await engineB.pull(b);
    expect(pulled.refused).toEqual([]);
    expect(pulled.followed).toMatchObject({ erased: 1 });
    await expectPurged(engineB.local, beforeB.gone, caseId);
    await expectKept(engineB.local, beforeB.kept);
    // B's inbox keeps no entry of the disclosure ("accepted on another tablet" went with the case).
    expect(await listInbox(b)).toEqual([]);
    expect(await inboxCount()).toBe(0);
    expect((await engineB.push(b)).refusedByServer).toEqual([]);

    // A pull that brings the case's documents back (a replication database made anew: the server
    // still holds them) purges them again, refusing nothing; the other case is all there.
    const fresh = await tabletEngine((await readSyncServer(b))!);
    const again = await fresh.pull(b);
    expect(again.refused).toEqual([]);
    await expectPurged(fresh.local, beforeB.gone, caseId);
    const freshIds = new Set((await allDocs(fresh.local)).map((d) => d._id));
    expect(beforeB.kept.filter((d) => !freshIds.has(d._id)).map((d) => d._id)).toEqual([]);
    expect(beforeB.kept.some((d) => d.of === other)).toBe(true);
    // The sealed disclosure it brought back is purged, never offered in the inbox again.
    expect(await listInbox(b)).toEqual([]);
    // And B's own database, its documents put back as replication would: purged at the next pull, none refused.
    await engineB.local.bulkDocs(beforeB.gone, { new_edits: false });
    expect((await engineB.pull(b)).refused).toEqual([]);
    await expectPurged(engineB.local, beforeB.gone, caseId);
    expect(await inboxCount()).toBe(0);
    await Promise.all([engineA.close(), engineB.close(), fresh.close()]);
    lock(a);
    lock(b);
  });
});
