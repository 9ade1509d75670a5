// A joined tablet follows what changed among the key holders and settings on another tablet
// WITHOUT a rotation of the data key (docs/SYNC.md, "Key holders and settings changed on another
// tablet"; docs/SECURITY.md items 1 and 16), against a real server (pouchdb-server started here, or
// CouchDB 3 with COUCHDB_URL): a key holder added on A unlocks B with their own passphrase once B
// has pulled while a key holder is signed in there (not before, not while B is locked); a
// passphrase reset on A replaces the old one on B; a passphrase changed on B after A's reset is
// kept, and A takes it; one changed on both apart ends the same on both (the reset); settings
// changed on A appear on B; an older copy offered again, a copy altered, and a copy pairing a newer
// log head with older settings are refused and named and change nothing. The full check passes on
// both tablets after each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WrongPassphraseError } from '../../../src/storage/crypto';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { appendLog, readLog } from '../../../src/storage/chain/log';
import { UnknownUserError } from '../../../src/storage/errors';
import { unlock } from '../../../src/storage/keys/keyring';
import { lock } from '../../../src/storage/keys/session';
import { addUser, changePassphrase, rewrapForUser } from '../../../src/storage/keys/users';
import { getPublicSettings, updateSettings } from '../../../src/storage/settings';
import { useDatabase } from '../../../src/storage/db';
import { readSyncServer } from '../../../src/storage/sync/config';
import { makeEnrolment } from '../../../src/storage/sync/enrol';
import { startJoin } from '../../../src/storage/sync/join';
import { estabDoc, openSnapshots } from '../../../src/storage/sync/directory';
import { signedOutReason } from '../../../src/storage/sync/signedOut';
import type { EstabDoc } from '../../../src/storage/sync/docs';
import { type Device, PASSPHRASES, SETTINGS, setUpDevice } from '../storage/harness';
import { type Pair, addTablet, onA, onB, putAs, serverDocs, twoTablets } from './pair';
import { pouch, tabletEngine } from './tablet';
import { type TestServer, startServer } from './server';

const SAM = 'Harbour lights on a winter night';
const RESET = 'Orchard gate beside the old mill';
const CHANGED = 'Pebbles under a quiet river bridge';
/** Each unlock two minutes after the one before: a wrong passphrase's slow-down (1 s doubling) never waits in a test. */
let t = Date.now();
const later = { now: () => (t += 120_000) };

let server: TestServer;
let device: Device;
beforeAll(async () => {
  server = await startServer();
  device = await setUpDevice('sync-follow-change');
});
afterAll(async () => {
  await server?.stop();
});

const pushed = async (p: Pair, on: 'a' | 'b') => {
  const session = on === 'a' ? onA(p) : onB(p);
  expect((await (on === 'a' ? p.engineA : p.engineB).push(session)).refusedByServer).toEqual([]);
};
const opens = async (userId: string, passphrase: string) => {
  try {
    lock(await unlock(userId, passphrase, later));
    return true;
  } catch (e) {
    if (e instanceof WrongPassphraseError) return false;
    throw e;
  }
};
const followedEntries = async (p: Pair, on: 'a' | 'b') =>
  (await readLog(on === 'a' ? onA(p) : onB(p))).filter((e) => e.type === 'establishment.followed');
async function bothCheckOut(p: Pair): Promise<void> {
  expect((await fullVerify(onB(p))).problems).toEqual([]);
  expect((await fullVerify(onA(p))).problems).toEqual([]);
}
/** Every copy of the key holders and settings on the server, opened with the directory key. */
async function copies(p: Pair) {
  const { directoryKey } = (await readSyncServer(onB(p)))!;
  const docs = (await serverDocs(server, p.name)).filter((x) => x.type === 'estab') as unknown as EstabDoc[];
  return { directoryKey: directoryKey!, opened: await openSnapshots(directoryKey!, docs) };
}

