// A joined tablet follows a rotation of the data key made on another tablet (docs/SYNC.md,
// docs/SECURITY.md item 18), against a real server (pouchdb-server started here, or CouchDB 3 with
// COUCHDB_URL): a key holder removed on A no longer unlocks on B once B has synced; a case
// destroyed on A is erased on B from its tombstone; an older generation offered again is refused
// and named. Keys are derived once for the file (setUpDevice); each test joins one new tablet.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, listSummaries, loadCase } from '../../../src/storage/cases';
import { db, useDatabase } from '../../../src/storage/db';
import { latestBinding, unlock } from '../../../src/storage/keys/keyring';
import { removeUser } from '../../../src/storage/keys/users';
import { Session, lock } from '../../../src/storage/keys/session';
import { bindingEntry, userRow } from '../../../src/storage/keys/keyring';
import { prepareLogAppends } from '../../../src/storage/chain/log';
import { settingsRow } from '../../../src/storage/settings';
import { deriveEstablishmentKeys, generateRootSecret, wrapDataKeyTo } from '../../../src/storage/crypto';
import { PublicEcJwkSchema } from '../../../src/storage/schemas';
import { logDoc } from '../../../src/storage/sync/docs';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { readLog } from '../../../src/storage/chain/log';
import { listDestroyedCases } from '../../../src/storage/chain/tombstones';
import { loadDraft, saveDraft } from '../../../src/storage/drafts';
import { destroyCase } from '../../../src/storage/destroy';
import { exportBackup, importBackup } from '../../../src/storage/files/backup';
import { CaseDestroyedError, UnknownUserError } from '../../../src/storage/errors';
import { readSyncServer } from '../../../src/storage/sync/config';
import { makeEnrolment } from '../../../src/storage/sync/enrol';
import { startJoin } from '../../../src/storage/sync/join';
import { purgeCommand, serverCopiesOf } from '../../../src/storage/sync/serverCopies';
import { estabDoc, openSnapshots, snapshotEpoch } from '../../../src/storage/sync/directory';
import type { EstabDoc } from '../../../src/storage/sync/docs';
import { type Device, PASSPHRASES, setUpDevice } from '../storage/harness';
import { noteDraft } from '../storage/flows';
import { type TestServer, startServer } from './server';
import { pouch } from './tablet';
import { addTablet, keysOf, onA, onB, serverDocs, twoTablets as twoPair } from './pair';

let server: TestServer;
let device: Device;
let tablets = 0;
beforeAll(async () => {
  server = await startServer();
  device = await setUpDevice('sync-follow');
});
afterAll(async () => {
  await server?.stop();
});

const twoTablets = () => twoPair(server, device);

describe('a key holder removed on tablet A', () => {
  it('B takes on the new data key when it pulls; the removed passphrase no longer unlocks B; both check out whole', async () => {
    const p = await twoTablets();
    const epochBefore = (await latestBinding(await keysOf(p.b)))?.epoch;

    // Before B syncs, the Headteacher still unlocks B (B does not know yet).
    lock(await unlock(device.users.head, PASSPHRASES.head));

    await removeUser(onA(p), device.users.head, 'Left the school');
    expect((await p.engineA.push(p.a)).refusedByServer).toEqual([]);

    onB(p);
    const pulled = await p.engineB.pull(p.b);
    expect(pulled.refused).toEqual([]);
    expect(pulled.followed).toEqual({ epoch: expect.any(String), removed: ['Helen Okafor'], erased: 0 });
    expect(pulled.followed!.epoch).not.toBe(epochBefore);
    await expect(unlock(device.users.head, PASSPHRASES.head)).rejects.toBeInstanceOf(UnknownUserError);
    // The signed-in deputy carries on under the new key: the case still opens; B's log says what happened.
    expect((await loadCase(p.b, p.caseId)).summary.closed).toBe(true);
    const followed = (await readLog(p.b)).find((e) => e.type === 'keyring.followed');
    expect(followed).toMatchObject({ removed: [{ name: 'Helen Okafor', role: 'headteacher' }], destroyed: 0 });
    expect((await fullVerify(p.b)).problems).toEqual([]);
    // The DSL, who never typed a passphrase on B since, unlocks B under the new key; a second pull changes nothing.
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl);
    expect((await quickVerify(dsl)).problems).toEqual([]);
    lock(dsl);
    expect((await p.engineB.pull(p.b)).followed).toBeUndefined();

    // B's records under the new key are the same documents A sent: nothing refused on A, no second version anywhere.
    expect((await p.engineB.push(p.b)).refusedByServer).toEqual([]);
    onA(p);
    expect((await p.engineA.pull(p.a)).refused).toEqual([]);
    expect((await fullVerify(p.a)).problems).toEqual([]);
    const docs = await serverDocs(server, p.name);
    expect(docs.filter((d) => d._conflicts)).toEqual([]);
    await Promise.all([p.engineA.close(), p.engineB.close()]);
  });
});

