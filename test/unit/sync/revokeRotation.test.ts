// A revocation outlives rotations of the data key (docs/SYNC.md, "Revoking a tablet";
// docs/SECURITY.md items 18 and 19), against a real server (pouchdb-server started here, or
// CouchDB 3 with COUCHDB_URL). Tablets A, B and C of one establishment (B and C joined with
// enrolment codes); A revokes C; then a key holder is removed (a rotation) on A, or on B; the other
// follows. A step C records after its revocation still reaches the server (a thief with an admin's
// help, or a server that takes it) and is refused and named on A and on B, and on a tablet D that
// joins after the rotation; the notice is posted again under the new data key; every tablet's full
// check passes; and a rotation alone does not make a tablet change its server password again.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, createCase, loadCase } from '../../../src/storage/cases';
import { readLog } from '../../../src/storage/chain/log';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { useDatabase } from '../../../src/storage/db';
import { CaseNotFoundError } from '../../../src/storage/errors';
import { unlock } from '../../../src/storage/keys/keyring';
import { type Session, secretsOf } from '../../../src/storage/keys/session';
import { removeUser } from '../../../src/storage/keys/users';
import { readSyncServer, saveSyncServer } from '../../../src/storage/sync/config';
import { SyncEngine, type SyncServer } from '../../../src/storage/sync/engine';
import { makeEnrolment } from '../../../src/storage/sync/enrol';
import { startJoin } from '../../../src/storage/sync/join';
import { keepCredentialCurrent, listJoinedTablets, revokeTablet } from '../../../src/storage/sync/revoke';
import { openTabletDocs, revocations } from '../../../src/storage/sync/tabletRecords';
import { type Device, PASSPHRASES, setUpDevice, useCopyOf } from '../storage/harness';
import { disclosureDraft, noteDraft } from '../storage/flows';
import { type TestServer, freshDbName, startServer } from './server';
import { pouch } from './tablet';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../scripts/sync-setup.mjs');
const setupCli = async (...args: string[]) => (await run(process.execPath, [SCRIPT, ...args])).stdout;

let server: TestServer;
let device: Device;
let joinedDbs = 0;
beforeAll(async () => {
  server = await startServer();
  device = await setUpDevice('sync-revoke-rotation');
});
afterAll(async () => {
  await server?.stop();
});

const origin = () => new URL(server.root).origin;

async function addTablet(name: string, label: string): Promise<SyncServer> {
  const username = `${label}-${Math.random().toString(36).slice(2, 8)}`;
  const out = await setupCli('add-tablet', server.adminUrl(name), username);
  return { url: server.dbUrl(name), username, password: out.trim().split('\n').pop()! };
}

/** One tablet: its database, the key holder signed in there, and its sync engine (with its current password). */
type T = { db: string; session: Session; engine: SyncEngine };

let localDbs = 0;
/** An engine for `server` over the replication database `localName` (in memory, kept by name as IndexedDB keeps it). */
async function engineOver(server: SyncServer, localName: string): Promise<SyncEngine> {
  return SyncEngine.open(await pouch(), server, { localName, adapter: 'memory' });
}

const on = (t: T) => (useDatabase(t.db), t.session);

/** A new tablet joined with an enrolment code made on `from`, `who` signed in there, its password left for the others. */
async function join(
  from: T,
  name: string,
  label: string,
  who: 'dsl' | 'deputy' | 'head',
): Promise<T & { cred: SyncServer }> {
  const cred = await addTablet(name, label);
  const { code } = await makeEnrolment(on(from), cred, origin());
  await from.engine.push(from.session);
  const db = `sync-revoke-rotation-${++joinedDbs}`;
  useDatabase(db);
  const joining = await startJoin(code, origin(), { Pouch: await pouch(), adapter: 'memory' });
  await joining.complete(device.users[who], PASSPHRASES[who]);
  await joining.close();
  const session = await unlock(device.users[who], PASSPHRASES[who]);
  const saved = (await readSyncServer(session))!;
  const current = await keepCredentialCurrent(session, saved, fetch);
  const engine = await engineOver(current, `revoke-rotation-local-${++localDbs}`);
  return { db, session, engine, cred: current };
}

/** `t`'s engine opened again, over the same replication database, with the password it holds now (the app's next start of sync). */
async function restart(t: T): Promise<void> {
  const localName = t.engine.local.name;
  await t.engine.close();
  t.engine = await engineOver((await readSyncServer(on(t)))!, localName);
}

async function pullOnly(t: T) {
  return t.engine.pull(on(t));
}

async function pull(t: T) {
  on(t);
  const report = await t.engine.pull(t.session);
  on(t);
  await t.engine.push(t.session);
  return report;
}