describe('a key holder added on tablet A', () => {
  it('unlocks B with their own passphrase once B pulls with a key holder signed in, not before; logged; both check out', async () => {
    const p = await twoTablets(server, device, false);
    const sam = await addUser(onA(p), { name: 'Sam Rivers', role: 'deputy-dsl', passphrase: SAM }, PASSPHRASES.dsl);
    await pushed(p, 'a');

    onB(p);
    await expect(unlock(sam.userId, SAM, later)).rejects.toBeInstanceOf(UnknownUserError);
    // Locked, B pulls but takes nothing on: the rows' MACs and its own log entry need the data key.
    expect((await p.engineB.pull(null)).changed).toBeUndefined();
    await expect(unlock(sam.userId, SAM, later)).rejects.toBeInstanceOf(UnknownUserError);

    const pulled = await p.engineB.pull(p.b);
    expect(pulled.refused).toEqual([]);
    expect(pulled.changed).toEqual([
      expect.objectContaining({ added: ['Sam Rivers'], replaced: [], keptHere: [], settings: false }),
    ]);
    const s = await unlock(sam.userId, SAM, later);
    expect(s.user).toEqual({ userId: sam.userId, name: 'Sam Rivers', role: 'deputy-dsl' });
    lock(s);
    expect(await followedEntries(p, 'b')).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ name: 'Dev Patel' }),
        holders: [expect.objectContaining({ user: expect.objectContaining({ name: 'Sam Rivers' }), outcome: 'added' })],
        settings: null,
      }),
    ]);
    // A second pull takes nothing more; A, pulling B's records, has nothing to take back.
    expect((await p.engineB.pull(p.b)).changed).toBeUndefined();
    await pushed(p, 'b');
    const back = await p.engineA.pull(onA(p));
    expect(back.refused).toEqual([]);
    expect(back.changed).toBeUndefined();
    await bothCheckOut(p);
    await Promise.all([p.engineA.close(), p.engineB.close()]);
  });
});

describe('a key holder this tablet’s own log says was removed', () => {
  it('is never added back from another tablet’s copy', async () => {
    const p = await twoTablets(server, device, false);
    const sam = await addUser(onA(p), { name: 'Sam Rivers', role: 'deputy-dsl', passphrase: SAM }, PASSPHRASES.dsl);
    await pushed(p, 'a');
    // B's log records Sam as removed (as a removal made on B, or followed from a third tablet, would).
    await appendLog(onB(p), [{ type: 'user.removed', user: sam, reason: 'Left the school' }]);
    const pulled = await p.engineB.pull(p.b);
    expect(pulled.changed).toBeUndefined();
    await expect(unlock(sam.userId, SAM, later)).rejects.toBeInstanceOf(UnknownUserError);
    expect((await fullVerify(p.b)).problems).toEqual([]);
    await Promise.all([p.engineA.close(), p.engineB.close()]);
  });
});