describe('the key holder removed on A is the one signed in on B', () => {
  it('is signed out of B when B pulls, and their passphrase no longer unlocks it; the next key holder brings B up to date', async () => {
    const p = await twoTablets();
    onB(p);
    const head = await unlock(device.users.head, PASSPHRASES.head);
    await removeUser(onA(p), device.users.head, 'Left the school');
    expect((await p.engineA.push(p.a)).refusedByServer).toEqual([]);

    onB(p);
    const pulled = await p.engineB.pull(head);
    expect(pulled.signedOut).toBe(true);
    expect(pulled.keyWaiting).toMatch(/Helen Okafor is no longer a key holder: they were removed on another tablet/);
    expect(head.locked).toBe(true);
    await expect(unlock(device.users.head, PASSPHRASES.head)).rejects.toBeInstanceOf(UnknownUserError);
    // The deputy (still signed in) takes the new key on at the next pull; everything checks out.
    expect((await p.engineB.pull(p.b)).followed).toMatchObject({ removed: [], erased: 0 });
    expect((await readLog(p.b)).filter((e) => e.type === 'user.removed').map((e) => e.actor.name)).toEqual([
      'Helen Okafor',
    ]);
    expect((await fullVerify(p.b)).problems).toEqual([]);
    await Promise.all([p.engineA.close(), p.engineB.close()]);
  });
});

