// Set-up, unlock and the lock: keys in memory only, KDF floor, slow-down after failures, passphrase changes, recovery, users.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WrongPassphraseError } from '../../../src/storage/crypto';
import { appendEvent, createCase } from '../../../src/storage/cases';
import { closeDatabase, db } from '../../../src/storage/db';
import {
  AlreadySetUpError,
  IntegrityError,
  NotPermittedError,
  SessionLockedError,
  UnlockThrottledError,
  WeakPassphraseError,
} from '../../../src/storage/errors';
import { listUsers, setUp, unlock, verifyPassphrase } from '../../../src/storage/keys/keyring';
import { throttleDelayMs, unlockWaitMs } from '../../../src/storage/keys/throttle';
import {
  addUser,
  changePassphrase,
  recoverWithRecoveryKey,
  removeUser,
  rewrapForUser,
} from '../../../src/storage/keys/users';
import { readLog } from '../../../src/storage/chain/log';
import { lock, secretsOf } from '../../../src/storage/keys/session';
import type { HolderKeyringRow } from '../../../src/storage/keys/keyring';
import { getPublicSettings, updateSettings } from '../../../src/storage/settings';
import { PASSPHRASES, SETTINGS, rawDb, setUpDevice, useCopyOf, type Device } from './harness';

let device: Device;
beforeAll(async () => {
  device = await setUpDevice('keyring');
});
afterEach(() => vi.restoreAllMocks());

/** A clock far past any wait, so throttling from one test never leaks into the next. */
let t = Date.parse('2030-01-01T00:00:00Z');
const later = () => ({ now: () => (t += 10 * 60_000) });

describe('set-up', () => {
  it('stores the public settings for the lock screen and lists the key-holders', async () => {
    expect((await getPublicSettings())?.settings.dsl).toEqual(SETTINGS.dsl);
    expect((await listUsers()).map((u) => u.role).sort()).toEqual(['deputy-dsl', 'dsl', 'headteacher']);
    expect(device.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
  });

  it('gives each user (and the recovery key) a key pair whose private half is wrapped with PBKDF2 at 600,000 iterations and a 16-byte salt, and wraps the data key to each public half', async () => {
    const rows = (await db().keyring.toArray()) as HolderKeyringRow[];
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r.holder!.privateKey.kdf).toMatchObject({ algorithm: 'PBKDF2-HMAC-SHA-256', iterations: 600_000 });
      expect(r.holder!.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
      expect(r.dataKey).toMatchObject({ alg: 'ECDH-P256+HKDF-SHA256+A256GCM' });
    }
    expect(new Set(rows.map((r) => r.holder!.privateKey.kdf.salt)).size).toBe(4);
    expect(new Set(rows.map((r) => r.dataKey!.epoch)).size).toBe(1);
  });

  it('runs only once, and starts the establishment log', async () => {
    await expect(
      setUp({ settings: SETTINGS, users: [{ name: 'X', role: 'dsl', passphrase: 'another long passphrase' }] }),
    ).rejects.toThrow(AlreadySetUpError);
    const log = await readLog(device.session);
    expect(log[0]).toMatchObject({ type: 'establishment.set-up', actor: { userId: device.users.dsl } });
  });
});