describe('a passphrase reset on tablet A', () => {
  it('replaces the old one on B when B pulls: the new passphrase unlocks B, the old one no longer does; signed in with it, she is signed out', async () => {
    const p = await twoTablets(server, device, false);
    await rewrapForUser(onA(p), device.users.head, RESET, PASSPHRASES.dsl);
    await pushed(p, 'a');
    // The Headteacher is signed in on B with her old passphrase when B pulls.
    onB(p);
    const head = await unlock(device.users.head, PASSPHRASES.head, later);

    const pulled = await p.engineB.pull(head);
    expect(pulled.refused).toEqual([]);
    expect(pulled.changed).toEqual([expect.objectContaining({ added: [], replaced: ['Helen Okafor'] })]);
    expect(pulled.signedOut).toBe(true);
    expect(pulled.keyWaiting).toMatch(/Helen Okafor’s passphrase was set again on another tablet/);
    expect(head.locked).toBe(true);
    expect(signedOutReason(head)).toMatch(/Your passphrase was set again on another tablet/);
    expect(await opens(device.users.head, PASSPHRASES.head)).toBe(false);
    expect(await opens(device.users.head, RESET)).toBe(true);
    expect((await followedEntries(p, 'b'))[0]?.holders).toEqual([
      expect.objectContaining({ outcome: 'replaced', change: 'passphrase-reset' }),
    ]);
    await pushed(p, 'b');
    expect((await p.engineA.pull(onA(p))).changed).toBeUndefined();
    await bothCheckOut(p);
    await Promise.all([p.engineA.close(), p.engineB.close()]);
  });

  it('a passphrase changed on B after B took the reset on is kept on B, and A takes it', async () => {
    const p = await twoTablets(server, device, false);
    await rewrapForUser(onA(p), device.users.head, RESET, PASSPHRASES.dsl);
    await pushed(p, 'a');
    expect((await p.engineB.pull(onB(p))).changed).toHaveLength(1);
    const head = await unlock(device.users.head, RESET, later);
    await changePassphrase(head, RESET, CHANGED);
    lock(head);

    // A's copy (with its reset) is older than what B has now: B keeps its own, and says nothing.
    const again = await p.engineB.pull(p.b);
    expect(again.changed).toBeUndefined();
    expect(again.refused).toEqual([]);
    expect(await opens(device.users.head, CHANGED)).toBe(true);
    await pushed(p, 'b');
    onA(p);
    const back = await p.engineA.pull(p.a);
    expect(back.changed).toEqual([expect.objectContaining({ replaced: ['Helen Okafor'] })]);
    expect(await opens(device.users.head, CHANGED)).toBe(true);
    expect(await opens(device.users.head, RESET)).toBe(false);
    onB(p);
    expect(await opens(device.users.head, RESET)).toBe(false);
    await bothCheckOut(p);
    await Promise.all([p.engineA.close(), p.engineB.close()]);
  });

  it('changed on B meanwhile, apart: both tablets keep the reset, the same everywhere, and say so', async () => {
    const p = await twoTablets(server, device, false);
    await rewrapForUser(onA(p), device.users.head, RESET, PASSPHRASES.dsl);
    await pushed(p, 'a');
    // B has not pulled A's reset when the Headteacher changes her passphrase there.
    onB(p);
    const head = await unlock(device.users.head, PASSPHRASES.head, later);
    await changePassphrase(head, PASSPHRASES.head, CHANGED);
    lock(head);
    await pushed(p, 'b');

    const pulled = await p.engineB.pull(p.b);
    expect(pulled.changed).toEqual([expect.objectContaining({ replaced: ['Helen Okafor'] })]);
    expect((await followedEntries(p, 'b'))[0]?.holders).toEqual([
      expect.objectContaining({ outcome: 'replaced', change: 'passphrase-reset', apart: true }),
    ]);
    onA(p);
    const back = await p.engineA.pull(p.a);
    expect(back.changed).toEqual([expect.objectContaining({ replaced: [], keptHere: ['Helen Okafor'] })]);
    expect((await followedEntries(p, 'a'))[0]?.holders).toEqual([
      expect.objectContaining({ outcome: 'kept', change: 'passphrase-changed', apart: true }),
    ]);
    for (const on of [onA, onB]) {
      on(p);
      expect(await opens(device.users.head, RESET)).toBe(true);
      expect(await opens(device.users.head, CHANGED)).toBe(false);
      expect(await opens(device.users.head, PASSPHRASES.head)).toBe(false);
    }
    // Once each has the other's records, neither takes anything more.
    await pushed(p, 'b');
    await pushed(p, 'a');
    expect((await p.engineB.pull(onB(p))).changed).toBeUndefined();
    expect((await p.engineA.pull(onA(p))).changed).toBeUndefined();
    await bothCheckOut(p);
    await Promise.all([p.engineA.close(), p.engineB.close()]);
  });
});

