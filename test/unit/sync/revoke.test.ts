// Revoking a lost tablet from another joined tablet, with no admin credential (docs/SYNC.md,
// "Revoking a tablet"), against a real server (pouchdb-server started here, or CouchDB 3 with
// COUCHDB_URL): after A revokes B the server refuses B's sign-in; B's steps made afterwards are
// refused by A and by C; the establishment log holds the revocation; the remaining tablets set
// themselves new passwords; a tablet that changed its own password can only be revoked by IT.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, createCase, loadCase } from '../../../src/storage/cases';
import { readLog } from '../../../src/storage/chain/log';
import { CaseNotFoundError } from '../../../src/storage/errors';
import { readSyncServer, saveSyncServer } from '../../../src/storage/sync/config';
import { type SyncServer, checkServer } from '../../../src/storage/sync/engine';
import { RevokeError, keepCredentialCurrent, listJoinedTablets, revokeTablet } from '../../../src/storage/sync/revoke';
import { setServerPassword } from '../../../src/storage/sync/serverUser';
import { ruleProblem } from '../../../src/storage/sync/docs';
import { may } from '../../../src/domain/permissions';
import { type Device, setUpDevice } from '../storage/harness';
import { disclosureDraft, noteDraft } from '../storage/flows';
import { type TestServer, freshDbName, startServer } from './server';
import { type Tablet, newTablet, on, pullFrom, pushTo } from './tablets';
import { pouch } from './tablet';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../scripts/sync-setup.mjs');
const setupCli = async (...args: string[]) => (await run(process.execPath, [SCRIPT, ...args])).stdout;

let server: TestServer;
let device: Device;
beforeAll(async () => {
  server = await startServer();
  device = await setUpDevice('sync-revoke');
});
afterAll(async () => {
  await server?.stop();
});

async function addTablet(name: string, label: string): Promise<SyncServer> {
  const username = `${label}-${Math.random().toString(36).slice(2, 8)}`;
  const out = await setupCli('add-tablet', server.adminUrl(name), username);
  return { url: server.dbUrl(name), username, password: out.trim().split('\n').pop()! };
}

/** A tablet of the establishment that syncs as `cred` and has left its password for the others. */
async function joined(label: string, cred: SyncServer): Promise<Tablet> {
  const t = await newTablet(device, label);
  await saveSyncServer(on(t), cred);
  await keepCredentialCurrent(t.session, cred, fetch);
  return t;
}

/** The server as `t` reaches it with the credential it holds now. */
async function remoteOf(t: Tablet) {
  const cred = (await readSyncServer(on(t)))!;
  const Pouch = await pouch();
  return new Pouch(cred.url, { skip_setup: true, auth: { username: cred.username, password: cred.password } });
}

/** What a thief who read another tablet's old password could do: put B's records on the server. */
async function smuggle(t: Tablet, name: string) {
  const Pouch = await pouch();
  const admin = new Pouch(server.adminUrl(name), { skip_setup: true });
  await pushTo(t, admin);
}

