// The Dexie schema: v1 never changes, a database seeded in the v1 shape reopens whole, a later version is added alongside, and another tab's upgrade is handled.
import Dexie from 'dexie';
import { beforeAll, describe, expect, it } from 'vitest';
import { listSummaries, loadCase } from '../../../src/storage/cases';
import {
  CURRENT_SCHEMA_VERSION,
  DB_NAME,
  SCHEMA_V1,
  SCHEMA_VERSIONS,
  db,
  onVersionChange,
  useDatabase,
} from '../../../src/storage/db';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { unlock } from '../../../src/storage/keys/keyring';
import { lock } from '../../../src/storage/keys/session';
import { appendEvent, createCase } from '../../../src/storage/cases';
import { PASSPHRASES, setUpDevice, type Device } from './harness';
import { disclosureDraft, noteDraft } from './flows';

type Rows = Record<string, unknown[]>;

/** Every row of every v1 store, read raw. */
async function readAll(name: string): Promise<Rows> {
  const raw = new Dexie(name);
  raw.version(1).stores(SCHEMA_V1);
  await raw.open();
  const out: Rows = {};
  for (const t of Object.keys(SCHEMA_V1)) out[t] = await raw.table(t).toArray();
  raw.close();
  return out;
}

/**
 * The harness pattern for every upgrade test: seed a database with only the versions up to
 * `upTo` (the old app), close it, and let the caller open it with the current app.
 */
async function seedOldShape(name: string, upTo: number, rows: Rows): Promise<void> {
  const old = new Dexie(name);
  for (const v of SCHEMA_VERSIONS.filter((x) => x.version <= upTo)) old.version(v.version).stores(v.stores);
  await old.open();
  for (const [table, list] of Object.entries(rows)) await old.table(table).bulkPut(list);
  old.close();
}

let device: Device;
let caseId: string;
beforeAll(async () => {
  device = await setUpDevice('schema-source');
  caseId = (await createCase(device.session)).caseId;
  await appendEvent(device.session, caseId, disclosureDraft(device.session));
  await appendEvent(device.session, caseId, noteDraft(device.session));
});

describe('schema v1', () => {
  it('is the shipped v1, unchanged (to change the schema, ADD a version: never edit this one)', () => {
    expect(DB_NAME).toBe('ypsi-response');
    expect(SCHEMA_VERSIONS[0]).toEqual({ version: 1, stores: SCHEMA_V1 });
    expect(
      SCHEMA_V1,
      'v1 has shipped: add db.version(2) with the new stores and an upgrade test, and leave v1 as it is',
    ).toEqual({
      meta: 'key',
      keyring: 'userId',
      cases: 'id, status, stage, openedAt, updatedAt',
      snapshots: 'caseId',
      events: '[caseId+seq], dseq',
      log: 'seq, dseq',
      inbox: 'id, sealedAt',
      drafts: 'id, updatedAt',
      heads: 'id',
    });
  });

  it('indexes no names or text: only ids, dates, status and stage', () => {
    const indexed = Object.values(SCHEMA_V1).join(',');
    expect(indexed).not.toMatch(/name|reference|text|summary/i);
  });

  it('a database seeded in the v1 shape reopens with everything intact: unlock, cases, summaries, chains', async () => {
    const rows = await readAll(device.name);
    await seedOldShape('schema-seeded-v1', 1, rows);
    useDatabase('schema-seeded-v1');
    expect(await readAll('schema-seeded-v1')).toEqual(rows);
    const session = await unlock(device.users.deputy, PASSPHRASES.deputy);
    expect((await loadCase(session, caseId)).events).toHaveLength(3);
    expect((await listSummaries(session)).summaries).toHaveLength(1);
    expect((await fullVerify(session)).ok).toBe(true);
    lock(session);
  });

  it('a later version can be added alongside v1 without touching its data (the pattern for the next one)', async () => {
    const rows = await readAll(device.name);
    await seedOldShape('schema-additive', 1, rows);
    const next = new Dexie('schema-additive');
    for (const v of SCHEMA_VERSIONS) next.version(v.version).stores(v.stores);
    next.version(CURRENT_SCHEMA_VERSION + 1).stores({ retention: 'caseId, dueOn' });
    await next.open();
    const added = SCHEMA_VERSIONS.slice(1).flatMap((v) => Object.keys(v.stores));
    expect(next.tables.map((t) => t.name).sort()).toEqual([...Object.keys(SCHEMA_V1), ...added, 'retention'].sort());
    next.close();
    expect(await readAll('schema-additive')).toEqual(rows);
  });

  it('v2 (issue 13) only adds the stores for other tablets’ steps, indexing opaque ids only', () => {
    expect(SCHEMA_VERSIONS[1]).toEqual({
      version: 2,
      stores: { peerEvents: '[caseId+device+seq], caseId, eventId', peerHeads: '[caseId+device], caseId' },
    });
  });
});

describe('another tab opening a newer version', () => {
  it('closes this connection at once (so the upgrade is not blocked) and reports it', async () => {
    const name = 'schema-versionchange';
    await seedOldShape(name, 1, await readAll(device.name));
    useDatabase(name);
    await db().open();
    const reports: unknown[] = [];
    const stop = onVersionChange((info) => reports.push(info));
    const newer = new Dexie(name);
    for (const v of SCHEMA_VERSIONS) newer.version(v.version).stores(v.stores);
    newer.version(CURRENT_SCHEMA_VERSION + 1).stores({ retention: 'caseId' });
    await newer.open();
    // Dexie multiplies versions by 10 in IndexedDB.
    expect(reports).toEqual([
      { databaseName: name, oldVersion: CURRENT_SCHEMA_VERSION * 10, newVersion: (CURRENT_SCHEMA_VERSION + 1) * 10 },
    ]);
    expect(db().isOpen()).toBe(false);
    // This tab's code is older than the data now: it must not carry on writing.
    await expect(quickVerify(device.session)).rejects.toThrow(/closed/i);
    newer.close();
    stop();
  });
});
