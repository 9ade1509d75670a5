// Owns the keyring: set-up, unlock (with its slow-down), passphrase changes and resets, the recovery key, and who holds a key.
import {
  type Bytes,
  WrongPassphraseError,
  deriveEstablishmentKeys,
  encryptJson,
  exportPrivateJwk,
  exportSigningPrivateJwk,
  generateRecoveryKey,
  generateRootSecret,
  generateSealingKeyPair,
  generateSigningKeyPair,
  parseRecoveryKey,
  verifyHmac,
  wrapRootSecret,
  zeroize,
} from './crypto';
import { LOG_CHAIN_ID, keyringMac, keyringMacInput, newId, recordId } from './chain';
import { commit, readLogHead } from './commit';
import { type KeyringRow, db } from './db';
import { detectLostDatabase, writeInstallationMarker } from './durability';
import {
  AlreadySetUpError,
  IntegrityError,
  NotSetUpError,
  StorageError,
  UnknownUserError,
  WeakPassphraseError,
} from './errors';
import { prepareLogAppends } from './log';
import { writeCheckpoint } from './checkpoint';
import { type KeyRole, KeyRoleSchema, KeyringRowSchema, PublicEcJwkSchema, type PublicSettings, PublicSettingsSchema, parseRow } from './schemas';
import { Session, type SessionUser, lock, secretsOf } from './session';
import { leads } from '../domain/permissions';
import { type Clock, clearFailures, throttledUnwrap } from './throttle';
import { settingsRow, signSealingKey } from './settings';

/**
 * A floor under the UI's strength meter (zxcvbn-ts), not a replacement for it: refuses only what is
 * plainly too short to stand 600,000 PBKDF2 iterations against an offline guess.
 */
export const MIN_PASSPHRASE_LENGTH = 10;

// !!! STORAGE NAME - NEVER CHANGE: the keyring row id of the recovery wrap, also bound into its AAD.
export const RECOVERY_ID = 'recovery';

export type NewUser = { name: string; role: KeyRole; passphrase: string };
export type SetUpInput = {
  settings: PublicSettings;
  users: NewUser[];
  /** Required when detectLostDatabase() said 'database-lost': the person confirmed the old records are gone. */
  confirmLostDatabase?: boolean;
};
export type SetUpResult = {
  /** Shown once, to be written down and kept offline. Never stored in the clear. */
  recoveryKey: string;
  users: SessionUser[];
  installationId: string;
};
export type KeyHolder = { userId: string; name: string; role: KeyRole };


export function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || [...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new WeakPassphraseError(`A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters. Three or four unrelated words work well.`);
  }
}

export function checkNewUser(u: NewUser): void {
  KeyRoleSchema.parse(u.role);
  if (typeof u.name !== 'string' || u.name.trim().length === 0) throw new StorageError('Each user needs a name.');
  checkPassphrase(u.passphrase);
}

export async function userRow(macKey: CryptoKey, fields: Omit<KeyringRow, 'mac' | 'createdAt' | 'updatedAt'>, createdAt?: string): Promise<KeyringRow> {
  const now = new Date().toISOString();
  return { ...fields, createdAt: createdAt ?? now, updatedAt: now, mac: await keyringMac(macKey, fields) };
}

/**
 * First run: creates the root secret, wraps it for each user (PBKDF2 600,000) and for a new
 * recovery key, creates the sealing (ECDH) and signing (ECDSA) key pairs with their private halves
 * encrypted under the data key, stores the public settings, and starts the establishment log.
 * One transaction. Returns the recovery key: the only time it exists outside a person's hands.
 */