describe('a case destroyed on tablet A', () => {
  it('is erased on B when B pulls its tombstone: rows, steps, drafts, summary, key; logged; both full checks pass', async () => {
    const p = await twoTablets();
    // B adds a step of its own to the case (B's chain), and a draft that names the case; A takes B's step.
    const b = onB(p);
    await appendEvent(b, p.caseId, noteDraft(b, 'Read on tablet B before the review.'));
    await saveDraft(b, `case/${p.caseId}/note`, { text: 'half-typed note' });
    expect((await p.engineB.push(b)).refusedByServer).toEqual([]);
    onA(p);
    expect((await p.engineA.pull(p.a)).applied).toBe(1);

    await destroyCase(p.a, p.caseId, {
      reason: 'Retention review: the period has ended.',
      passphrase: PASSPHRASES.dsl,
      secondUserId: device.users.deputy,
      secondPassphrase: PASSPHRASES.deputy,
    });
    expect((await p.engineA.push(p.a)).refusedByServer).toEqual([]);
    // The server still holds the case's encrypted steps and keys until IT purges them: the app says so, with the command.
    const never = randomUUID();
    const copies = await serverCopiesOf(p.a, [p.caseId, never]);
    expect(copies?.copies).toEqual({ [p.caseId]: 'held', [never]: 'none' });
    expect(purgeCommand(copies!.url, p.caseId)).toBe(
      `npm run sync:setup -- purge http://ADMIN:PASSWORD@${new URL(server.root).host}/${p.name} ${p.caseId}`,
    );
    const offline = await serverCopiesOf(p.a, [p.caseId], () => Promise.reject(new TypeError('Failed to fetch')));
    expect(offline?.copies).toEqual({ [p.caseId]: 'unknown' });

    onB(p);
    const pulled = await p.engineB.pull(b);
    expect(pulled.refused).toEqual([]);
    expect(pulled.followed).toMatchObject({ removed: [], erased: 1 });
    await expect(loadCase(b, p.caseId)).rejects.toBeInstanceOf(CaseDestroyedError);
    const d = db();
    expect(await d.cases.get(p.caseId)).toBeUndefined();
    expect(await d.snapshots.get(p.caseId)).toBeUndefined();
    expect(await d.peerEvents.where('caseId').equals(p.caseId).count()).toBe(0);
    expect(await d.peerHeads.where('caseId').equals(p.caseId).count()).toBe(0);
    const own = await d.events.where('[caseId+seq]').between([p.caseId, 0], [p.caseId, Infinity]).toArray();
    expect(own).toHaveLength(1);
    expect(own.every((r) => !('enc' in r))).toBe(true);
    expect(await loadDraft(b, `case/${p.caseId}/note`)).toBeNull();
    expect((await listSummaries(b)).summaries.map((s) => s.caseId)).not.toContain(p.caseId);
    const destroyed = await listDestroyedCases(b);
    expect(destroyed.map((t) => [t.caseId, t.verified])).toEqual([[p.caseId, true]]);
    expect((await readLog(b)).filter((e) => e.type === 'case.destroyed')).toEqual([
      expect.objectContaining({ caseId: p.caseId, ownHead: { seq: 1, digest: own[0]!.digest } }),
    ]);
    expect((await quickVerify(b)).problems).toEqual([]);
    expect((await fullVerify(b)).problems).toEqual([]);
    // B's backup carries the note and where B's own steps of the case ended; it restores whole.
    const { text } = await exportBackup(b, 'A long backup passphrase 42', { to: 'USB stick', why: 'Test' });
    useDatabase(`sync-follow-restored-${++tablets}`);
    await importBackup(text, 'A long backup passphrase 42');
    const restored = await unlock(device.users.deputy, PASSPHRASES.deputy);
    expect((await listDestroyedCases(restored)).map((t) => t.caseId)).toEqual([p.caseId]);
    expect((await fullVerify(restored)).problems).toEqual([]);
    lock(restored);
    onB(p);

    // B's copy of the destruction note is A's document; A's check still passes after pulling B.
    expect((await p.engineB.push(b)).refusedByServer).toEqual([]);
    // A tablet joining from B afterwards keeps the note too (it never had the case), and checks out whole.
    const { code } = await makeEnrolment(b, await addTablet(server, p.name, 'hill-c'), new URL(server.root).origin);
    expect((await p.engineB.push(b)).refusedByServer).toEqual([]);
    useDatabase(`sync-follow-tablet-${++tablets}`);
    const toC = await startJoin(code, new URL(server.root).origin, { Pouch: await pouch(), adapter: 'memory' });
    await toC.complete(device.users.dsl, PASSPHRASES.dsl);
    await toC.close();
    const c = await unlock(device.users.dsl, PASSPHRASES.dsl);
    expect((await listDestroyedCases(c)).map((t) => t.caseId)).toEqual([p.caseId]);
    expect((await fullVerify(c)).problems).toEqual([]);
    lock(c);
    onB(p);
    onA(p);
    expect((await p.engineA.pull(p.a)).refused).toEqual([]);
    expect((await fullVerify(p.a)).problems).toEqual([]);
    expect((await serverDocs(server, p.name)).filter((x) => x._conflicts)).toEqual([]);
    await Promise.all([p.engineA.close(), p.engineB.close()]);
  });
});

describe('an older generation offered again', () => {
  it('is refused and named on B, which stays on its current key', async () => {
    const p = await twoTablets();
    await removeUser(onA(p), device.users.head, 'Left the school');
    await p.engineA.push(p.a);
    const b = onB(p);
    expect((await p.engineB.pull(b)).followed).toBeDefined();
    const current = await latestBinding(await keysOf(b));

    // Someone holding the directory key (a removed key holder who kept a tablet's copy, say)
    // sends the key holders as they were before the removal again, as a new record.
    const { directoryKey, ...tablet } = (await readSyncServer(b))!;
    const docs = (await serverDocs(server, p.name)).filter((x) => x.type === 'estab') as unknown as EstabDoc[];
    const old = (await openSnapshots(directoryKey!, docs)).find((s) => snapshotEpoch(s.snapshot) !== current?.epoch)!;
    const { at: _at, ...snapshot } = old.snapshot;
    const replay = await estabDoc(directoryKey!, snapshot);
    const auth = `Basic ${Buffer.from(`${tablet.username}:${tablet.password}`).toString('base64')}`;
    const put = await fetch(`${tablet.url}/${encodeURIComponent(replay._id)}`, {
      method: 'PUT',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(replay),
    });
    expect(put.status).toBe(201);

    const pulled = await p.engineB.pull(b);
    expect(pulled.followed).toBeUndefined();
    expect(pulled.newlyRefused).toEqual([
      {
        docId: replay._id,
        label: 'a copy of the key holders and settings',
        reason: expect.stringMatching(/older key offered again/),
      },
    ]);
    // Still named at the next pull, and B stays on its key: the removed Headteacher still cannot unlock.
    expect((await p.engineB.pull(b)).refused.map((r) => r.docId)).toContain(replay._id);
    expect((await latestBinding(await keysOf(b)))?.epoch).toBe(current?.epoch);
    await expect(unlock(device.users.head, PASSPHRASES.head)).rejects.toBeInstanceOf(UnknownUserError);
    expect((await fullVerify(b)).problems).toEqual([]);
    await Promise.all([p.engineA.close(), p.engineB.close()]);
  });
});