describe('revoking a tablet from another tablet', () => {
  it('locks B out at the server, and A and C refuse what B records afterwards', async () => {
    const name = freshDbName('revoke');
    await setupCli(server.adminUrl(name));
    const credA = await addTablet(name, 'tablet-a');
    const credB = await addTablet(name, 'tablet-b');
    const credC = await addTablet(name, 'tablet-c');
    const a = await joined('a', credA);
    const b = await joined('b', credB);
    const c = await joined('c', credC);

    // B opens a case before it is lost; A pulls it.
    const sb = on(b);
    const kase = await createCase(sb);
    await appendEvent(sb, kase.caseId, disclosureDraft(sb));
    await pushTo(b, await remoteOf(b));
    expect(await pullFrom(a, await remoteOf(a))).toMatchObject({ refused: [] });

    const listed = await listJoinedTablets(on(a), fetch);
    expect(listed.map((t) => t.username)).toEqual([credB.username, credC.username].sort());

    expect(await revokeTablet(on(a), credB.username, fetch)).toEqual({ atServer: true });

    // The server refuses B's sign-in.
    expect(await checkServer(credB, fetch)).toMatchObject({ kind: 'needs-sign-in' });
    // The log holds who, when and which tablet.
    const log = await readLog(on(a));
    const entry = log.find((e) => e.type === 'tablet.revoked');
    expect(entry).toMatchObject({
      type: 'tablet.revoked',
      tablet: credB.username,
      device: b.device,
      atServer: true,
      actor: { role: 'dsl' },
      cut: [{ caseId: kase.caseId, seq: 2 }],
    });
    // A set itself a new password (B could read the old one): the old one opens nothing now.
    const nowA = (await readSyncServer(on(a)))!;
    expect(nowA.password).not.toBe(credA.password);
    expect(await checkServer(credA, fetch)).toMatchObject({ kind: 'needs-sign-in' });
    expect(await checkServer(nowA, fetch)).toMatchObject({ kind: 'ok' });
    // B is no longer offered; C still is.
    expect((await listJoinedTablets(on(a), fetch)).map((t) => t.username)).toEqual([credC.username]);

    // B, in a thief's hands, records more and gets it onto the server another way.
    const sb2 = on(b);
    await appendEvent(sb2, kase.caseId, noteDraft(sb2, 'Written after the tablet was revoked.'));
    const later = await createCase(sb2);
    await smuggle(b, name);

    const onA = await pullFrom(a, await remoteOf(a));
    expect(onA.refused.length).toBeGreaterThanOrEqual(2);
    for (const r of onA.refused) expect(r.reason).toContain(`tablet ${credB.username} after that tablet was revoked`);
    expect((await loadCase(on(a), kase.caseId)).events.map((e) => e.type)).toEqual([
      'case.opened',
      'disclosure.recorded',
    ]);
    await expect(loadCase(on(a), later.caseId)).rejects.toBeInstanceOf(CaseNotFoundError);

    // C first hears of all of it in one pull: B's steps from before are taken, the later ones refused.
    const onC = await pullFrom(c, await remoteOf(c));
    expect(onC.refused.length).toBeGreaterThanOrEqual(2);
    expect((await loadCase(on(c), kase.caseId)).events.map((e) => e.type)).toEqual([
      'case.opened',
      'disclosure.recorded',
    ]);
    // At its next start of sync C sets itself a new password too.
    const before = (await readSyncServer(on(c)))!;
    const after = await keepCredentialCurrent(c.session, before, fetch);
    expect(after.password).not.toBe(before.password);
    expect(await checkServer(before, fetch)).toMatchObject({ kind: 'needs-sign-in' });
    expect((await readSyncServer(on(c)))!.password).toBe(after.password);
    // ...and only once.
    expect((await keepCredentialCurrent(c.session, after, fetch)).password).toBe(after.password);
  });

  it('says IT must revoke a tablet that changed its own password, with the command', async () => {
    const name = freshDbName('revoke-it');
    await setupCli(server.adminUrl(name));
    const credA = await addTablet(name, 'tablet-a');
    const credB = await addTablet(name, 'tablet-b');
    const a = await joined('a', credA);
    await joined('b', credB);
    // A thief with B sets a new password and keeps it.
    expect(await setServerPassword(credB, 'kept-by-the-thief', fetch)).toEqual({ kind: 'changed' });
    const failure = await revokeTablet(on(a), credB.username, fetch).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RevokeError);
    expect((failure as RevokeError).message).toContain('only IT can stop the server accepting it');
    expect((failure as RevokeError).itCommand).toBe(
      `npm run sync:setup -- revoke-tablet ${new URL(credA.url).protocol}//ADMIN:PASSWORD@${new URL(credA.url).host}/${name} ${credB.username}`,
    );
    // Logged all the same, saying the server still takes it.
    expect((await readLog(on(a))).find((e) => e.type === 'tablet.revoked')).toMatchObject({ atServer: false });
  });

  it('the server takes a tablet record only as an opaque id and ciphertext (no name in the clear)', () => {
    const doc = {
      _id: 'tablet:0b7e2c1a-3f4d-4e5f-8a9b-0c1d2e3f4a5b',
      type: 'tablet',
      v: 1,
      iv: 'AAAAAAAAAAAAAAAA',
      ct: 'AAAA',
    };
    expect(ruleProblem(doc)).toBeNull();
    expect(ruleProblem({ ...doc, username: 'hillside-tablet-b' })).toContain('a field "username"');
    expect(ruleProblem({ ...doc, _id: 'tablet:hillside-tablet-b' })).toContain('an opaque id');
  });

  it('is for key holders only (docs/SYNC.md)', () => {
    expect(may('staff', 'revoke-tablet')).toBe(false);
    expect(may('dsl', 'revoke-tablet')).toBe(true);
    expect(may('deputy-dsl', 'revoke-tablet')).toBe(true);
    expect(may('headteacher', 'revoke-tablet')).toBe(true);
  });
});