/** What a thief with C, and an admin's help (or a server that takes it), can do: put C's records on the server. */
async function smuggle(c: T, name: string): Promise<void> {
  on(c);
  await c.engine.pending(c.session);
  const Pouch = await pouch();
  await c.engine.local.replicate.to(new Pouch(server.adminUrl(name), { skip_setup: true }));
}

/** The revocation notices on the server that open under `t`'s data key now. */
async function noticesOnServer(t: T, name: string) {
  const res = await server.adminFetch(`/${name}/_all_docs?include_docs=true`);
  const body = (await res.json()) as { rows: { doc: Record<string, unknown> }[] };
  return revocations(
    await openTabletDocs(
      secretsOf(on(t)).keys.dataKey,
      body.rows.map((r) => r.doc),
    ),
  );
}

/**
 * A (a copy of the set-up device, the DSL signed in) with a case; B (the deputy) and C (the DSL)
 * joined from A; C records a step A takes; then A revokes C.
 */
async function revokedTeam() {
  const dbA = await useCopyOf(device);
  const sa = await unlock(device.users.dsl, PASSPHRASES.dsl);
  const name = freshDbName('revoke-rotation');
  await setupCli(server.adminUrl(name));
  const credA = await addTablet(name, 'hill-a');
  await saveSyncServer(sa, credA);
  const kase = await createCase(sa);
  await appendEvent(sa, kase.caseId, disclosureDraft(sa));
  const a: T = {
    db: dbA,
    session: sa,
    engine: await engineOver(await keepCredentialCurrent(sa, credA, fetch), `revoke-rotation-local-${++localDbs}`),
  };
  const b = await join(a, name, 'hill-b', 'deputy');
  const c = await join(a, name, 'hill-c', 'dsl');
  // C, before it is lost, records a step; A and B take it.
  expect(stepRefusals(await pull(c))).toEqual([]);
  await appendEvent(on(c), kase.caseId, noteDraft(c.session, 'Recorded on C before it was lost.'));
  await pull(c);
  expect(stepRefusals(await pull(a))).toEqual([]);
  expect(stepRefusals(await pull(b))).toEqual([]);
  expect(await revokeTablet(on(a), c.cred.username, fetch)).toEqual({ atServer: true });
  await restart(a);
  return { name, a, b, c, caseId: kase.caseId };
}

/**
 * What a pull refused. C, joined from A, sends its first copy of the key holders naming A's log as
 * it was when C joined, which reaches the server after A's newer copy: that older copy is passed
 * over (followChange.ts), never refused, so every refusal here is a step's.
 */
const stepRefusals = (report: { refused: { docId: string; label: string; reason: string }[] }) => report.refused;

/** C's second step in the shared case (the second of its own chain there), recorded after it was revoked: refused and named. */
const laterStepRefused = (c: T & { cred: SyncServer }) => ({
  docId: expect.stringMatching(/^event:/),
  label: 'step 2 of case YPSI-2026-0001',
  reason: expect.stringContaining(`tablet ${c.cred.username} after that tablet was revoked`),
});
const stepsOf = async (t: T, caseId: string) => (await loadCase(on(t), caseId)).events.map((e) => e.type);
const BEFORE = ['case.opened', 'disclosure.recorded', 'note.added'];

