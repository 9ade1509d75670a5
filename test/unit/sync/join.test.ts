// Joining a second tablet through the sync server (docs/SYNC.md, "Joining a tablet"), against a real
// server (pouchdb-server started here, or CouchDB 3 with COUCHDB_URL): the key holders' wraps, the
// settings and the establishment log reach it as ciphertext only; a key holder unlocks there with
// their own passphrase; the code works once; a rotation sends a new generation of every case key.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../src/storage/cases';
import { db, useDatabase } from '../../../src/storage/db';
import { unlock } from '../../../src/storage/keys/keyring';
import { removeUser } from '../../../src/storage/keys/users';
import { lock } from '../../../src/storage/keys/session';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { readLog } from '../../../src/storage/chain/log';
import { WrongPassphraseError } from '../../../src/storage/crypto';
import { readSyncServer, saveSyncServer } from '../../../src/storage/sync/config';
import { makeEnrolment, EnrolError } from '../../../src/storage/sync/enrol';
import { JoinError, startJoin } from '../../../src/storage/sync/join';
import { decodeEnrolmentCode } from '../../../src/storage/sync/enrolCode';
import { type DisclosureDraft, listInbox, sealDisclosure } from '../../../src/storage/inbox';
import type { SyncServer } from '../../../src/storage/sync/engine';
import { type Device, PASSPHRASES, SETTINGS, setUpDevice, useCopyOf } from '../storage/harness';
import { appendClosing } from '../storage/flows';
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

async function serverDocs(server: TestServer, name: string): Promise<Record<string, unknown>[]> {
  const res = await server.adminFetch(`/${name}/_all_docs?include_docs=true&conflicts=true`);
  const body = (await res.json()) as { rows: { id: string; doc: Record<string, unknown> }[] };
  return body.rows.filter((r) => !r.id.startsWith('_design/')).map((r) => r.doc);
}

const staffDraft: DisclosureDraft = {
  writer: { name: 'Sam Fennimore', jobTitle: 'Year 9 tutor' },
  disclosure: {
    disclosedBy: 'Ophelia Grindlewald',
    discloserRelation: 'young-person',
    disclosedTo: 'Sam Fennimore',
    disclosedAt: '2026-03-02T10:15:00.000Z',
    channel: 'in-person',
    account: 'Ophelia said a picture of her is going round.',
    platforms: ['WhatsApp'],
    spreadNotes: 'Maybe the whole year group.',
    imageryDescription: 'A photograph.',
    actionsTaken: 'Told the DSL in person straight away.',
  },
  persons: [
    {
      id: 'p1',
      name: 'Ophelia Grindlewald',
      atEstablishment: true,
      involvement: ['pictured'],
      adult: 'no',
      worksWithChildren: 'no',
      ageYears: 14,
    },
  ],
};

let server: TestServer;
let device: Device;
let tablets = 0;
beforeAll(async () => {
  server = await startServer();
  device = await setUpDevice('sync-join');
});
afterAll(async () => {
  await server?.stop();
});

/** Tablet A (a copy of the set-up device) syncing with a new database, with a case on it; and tablet B's credential from IT. */
async function tabletAWithCase() {
  await useCopyOf(device);
  const a = device.session;
  const name = freshDbName('join');
  await setupCli(server.adminUrl(name));
  const tabletA = await addTablet(server, name, 'hill-a');
  const tabletB = await addTablet(server, name, 'hill-b');
  await saveSyncServer(a, tabletA);
  const c = await createCase(a);
  await appendClosing(device, c.caseId);
  const engine = await tabletEngine(tabletA);
  await engine.push(a);
  return { a, name, tabletA, tabletB, engine, dbA: db().name, caseRef: c.reference };
}

const origin = () => new URL(server.root).origin;
const freshTablet = () => useDatabase(`sync-join-tablet-${++tablets}`);