export async function setUp(input: SetUpInput): Promise<SetUpResult> {
  const settings = PublicSettingsSchema.parse(input.settings);
  if (input.users.length === 0 || !input.users.some((u) => leads(u.role))) {
    throw new StorageError('Set-up needs at least one Designated Safeguarding Lead.');
  }
  input.users.forEach(checkNewUser);
  const d = db();
  if ((await d.meta.get('device')) || (await d.keyring.count()) > 0) throw new AlreadySetUpError();
  if ((await detectLostDatabase()) === 'database-lost' && !input.confirmLostDatabase) {
    throw new StorageError('This device held records before and they are no longer here. Restore a backup, or confirm that you want to start again without them.');
  }

  const root = generateRootSecret();
  const keys = await deriveEstablishmentKeys(root);
  const recoveryKey = generateRecoveryKey();
  const users: SessionUser[] = input.users.map((u) => ({ userId: newId(), role: u.role, name: u.name.trim() }));
  const [wraps, recoveryWrap, sealing, signing] = await Promise.all([
    Promise.all(input.users.map((u, i) => wrapRootSecret(root, u.passphrase, users[i]!.userId))),
    wrapRootSecret(root, parseRecoveryKey(recoveryKey), RECOVERY_ID),
    generateSealingKeyPair(),
    generateSigningKeyPair(),
  ]);
  const keyringRows = await Promise.all([
    ...users.map((u, i) => userRow(keys.macKey, { userId: u.userId, kind: 'user', role: u.role, displayName: u.name, wrapped: wraps[i]! })),
    userRow(keys.macKey, { userId: RECOVERY_ID, kind: 'recovery', role: null, displayName: null, wrapped: recoveryWrap }),
  ]);
  const now = new Date().toISOString();
  const settingsMeta = await settingsRow(keys.macKey, {
    settings,
    sealingPublicJwk: PublicEcJwkSchema.parse(sealing.publicJwk),
    signingPublicJwk: PublicEcJwkSchema.parse(signing.publicJwk),
    // Staff seal only to a sealing key the signing key confirms (docs/SECURITY.md item 16).
    sealingKeySignature: await signSealingKey(signing.privateKey, sealing.publicJwk),
    updatedAt: now,
  });
  const privateKeys = {
    key: 'private-keys' as const,
    sealing: await encryptJson(keys.dataKey, recordId.sealingPrivateKey, await exportPrivateJwk(sealing.privateKey)),
    signing: await encryptJson(keys.dataKey, recordId.signingPrivateKey, await exportSigningPrivateJwk(signing.privateKey)),
  };
  const installationId = newId();
  const first = users.find((u) => leads(u.role))!;
  const session = new Session(first, root, keys);
  try {
    await commit(session, async () => {
      const head = await readLogHead();
      const log = await prepareLogAppends(session, head, [{ type: 'establishment.set-up', settings, users: users.map((u) => ({ ...u })) }]);
      return {
        plan: {
          appends: log.appends,
          expect: [{ chain: LOG_CHAIN_ID, head: null }],
          write: async (tx) => {
            if ((await tx.meta.get('device')) || (await tx.keyring.count()) > 0) throw new AlreadySetUpError();
            await tx.meta.bulkPut([{ key: 'device', installationId, createdAt: now }, settingsMeta, privateKeys]);
            await tx.keyring.bulkPut(keyringRows);
          },
        },
        result: undefined,
      };
    });
    await writeCheckpoint(session);
  } finally {
    lock(session);
  }
  writeInstallationMarker(installationId);
  return { recoveryKey, users, installationId };
}

/** Who holds a key, for the lock screen's "who are you?". Display only: verified at unlock. */
export async function listUsers(): Promise<KeyHolder[]> {
  const rows = await db().keyring.toArray();
  return rows
    .map((r) => parseRow(KeyringRowSchema, r, 'keyring entry'))
    .filter((r) => r.kind === 'user' && r.role !== null)
    .map((r) => ({ userId: r.userId, name: r.displayName ?? '', role: r.role! }));
}

export async function readKeyringRow(userId: string): Promise<KeyringRow> {
  const raw = await db().keyring.get(userId);
  if (!raw) {
    if ((await db().keyring.count()) === 0) throw new NotSetUpError();
    throw new UnknownUserError();
  }
  return parseRow(KeyringRowSchema, raw, 'keyring entry');
}

export async function checkRowMac(macKey: CryptoKey, row: KeyringRow): Promise<void> {
  if (!(await verifyHmac(macKey, keyringMacInput(row), row.mac))) {
    throw new IntegrityError({ scope: 'keyring', kind: 'edited', message: 'This user’s stored details (name or role) were changed outside the app, so the app will not unlock with them.' });
  }
}

export function userOf(row: KeyringRow): SessionUser {
  if (row.kind !== 'user' || row.role === null) throw new UnknownUserError();
  return { userId: row.userId, role: row.role, name: row.displayName ?? '' };
}

/**
 * Unlocks: the user's passphrase opens their wrap of the root; the keys live in the returned
 * Session only. Refuses stored KDF parameters below the floor (docs/SECURITY.md test 3) and stored
 * names or roles changed in the clear. After a wrong passphrase the next attempt waits 1 s,
 * doubling to 60 s (UnlockThrottledError with retryAfterMs).
 */
export async function unlock(userId: string, passphrase: string, clock: Clock = {}): Promise<Session> {
  const row = await readKeyringRow(userId);
  const user = userOf(row);
  const root = await throttledUnwrap(row, passphrase, clock);
  try {
    const keys = await deriveEstablishmentKeys(root);
    await checkRowMac(keys.macKey, row);
    await clearFailures();
    return new Session(user, root, keys);
  } catch (e) {
    zeroize(root);
    throw e;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * For sign-offs that need the signer's own passphrase at that moment: true if it opens the
 * signed-in user's wrap. Wrong answers count towards the same slow-down as unlock.
 */
export async function verifyPassphrase(session: Session, passphrase: string, clock: Clock = {}): Promise<boolean> {
  const { root } = secretsOf(session);
  const row = await readKeyringRow(session.user.userId);
  let opened: Bytes;
  try {
    opened = await throttledUnwrap(row, passphrase, clock);
  } catch (e) {
    if (e instanceof WrongPassphraseError) return false;
    throw e;
  }
  const ok = sameBytes(opened, root);
  zeroize(opened);
  if (ok) await clearFailures();
  return ok;
}