describe('settings changed on tablet A, and older or altered copies offered again', () => {
  it('the settings appear on B; a copy replayed changes nothing; one altered, or with older settings under a newer head, is refused, named, and changes nothing', async () => {
    const p = await twoTablets(server, device, false);
    const before = new Set((await copies(p)).opened.map((c) => c.docId));
    await rewrapForUser(onA(p), device.users.head, RESET, PASSPHRASES.dsl);
    await pushed(p, 'a');
    const first = (await copies(p)).opened.filter((c) => !before.has(c.docId));
    expect(first).toHaveLength(1);
    const newMash = { name: 'Wolverhampton MASH', phone: '01902 555999' };
    await updateSettings(onA(p), { ...SETTINGS, mash: newMash }, 'New MASH number');
    await pushed(p, 'a');

    onB(p);
    const pulled = await p.engineB.pull(p.b);
    expect(pulled.refused).toEqual([]);
    // The newest copy only: the reset and the settings, in one step.
    expect(pulled.changed).toEqual([expect.objectContaining({ replaced: ['Helen Okafor'], settings: true })]);
    expect((await getPublicSettings())?.settings.mash).toEqual(newMash);
    expect((await followedEntries(p, 'b'))[0]?.settings).toMatchObject({ outcome: 'taken', after: { mash: newMash } });
    await bothCheckOut(p);

    // Someone with the directory key and a tablet's server password sends the first copy again, as
    // new; and the newest copy with a key holder's name altered; and the newest head with the settings before.
    const { directoryKey, opened } = await copies(p);
    const newest = opened.filter(
      (c) => c.snapshot.logHead.seq === Math.max(...opened.map((o) => o.snapshot.logHead.seq)),
    )[0]!;
    const { at: _a, ...old } = first[0]!.snapshot;
    const { at: _b, ...latest } = newest.snapshot;
    const replay = await estabDoc(directoryKey, old);
    const altered = await estabDoc(directoryKey, {
      ...latest,
      keyring: latest.keyring.map((r) => (r.userId === device.users.head ? { ...r, displayName: 'Mallory' } : r)),
    });
    const oldSettings = await estabDoc(directoryKey, { ...latest, settings: old.settings });
    const tablet = (await readSyncServer(p.b))!;
    for (const doc of [replay, altered, oldSettings]) expect(await putAs(tablet, doc)).toBe(201);

    const offered = await p.engineB.pull(p.b);
    expect(offered.changed).toBeUndefined();
    const why = new Map(offered.newlyRefused.map((r) => [r.docId, r.reason]));
    // The first copy sent again is older than the one taken: passed over, it changes nothing (a
    // tablet that joined sends such a copy in ordinary use, so it is not named as an attack).
    expect(why.has(replay._id)).toBe(false);
    expect(why.get(altered._id)).toMatch(/A key holder’s details in it were altered/);
    expect(why.get(oldSettings._id)).toMatch(/Its settings are not the ones its establishment log records/);
    expect(offered.newlyRefused.every((r) => r.label === 'a copy of the key holders and settings')).toBe(true);
    // Still named at the next pull; nothing changed on B.
    expect((await p.engineB.pull(p.b)).refused.map((r) => r.docId)).toEqual(
      expect.arrayContaining([altered._id, oldSettings._id]),
    );
    expect((await getPublicSettings())?.settings.mash).toEqual(newMash);
    expect(await opens(device.users.head, RESET)).toBe(true);
    expect(await opens(device.users.head, PASSPHRASES.head)).toBe(false);
    expect(await followedEntries(p, 'b')).toHaveLength(1);
    await bothCheckOut(p);
    await Promise.all([p.engineA.close(), p.engineB.close()]);
  });
});

describe('three tablets', () => {
  it('a key holder added on B reaches A and C (joined from A), whose logs each went their own way; all three check out', async () => {
    const p = await twoTablets(server, device, false);
    // C joins from A after B did: three chains of the log, branching from A's.
    const { code } = await makeEnrolment(
      onA(p),
      await addTablet(server, p.name, 'hill-c'),
      new URL(server.root).origin,
    );
    await pushed(p, 'a');
    const dbC = `sync-follow-change-c-${Math.random().toString(36).slice(2, 8)}`;
    useDatabase(dbC);
    const joining = await startJoin(code, new URL(server.root).origin, { Pouch: await pouch(), adapter: 'memory' });
    await joining.complete(device.users.dsl, PASSPHRASES.dsl);
    await joining.close();
    const c = await unlock(device.users.dsl, PASSPHRASES.dsl, later);
    const engineC = await tabletEngine((await readSyncServer(c))!);
    expect((await engineC.pull(c)).refused).toEqual([]);

    const sam = await addUser(onB(p), { name: 'Sam Rivers', role: 'deputy-dsl', passphrase: SAM }, PASSPHRASES.deputy);
    await pushed(p, 'b');
    const atA = await p.engineA.pull(onA(p));
    expect(atA.refused).toEqual([]);
    expect(atA.changed).toEqual([expect.objectContaining({ added: ['Sam Rivers'] })]);
    expect(await opens(sam.userId, SAM)).toBe(true);
    await pushed(p, 'a');
    useDatabase(dbC);
    const atC = await engineC.pull(c);
    expect(atC.refused).toEqual([]);
    expect(atC.changed).toEqual([expect.objectContaining({ added: ['Sam Rivers'] })]);
    expect(await opens(sam.userId, SAM)).toBe(true);
    expect((await fullVerify(c)).problems).toEqual([]);
    expect((await engineC.push(c)).refusedByServer).toEqual([]);
    // B and A, pulling everything, take nothing more.
    expect((await p.engineB.pull(onB(p))).changed).toBeUndefined();
    expect((await p.engineA.pull(onA(p))).changed).toBeUndefined();
    await bothCheckOut(p);
    await Promise.all([p.engineA.close(), p.engineB.close(), engineC.close()]);
  });
});