describe('joining a tablet with a one-time enrolment code', () => {
  it('B pulls, a key holder unlocks there with their own passphrase, and the server holds no name', async () => {
    const { a, name, tabletB, engine, dbA, caseRef } = await tabletAWithCase();
    const logOnA = (await readLog(a)).length;
    const { code, expiresAt } = await makeEnrolment(a, tabletB, origin());
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{1,4})+$/);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    // Who made a code for which tablet is in A's establishment log (issue 13), after the code's anchor.
    expect((await readLog(a)).at(-1)).toMatchObject({ type: 'tablet.enrolled', tablet: tabletB.username, expiresAt });
    await engine.close();

    freshTablet();
    const joining = await startJoin(code, origin(), { Pouch: await pouch(), adapter: 'memory' });
    expect(joining.establishment).toBe(SETTINGS.establishment.name);
    expect(joining.holders.map((h) => h.name).sort()).toEqual(['Dana Shah', 'Dev Patel', 'Helen Okafor']);
    const deputy = joining.holders.find((h) => h.role === 'deputy-dsl')!;
    await expect(joining.complete(deputy.userId, 'not the right passphrase')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    await joining.complete(deputy.userId, PASSPHRASES.deputy);
    await joining.close();

    // The deputy (and the DSL) unlock on B with their own passphrases; B's record checks out whole.
    const onB = await unlock(deputy.userId, PASSPHRASES.deputy);
    expect((await readLog(onB)).length).toBe(logOnA);
    const report = await fullVerify(onB);
    expect(report.problems).toEqual([]);
    expect((await readSyncServer(onB))?.username).toBe(tabletB.username);
    // The case made on A reaches B with its steps, checked and applied (the other tablets' steps, issue 13).
    const engineB = await tabletEngine((await readSyncServer(onB))!);
    const pulled = await engineB.pull(onB);
    expect(pulled.refused).toEqual([]);
    expect(pulled.applied).toBeGreaterThan(0);
    expect(await db().cases.count()).toBe(1);
    await engineB.close();
    lock(onB);
    lock(await unlock(device.users.dsl, PASSPHRASES.dsl));

    // The server saw ciphertext only: no name typed on A, no reference, no passphrase.
    const dump = JSON.stringify(await serverDocs(server, name));
    for (const word of [
      'Dana Shah',
      'Dev Patel',
      'Helen Okafor',
      SETTINGS.establishment.name,
      'Wolverhampton',
      caseRef,
      PASSPHRASES.dsl,
      'deputy-dsl',
      tabletB.password,
    ])
      expect(dump).not.toContain(word);
    useDatabase(dbA);
  });

  it('works once: the same code on a third tablet is refused at the code', async () => {
    const { a, tabletB, engine, dbA } = await tabletAWithCase();
    const { code } = await makeEnrolment(a, tabletB, origin());
    await engine.close();
    freshTablet();
    const first = await startJoin(code, origin(), { Pouch: await pouch(), adapter: 'memory' });
    await first.complete(device.users.dsl, PASSPHRASES.dsl);
    await first.close();
    freshTablet();
    const again = await startJoin(code, origin(), { Pouch: await pouch(), adapter: 'memory' }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(JoinError);
    expect((again as JoinError).field).toBe('code');
    expect((again as JoinError).message).toMatch(/used already/);
    useDatabase(dbA);
  });

  it('names a mistyped code at its field, and a wrong tablet password at its field on A', async () => {
    const { a, tabletB, engine, dbA } = await tabletAWithCase();
    const wrong = await makeEnrolment(a, { ...tabletB, password: 'not-its-password' }, origin()).catch(
      (e: unknown) => e,
    );
    expect(wrong).toBeInstanceOf(EnrolError);
    expect((wrong as EnrolError).problem.field).toBe('password');
    const { code } = await makeEnrolment(a, tabletB, origin());
    await engine.close();
    const typo = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6);
    expect(await decodeEnrolmentCode(typo, origin())).toEqual({ problem: expect.stringMatching(/typing mistake/) });
    freshTablet();
    const refused = await startJoin(typo, origin()).catch((e: unknown) => e);
    expect((refused as JoinError).field).toBe('code');
    useDatabase(dbA);
  });
});

