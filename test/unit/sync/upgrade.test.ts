// Issue 13: a database made by today's single-tablet version (schema v1, events that name neither
// their parents nor their tablet, written by the same write path as before: stamp, chain, commit)
// opens under schema v2 with nothing moved, its cases load in the same order, a new step names the
// one it followed, and another tablet takes the whole case in, whether this tablet had already sent
// its first steps to the server (without naming itself) or sends them only now.
import Dexie from 'dexie';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, loadCase } from '../../../src/storage/cases';
import { SCHEMA_V1, SCHEMA_VERSIONS, db, useDatabase } from '../../../src/storage/db';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { unlock } from '../../../src/storage/keys/keyring';
import { bulkSeedCases } from '../../../src/storage/seed';
import { collectOutgoing } from '../../../src/storage/sync/outbox';
import type { PouchDoc } from '../../../src/storage/sync/pouch';
import { PASSPHRASES, cloneDatabase, setUpDevice, type Device } from '../storage/harness';
import { disclosureDraft, noteDraft } from '../storage/flows';
import { type Tablet, newTablet, pullFrom, pushTo } from './tablets';
import { pouch } from './tablet';

let device: Device;
/** The set-up database before any case: each test's tablet B is a copy of it. */
let pristine: Device;
let caseId: string;
let v1Rows: Record<string, unknown[]>;
beforeAll(async () => {
  device = await setUpDevice('sync-upgrade');
  // Tablet B joins before the case exists (the same keys, its own id).
  pristine = { ...device, name: 'sync-upgrade-pristine' };
  db().close();
  await cloneDatabase(device.name, pristine.name);
  useDatabase(device.name);
  // The case as today's version writes it: events without parents or tablet.
  [caseId] = (await bulkSeedCases(device.session, 1, {
    events: (_i, s) => [disclosureDraft(s), noteDraft(s, 'Written by the single-tablet version.')],
  })) as [string];
  const raw = new Dexie(device.name);
  raw.version(1).stores(SCHEMA_V1);
  await raw.open();
  v1Rows = {};
  for (const t of Object.keys(SCHEMA_V1)) v1Rows[t] = await raw.table(t).toArray();
  raw.close();
}, 60_000);

let copies = 0;
/** A database in the v1 shape only (today's release), holding `v1Rows`; opened by this version. */
async function openedFromV1(): Promise<{ name: string; tablet: Tablet }> {
  const name = `sync-upgrade-v1-${++copies}`;
  const old = new Dexie(name);
  old.version(1).stores(SCHEMA_V1);
  await old.open();
  for (const [t, rows] of Object.entries(v1Rows)) await old.table(t).bulkPut(rows);
  old.close();
  useDatabase(name);
  const session = await unlock(device.users.dsl, PASSPHRASES.dsl);
  const Pouch = await pouch();
  const device0 = (v1Rows.meta!.find((r) => (r as { key: string }).key === 'device') as { installationId: string })
    .installationId;
  return { name, tablet: { name, device: device0, session, local: new Pouch(`${name}-sync`, { adapter: 'memory' }) } };
}

describe('a database made by the single-tablet version', () => {
  it('opens under schema v2 with nothing moved; its case loads, checks out, and a new step names the one before', async () => {
    const { name, tablet } = await openedFromV1();
    await db().open();
    expect(db().verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(
      db()
        .tables.map((t) => t.name)
        .sort(),
    ).toEqual([...Object.keys(SCHEMA_V1), 'peerEvents', 'peerHeads'].sort());
    const before = await loadCase(tablet.session, caseId);
    expect(before.events.map((e) => e.type)).toEqual(['case.opened', 'disclosure.recorded', 'note.added']);
    expect(before.events.every((e) => e.parents === undefined && e.device === undefined)).toBe(true);
    expect((await fullVerify(tablet.session)).ok).toBe(true);

    const next = await appendEvent(tablet.session, caseId, noteDraft(tablet.session, 'After the upgrade.'));
    expect(next.event).toMatchObject({ parents: [before.events[2]!.id], device: tablet.device });
    expect((await loadCase(tablet.session, caseId)).events.map((e) => e.id)).toEqual([
      ...before.events.map((e) => e.id),
      next.event.id,
    ]);
    expect((await fullVerify(tablet.session)).ok).toBe(true);
    expect(name).toMatch(/v1/);
  });

  it('sends its whole history naming itself when sync is turned on only now: another tablet takes the case in', async () => {
    const b = await newTablet(pristine, 'b');
    const { tablet } = await openedFromV1();
    await appendEvent(tablet.session, caseId, noteDraft(tablet.session, 'After the upgrade.'));
    const Pouch = await pouch();
    const server = new Pouch(`sync-upgrade-server-${copies}`, { adapter: 'memory' });
    await pushTo(tablet, server);
    const docs = (await server.allDocs({ include_docs: true })).rows.map((r) => r.doc!);
    expect(docs.filter((d) => d.type === 'event').every((d) => d.dev === tablet.device)).toBe(true);
    expect(await pullFrom(b, server)).toMatchObject({ applied: 4, refused: [] });
    const onB = await loadCase(b.session, caseId);
    useDatabase(tablet.name);
    const onA = await loadCase(tablet.session, caseId);
    expect(onB.events.map((e) => e.id)).toEqual(onA.events.map((e) => e.id));
    expect(onB.snapshot.context.branches).toEqual(onA.snapshot.context.branches);
  });

  it('keeps one chain when its first steps were already on the server without naming their tablet', async () => {
    const b = await newTablet(pristine, 'b');
    const { tablet } = await openedFromV1();
    const Pouch = await pouch();
    const server = new Pouch(`sync-upgrade-server-old-${copies}`, { adapter: 'memory' });
    // What the single-tablet version staged: the same documents, without `dev`.
    const { docs, upToDseq } = await collectOutgoing(0);
    await tablet.local.bulkDocs(
      docs.map((d) => {
        const { dev: _dev, ...rest } = d as typeof d & { dev?: string };
        return rest as unknown as PouchDoc;
      }),
    );
    await tablet.local.put({ _id: '_local/ypsi-outbox', stagedDseq: upToDseq, pushedSeq: 0 } as unknown as PouchDoc);
    await tablet.local.replicate.to(server);

    const later = await appendEvent(tablet.session, caseId, noteDraft(tablet.session, 'After the upgrade.'));
    await pushTo(tablet, server);
    const stored = (await server.get(`event:${later.event.id}`)) as PouchDoc;
    expect(stored.dev).toBeUndefined();
    expect(await pullFrom(b, server)).toMatchObject({ applied: 4, refused: [] });
    const onB = await loadCase(b.session, caseId);
    expect(onB.events.map((e) => e.id).at(-1)).toBe(later.event.id);
    // The new step is still said to be the upgraded tablet's.
    expect(onB.events.at(-1)?.device).toBe(tablet.device);
    // Its own pull finds every document its own, unchanged.
    useDatabase(tablet.name);
    expect((await pullFrom(tablet, server)).refused).toEqual([]);
  });
});