describe('a revoked tablet stays revoked after the data key is rotated', () => {
  it('rotation on A, B catching up in one pull: C’s later steps refused on A, on B and on a tablet D joined afterwards', async () => {
    const { name, a, b, c, caseId } = await revokedTeam();
    const cDevice = (await readLog(on(a))).find((e) => e.type === 'tablet.revoked')!;

    // A key holder removed on A (a rotation) before B has pulled the revocation notice; meanwhile C,
    // in a thief's hands, records more, and it reaches the server.
    await removeUser(on(a), device.users.head, 'Left the school');
    expect((await a.engine.push(a.session)).refusedByServer).toEqual([]);
    await appendEvent(on(c), caseId, noteDraft(c.session, 'Written on C after it was revoked.'));
    const later = await createCase(on(c));
    await smuggle(c, name);

    // B hears of the revocation, the rotation and C's new steps in one pull: the notice is recorded
    // before the key it is under goes. Then A pulls. Neither has sent the notice under the new key
    // yet, so each refuses from what it recorded in its own log.
    const onB = await pullOnly(b);
    expect(onB.followed?.removed).toEqual(['Helen Okafor']);
    expect((await readLog(on(b))).find((e) => e.type === 'tablet.revocation-noted')).toMatchObject({
      tablet: c.cred.username,
      device: cDevice.type === 'tablet.revoked' ? cDevice.device : '',
      by: 'Dana Shah',
      byTablet: a.engine.server.username,
      cut: [{ caseId, seq: 1 }],
    });
    const onA = await pullOnly(a);
    // A recorded it once, as the tablet that revoked it (its own notice is not noted again).
    expect((await readLog(on(a))).filter((e) => e.type.startsWith('tablet.revo')).map((e) => e.type)).toEqual([
      'tablet.revoked',
    ]);
    for (const [t, report] of [
      [a, onA],
      [b, onB],
    ] as const) {
      expect(report.refused).toContainEqual(laterStepRefused(c));
      // C's new case too, named as C's (its key is under the data key C was left on).
      expect(stepRefusals(report).map((r) => r.reason)).toEqual([
        expect.stringContaining(`tablet ${c.cred.username} after that tablet was revoked`),
        expect.stringContaining(`tablet ${c.cred.username} after that tablet was revoked`),
      ]);
      expect(await stepsOf(t, caseId)).toEqual(BEFORE);
      await expect(loadCase(on(t), later.caseId)).rejects.toBeInstanceOf(CaseNotFoundError);
    }
    // Their next pushes send the notice again, under the new data key.
    for (const t of [a, b]) expect((await t.engine.push(on(t))).refusedByServer).toEqual([]);
    const notices = await noticesOnServer(a, name);
    expect(notices.map((n) => n.record.username)).toContain(c.cred.username);

    // D joins from B after the rotation: it takes C's step from before, refuses the later ones.
    const d = await join(b, name, 'hill-d', 'deputy');
    const onD = await pull(d);
    expect(onD.refused).toContainEqual(laterStepRefused(c));
    expect(await stepsOf(d, caseId)).toEqual(BEFORE);

    // C does not come back among the tablets that can be revoked; B (at its next start of sync) and D are there.
    await keepCredentialCurrent(b.session, (await readSyncServer(on(b)))!, fetch);
    expect((await listJoinedTablets(on(a), fetch)).map((t) => t.username).sort()).toEqual(
      [b.cred.username, d.cred.username].sort(),
    );
    // One revocation is recorded once on each tablet, however many notices of it were pulled since.
    for (const t of [b, d])
      expect((await readLog(on(t))).filter((e) => e.type === 'tablet.revocation-noted')).toHaveLength(1);
    for (const t of [a, b, d]) expect((await fullVerify(on(t))).problems).toEqual([]);
    for (const t of [a, b, c, d]) await t.engine.close();
  });

  it('rotation on B instead: A follows, and both still refuse C’s later steps; passwords change once, not at each rotation', async () => {
    const { name, a, b, c, caseId } = await revokedTeam();
    // B sees the notice, then (its next start of sync) sets itself a new password: C could read the old one.
    await pull(b);
    const bBefore = (await readSyncServer(on(b)))!;
    const bAfter = await keepCredentialCurrent(b.session, bBefore, fetch);
    expect(bAfter.password).not.toBe(bBefore.password);
    await restart(b);

    // The deputy on B removes a key holder: a rotation made on B. C's later step reaches the server
    // before A follows the rotation, and before either has sent the notice under the new key: each
    // refuses it from its own log, encrypted again by the rotation (B's) or by following it (A's).
    await removeUser(on(b), device.users.head, 'Left the school');
    expect((await b.engine.push(b.session)).refusedByServer).toEqual([]);
    await appendEvent(on(c), caseId, noteDraft(c.session, 'Written on C after it was revoked.'));
    await smuggle(c, name);
    const onA = await pullOnly(a);
    expect(onA.followed?.removed).toEqual(['Helen Okafor']);
    const onB = await pullOnly(b);
    for (const [t, report] of [
      [a, onA],
      [b, onB],
    ] as const) {
      expect(stepRefusals(report)).toEqual([laterStepRefused(c)]);
      expect(await stepsOf(t, caseId)).toEqual(BEFORE);
      expect((await t.engine.push(on(t))).refusedByServer).toEqual([]);
    }
    expect((await noticesOnServer(b, name)).map((n) => n.record.username)).toContain(c.cred.username);

    // Neither tablet sets a new password just because the key changed; each leaves its password under the new key.
    for (const t of [a, b]) {
      const before = (await readSyncServer(on(t)))!;
      expect((await keepCredentialCurrent(t.session, before, fetch)).password).toBe(before.password);
    }
    expect((await listJoinedTablets(on(b), fetch)).map((t) => t.username)).toEqual([a.engine.server.username]);
    for (const t of [a, b]) expect((await fullVerify(on(t))).problems).toEqual([]);
    for (const t of [a, b, c]) await t.engine.close();
  });
});