describe('unlock and lock', () => {
  it('keeps only non-extractable keys, none in anything serialisable, and lock() drops them', async () => {
    await useCopyOf(device);
    const session = await unlock(device.users.deputy, PASSPHRASES.deputy, later());
    const secrets = secretsOf(session);
    expect(Object.values(secrets).some((v) => v instanceof Uint8Array)).toBe(false);
    for (const k of Object.values(secrets.keys)) {
      expect(k.extractable).toBe(false);
      await expect(crypto.subtle.exportKey('raw', k)).rejects.toThrow(/not extractable|extractable/);
    }
    expect(JSON.stringify(session)).toBe(JSON.stringify({ user: session.user, locked: false }));
    expect(Object.values(session).some((v) => v instanceof CryptoKey || v instanceof Uint8Array)).toBe(false);
    lock(session);
    expect(session.locked).toBe(true);
    expect(() => secretsOf(session)).toThrow(SessionLockedError);
    await expect(createCase(session)).rejects.toThrow(SessionLockedError);
  });

  it('refuses stored KDF iterations lowered below the floor, before deriving anything (docs/SECURITY.md test 3)', async () => {
    const name = await useCopyOf(device);
    db().close();
    const raw = rawDb(name);
    await raw.open();
    const row = await raw.table('keyring').get(device.users.dsl);
    await raw.table('keyring').put({
      ...row,
      holder: {
        ...row.holder,
        privateKey: { ...row.holder.privateKey, kdf: { ...row.holder.privateKey.kdf, iterations: 1000 } },
      },
    });
    raw.close();
    closeDatabase();
    const deriveKey = vi.spyOn(crypto.subtle, 'deriveKey');
    const error = await unlock(device.users.dsl, PASSPHRASES.dsl, later()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as IntegrityError).message).toMatch(/below the floor of 600000/);
    expect(deriveKey).not.toHaveBeenCalled();
  });

  it('refuses a role changed in the clear (a Headteacher made DSL)', async () => {
    const name = await useCopyOf(device);
    db().close();
    const raw = rawDb(name);
    await raw.open();
    const row = await raw.table('keyring').get(device.users.head);
    await raw.table('keyring').put({ ...row, role: 'dsl' });
    raw.close();
    closeDatabase();
    await expect(unlock(device.users.head, PASSPHRASES.head, later())).rejects.toThrow(IntegrityError);
  });

  it('slows down after a wrong passphrase, 1 s doubling to at most 60 s, and a reload does not reset it', async () => {
    await useCopyOf(device);
    const start = (t += 60 * 60_000);
    const clock = { now: () => start };
    await expect(unlock(device.users.dsl, 'not the passphrase at all', clock)).rejects.toThrow(WrongPassphraseError);
    expect(await unlockWaitMs(clock)).toBe(1000);
    const deriveKey = vi.spyOn(crypto.subtle, 'deriveKey');
    await expect(unlock(device.users.dsl, PASSPHRASES.dsl, clock)).rejects.toThrow(UnlockThrottledError);
    expect(deriveKey).not.toHaveBeenCalled();
    closeDatabase(); // as after a reload
    expect(await unlockWaitMs(clock)).toBe(1000);
    const second = { now: () => start + 1000 };
    await expect(unlock(device.users.dsl, 'still not it, sorry', second)).rejects.toThrow(/try again in 2 seconds/);
    expect([1, 2, 3, 6, 7, 8, 20].map(throttleDelayMs)).toEqual([1000, 2000, 4000, 32_000, 60_000, 60_000, 60_000]);
    const session = await unlock(device.users.dsl, PASSPHRASES.dsl, { now: () => start + 1000 + 2000 });
    expect(await unlockWaitMs({ now: () => start + 3000 })).toBe(0);
    lock(session);
  });

  it('checks the signer’s own passphrase for a sign-off', async () => {
    await useCopyOf(device);
    expect(await verifyPassphrase(device.session, PASSPHRASES.dsl, later())).toBe(true);
    expect(await verifyPassphrase(device.session, PASSPHRASES.deputy, later())).toBe(false);
  });
});