describe('three tablets', () => {
  it('a joined tablet enrols a third; a disclosure sealed on B reaches the inbox on A and C', async () => {
    const { a, name, tabletB, engine, dbA } = await tabletAWithCase();
    const tabletC = await addTablet(server, name, 'hill-c');
    const { code } = await makeEnrolment(a, tabletB, origin());
    const dbB = freshTablet().name;
    const toB = await startJoin(code, origin(), { Pouch: await pouch(), adapter: 'memory' });
    await toB.complete(device.users.deputy, PASSPHRASES.deputy);
    await toB.close();
    const onB = await unlock(device.users.deputy, PASSPHRASES.deputy);
    // B, joined, makes the code for C (it holds the directory key from its own enrolment).
    const { code: codeC } = await makeEnrolment(onB, tabletC, origin());
    // Staff seal a disclosure on B's lock screen; B syncs.
    const sealed = await sealDisclosure(staffDraft);
    const engineB = await tabletEngine((await readSyncServer(onB))!);
    expect((await engineB.push(onB)).refusedByServer).toEqual([]);
    await engineB.close();

    useDatabase(`sync-join-tablet-${++tablets}`);
    const toC = await startJoin(codeC, origin(), { Pouch: await pouch(), adapter: 'memory' });
    await toC.complete(device.users.head, PASSPHRASES.head);
    await toC.close();
    const onC = await unlock(device.users.head, PASSPHRASES.head);
    expect((await fullVerify(onC)).problems).toEqual([]);
    const engineC = await tabletEngine((await readSyncServer(onC))!);
    expect((await engineC.pull(onC)).refused).toEqual([]);
    expect((await listInbox(onC)).map((i) => i.id)).toEqual([sealed.id]);
    await engineC.close();

    useDatabase(dbA);
    const s = await unlock(device.users.dsl, PASSPHRASES.dsl);
    expect((await engine.pull(s)).refused).toEqual([]);
    const onA = await listInbox(s);
    expect(onA.map((i) => i.id)).toEqual([sealed.id]);
    // Pulled again, it is not delivered twice.
    expect((await engine.pull(s)).refused).toEqual([]);
    expect(await db().inbox.count()).toBe(1);
    await engine.close();
    void dbB;
  });
});

describe('a rotation of the data key reaches the server', () => {
  it('adds a new generation of every case key and a new copy of the key holders; nothing on the server is changed', async () => {
    const { a, name, engine } = await tabletAWithCase();
    await makeEnrolment(a, await addTablet(server, name, 'hill-c'), origin());
    const before = await serverDocs(server, name);
    const keysBefore = before.filter((d) => d.type === 'key');
    expect(keysBefore.every((d) => typeof d.gen === 'string')).toBe(true);
    await removeUser(a, device.users.head, 'Left the school');
    const pushed = await engine.push(a);
    expect(pushed.refusedByServer).toEqual([]);
    const after = await serverDocs(server, name);
    const keysAfter = after.filter((d) => d.type === 'key');
    expect(keysAfter).toHaveLength(keysBefore.length * 2);
    const gens = new Set(keysAfter.map((d) => d.gen));
    expect(gens.size).toBe(2);
    expect(after.filter((d) => d.type === 'estab').length).toBeGreaterThan(
      before.filter((d) => d.type === 'estab').length,
    );
    for (const d of before) expect(after.find((x) => x._id === d._id)).toEqual(d);
    // Pulling it all back: every record this tablet can compare is its own, nothing refused.
    expect((await engine.pull(a)).refused).toEqual([]);
    await engine.close();

    // A tablet joining now unlocks under the new data key; the removed Headteacher is not offered.
    const { code } = await makeEnrolment(a, await addTablet(server, name, 'hill-d'), origin());
    const dbA = db().name;
    freshTablet();
    const joining = await startJoin(code, origin(), { Pouch: await pouch(), adapter: 'memory' });
    expect(joining.holders.map((h) => h.name).sort()).toEqual(['Dana Shah', 'Dev Patel']);
    await joining.complete(device.users.dsl, PASSPHRASES.dsl);
    await joining.close();
    const onD = await unlock(device.users.dsl, PASSPHRASES.dsl);
    expect((await fullVerify(onD)).problems).toEqual([]);
    lock(onD);
    useDatabase(dbA);
  });
});