describe('a generation made without the data key the tablets are on', () => {
  it('is refused and named: only a holder of the current key can vouch for the next one', async () => {
    const p = await twoTablets();
    const b = onB(p);
    const { directoryKey, ...tablet } = (await readSyncServer(b))!;
    const current = (await latestBinding(await keysOf(b)))!;
    const docs = (await serverDocs(server, p.name)).filter((x) => x.type === 'estab') as unknown as EstabDoc[];
    const { at: _at, ...genuine } = (await openSnapshots(directoryKey!, docs)).at(-1)!.snapshot;

    // Someone with the directory key and a tablet's server password (an enrolment code read over a
    // shoulder, say) but no key holder's passphrase makes a data key of their own, wraps it to every
    // key holder's public key (they are in the copy), and writes a log that claims to follow.
    const forge = async (handover: { from: string; mac: string } | null) => {
      const root = generateRootSecret();
      const keys = await deriveEstablishmentKeys(root);
      const epoch = randomUUID();
      const keyring = [];
      for (const r of genuine.keyring) {
        if (!('holder' in r) || !r.holder) continue;
        const dk = await wrapDataKeyTo(root, r.holder.publicJwk, r.userId, epoch);
        const { mac: _m, createdAt, updatedAt: _u, ...fields } = r;
        keyring.push(
          await userRow(
            keys.macKey,
            { ...fields, dataKey: { ...dk, epk: PublicEcJwkSchema.parse(dk.epk) } } as never,
            createdAt,
          ),
        );
      }
      const { key: _k, mac: _s, ...settingsBody } = genuine.settings;
      const settings = await settingsRow(keys.macKey, settingsBody);
      const temp = new Session({ userId: device.users.dsl, role: 'dsl', name: 'Dana Shah' }, keys);
      const binding = {
        ...(await bindingEntry(keyring, 'removed', epoch, { caseKeys: 0 })),
        ...(handover ? { handover } : {}),
      };
      const { appends, head } = await prepareLogAppends(temp, { seq: 0, digest: '0'.repeat(64) }, [
        // A log that even names the key the tablets are on (its epoch is in the copy, in the clear to them).
        await bindingEntry(keyring, 'set-up', current.epoch),
        binding,
      ]);
      lock(temp);
      const logDocs = appends.map((a) =>
        logDoc({ seq: a.seq, eventId: a.eventId, digest: a.digest, enc: a.enc, dseq: a.seq }, epoch),
      );
      const estab = await estabDoc(directoryKey!, { ...genuine, logHead: head, keyring, settings });
      for (const doc of [...logDocs, estab]) {
        const put = await fetch(`${tablet.url}/${encodeURIComponent(doc._id)}`, {
          method: 'PUT',
          headers: {
            Authorization: `Basic ${Buffer.from(`${tablet.username}:${tablet.password}`).toString('base64')}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(doc),
        });
        expect(put.status).toBe(201);
      }
      return estab._id;
    };
    const noProof = await forge(null);
    const badProof = await forge({ from: current.epoch, mac: 'ab'.repeat(32) });

    const pulled = await p.engineB.pull(b);
    expect(pulled.followed).toBeUndefined();
    const why = new Map(pulled.newlyRefused.map((r) => [r.docId, r.reason]));
    expect(why.get(noProof)).toMatch(/carries no proof that a holder of the data key before it made it/);
    expect(why.get(badProof)).toMatch(/proof that a holder of this tablet’s data key made it does not check out/);
    expect((await latestBinding(await keysOf(b)))?.epoch).toBe(current.epoch);
    expect((await fullVerify(b)).problems).toEqual([]);
    await Promise.all([p.engineA.close(), p.engineB.close()]);
  });
});