describe('passphrases, recovery and users', () => {
  it('a user changes their passphrase: the new one unlocks, the old one does not, and the log says so', async () => {
    await useCopyOf(device);
    const deputy = await unlock(device.users.deputy, PASSPHRASES.deputy, later());
    await expect(changePassphrase(deputy, PASSPHRASES.deputy, 'short')).rejects.toThrow(WeakPassphraseError);
    await changePassphrase(deputy, PASSPHRASES.deputy, 'A brand new deputy passphrase');
    await expect(unlock(device.users.deputy, PASSPHRASES.deputy, later())).rejects.toThrow(WrongPassphraseError);
    lock(deputy);
    const again = await unlock(device.users.deputy, 'A brand new deputy passphrase', later());
    expect((await readLog(again)).at(-2)).toMatchObject({
      type: 'user.passphrase-changed',
      userId: device.users.deputy,
    });
    expect((await readLog(again)).at(-1)).toMatchObject({ type: 'keyring.bound', change: 'passphrase-changed' });
    lock(again);
  });

  it('another DSL sets a new passphrase for a user who forgot theirs', async () => {
    await useCopyOf(device);
    await rewrapForUser(device.session, device.users.head, 'Temporary head passphrase 1', PASSPHRASES.dsl);
    const head = await unlock(device.users.head, 'Temporary head passphrase 1', later());
    expect(head.user.role).toBe('headteacher');
    await expect(rewrapForUser(head, device.users.dsl, 'Headteacher cannot do this', PASSPHRASES.head)).rejects.toThrow(
      NotPermittedError,
    );
    lock(head);
    expect((await readLog(device.session)).at(-2)).toMatchObject({
      type: 'user.passphrase-reset',
      actor: { userId: device.users.dsl },
    });
  });

  it('the recovery key opens the root when a passphrase is lost, and sets a new one', async () => {
    await useCopyOf(device);
    await expect(
      recoverWithRecoveryKey(
        '0000-0000-0000-0000-0000-0000-0000-0000',
        device.users.dsl,
        'Recovered DSL passphrase',
        later(),
      ),
    ).rejects.toThrow(WrongPassphraseError);
    const session = await recoverWithRecoveryKey(
      device.recoveryKey.toLowerCase(),
      device.users.dsl,
      'Recovered DSL passphrase',
      later(),
    );
    expect(session.user.userId).toBe(device.users.dsl);
    const c = await createCase(session);
    await appendEvent(session, c.caseId, {
      type: 'note.added',
      actor: session.actor,
      occurredAt: new Date().toISOString(),
      text: 'after recovery',
    });
    expect((await readLog(session)).some((e) => e.type === 'recovery.used')).toBe(true);
    lock(session);
  });

  it('adds and removes key-holders, never the last DSL or deputy, and only a DSL or deputy may', async () => {
    await useCopyOf(device);
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    const added = await addUser(
      dsl,
      { name: 'Priya Deputy', role: 'deputy-dsl', passphrase: 'Priya has a long passphrase' },
      PASSPHRASES.dsl,
    );
    expect((await listUsers()).map((u) => u.name)).toContain('Priya Deputy');
    await removeUser(dsl, added.userId, 'Left the school');
    await removeUser(dsl, device.users.deputy);
    await expect(removeUser(dsl, device.users.dsl)).rejects.toThrow(NotPermittedError);
    const log = await readLog(dsl);
    lock(dsl);
    expect(log.filter((e) => e.type === 'user.added' || e.type === 'user.removed').map((e) => e.type)).toEqual([
      'user.added',
      'user.removed',
      'user.removed',
    ]);
  });

  it('settings changes are events in the establishment log, with before and after', async () => {
    await useCopyOf(device);
    const next = { ...SETTINGS, mash: { name: 'Wolverhampton MASH', phone: '01902 555999' } };
    await updateSettings(device.session, next, 'New MASH number');
    expect((await getPublicSettings())?.settings.mash.phone).toBe('01902 555999');
    const last = (await readLog(device.session)).at(-1);
    expect(last).toMatchObject({
      type: 'settings.changed',
      reason: 'New MASH number',
      before: { mash: { phone: '01902 555392' } },
      after: { mash: { phone: '01902 555999' } },
    });
    const head = await unlock(device.users.head, PASSPHRASES.head, later());
    await expect(updateSettings(head, next)).rejects.toThrow(NotPermittedError);
    lock(head);
  });

  it('term dates and reminder thresholds are kept with the settings; overlapping terms are refused and nothing changes', async () => {
    await useCopyOf(device);
    const schoolCalendar = {
      terms: [
        { start: '2026-09-02', end: '2026-10-23' },
        { start: '2026-11-02', end: '2026-12-18' },
      ],
      closures: ['2026-10-02'],
    };
    await updateSettings(device.session, {
      ...SETTINGS,
      schoolCalendar,
      reminders: { referralOutcomeSchoolDays: 3, backupMaxDays: 7 },
    });
    expect((await getPublicSettings())?.settings).toMatchObject({
      schoolCalendar,
      reminders: { referralOutcomeSchoolDays: 3, backupMaxDays: 7 },
    });
    const entries = (await readLog(device.session)).length;
    const overlapping = {
      terms: [
        { start: '2026-09-02', end: '2026-10-23' },
        { start: '2026-10-20', end: '2026-12-18' },
      ],
      closures: [],
    };
    await expect(updateSettings(device.session, { ...SETTINGS, schoolCalendar: overlapping })).rejects.toThrow(
      /Term 2 overlaps term 1/,
    );
    await expect(
      updateSettings(device.session, { ...SETTINGS, reminders: { referralOutcomeSchoolDays: 0, backupMaxDays: 7 } }),
    ).rejects.toThrow(/too_small|>=1/);
    expect((await getPublicSettings())?.settings.schoolCalendar).toEqual(schoolCalendar);
    expect((await readLog(device.session)).length).toBe(entries);
  });
});
