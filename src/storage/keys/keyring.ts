// Owns the keyring: set-up, unlock (with its slow-down), passphrase changes and resets, the recovery key, and who holds a key.
import {
  type Bytes,
  type EstablishmentKeys,
  type UnlockSecret,
  type WrappedDataKey,
  type WrappedSecret,
  WrongPassphraseError,
  decryptJson,
  deriveEstablishmentKeys,
  encryptJson,
  exportPrivateJwk,
  exportSigningPrivateJwk,
  generateHolderKeyPair,
  generateRecoveryKey,
  generateRootSecret,
  generateSealingKeyPair,
  generateSigningKeyPair,
  hmacHex,
  openDataKey,
  openDataKeyBytes,
  openHolderPrivateKey,
  parseRecoveryKey,
  sha256Hex,
  verifyHmac,
  wrapDataKeyTo,
  wrapHolderPrivateKey,
  zeroize,
} from '../crypto';
import { canonicalJson } from '../../codec/canonical';
import { LOG_CHAIN_ID, keyringMac, keyringMacInput, newId, recordId } from '../chain/chain';
import { ConflictRetry, commit, readLogHead } from '../chain/commit';
import { type KeyringRow, db } from '../db';
import type { IntegrityProblem } from '../chain/integrityTypes';
import { detectLostDatabase, writeInstallationMarker } from '../durability';
import {
  AlreadySetUpError,
  IntegrityError,
  NotSetUpError,
  StorageError,
  UnknownUserError,
  WeakPassphraseError,
} from '../errors';
import { type LogEntry, type LogEntryDraft, LogEntrySchema, prepareLogAppends } from '../chain/log';
import { writeCheckpoint } from '../chain/checkpoint';
import {
  type KeyRole,
  HolderKeyringRowSchema,
  KeyRoleSchema,
  KeyringRowSchema,
  LegacyKeyringRowSchema,
  LogRowSchema,
  PublicEcJwkSchema,
  type PublicSettings,
  PublicSettingsSchema,
  parseRow,
} from '../schemas';
import type { z } from 'zod';

export type LegacyKeyringRow = z.infer<typeof LegacyKeyringRowSchema>;
export type HolderKeyringRow = z.infer<typeof HolderKeyringRowSchema>;
import { Session, type SessionUser, lock, secretsOf } from './session';
import { leads } from '../../domain/permissions';
import { type Clock, clearFailures, throttled, throttledUnwrap } from './throttle';
import { settingsRow, signSealingKey } from '../settings';

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
export type KeyHolder = {
  userId: string;
  name: string;
  role: KeyRole;
  /** Their key could not be renewed at a rotation: another DSL or deputy sets them a new passphrase. */
  needsNewPassphrase?: true;
};

export function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || [...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new WeakPassphraseError(
      `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters. Three or four unrelated words work well.`,
    );
  }
}

export function checkNewUser(u: NewUser): void {
  KeyRoleSchema.parse(u.role);
  if (typeof u.name !== 'string' || u.name.trim().length === 0) throw new StorageError('Each user needs a name.');
  checkPassphrase(u.passphrase);
}

export type HolderFields = {
  userId: string;
  kind: 'user' | 'recovery';
  role: KeyRole | null;
  displayName: string | null;
};

/** A keyring row for a key holder (or the recovery key), MAC'd under the establishment MAC key. */
export async function userRow(macKey: CryptoKey, fields: KeyringRowBody, createdAt?: string): Promise<KeyringRow> {
  const now = new Date().toISOString();
  return {
    ...fields,
    createdAt: createdAt ?? now,
    updatedAt: now,
    mac: await keyringMac(macKey, fields),
  } as KeyringRow;
}
export type KeyringRowBody = HolderFields &
  (
    | { wrapped: LegacyKeyringRow['wrapped'] }
    | { holder: HolderKeyringRow['holder']; dataKey: HolderKeyringRow['dataKey'] }
  );

/**
 * A new key pair for `fields`: its private half wrapped under `secret` (PBKDF2 600,000), and the
 * data key (`dataKeyBytes`, data key `epoch`) wrapped to its public half.
 */
export async function newHolderBody(
  fields: HolderFields,
  secret: UnlockSecret,
  dataKeyBytes: Uint8Array,
  epoch: string,
): Promise<KeyringRowBody> {
  const pair = await generateHolderKeyPair();
  const [privateKey, dataKey] = await Promise.all([
    wrapHolderPrivateKey(pair.privateKey, secret, fields.userId),
    wrapDataKeyTo(dataKeyBytes, pair.publicJwk, fields.userId, epoch),
  ]);
  return {
    ...fields,
    holder: { publicJwk: PublicEcJwkSchema.parse(pair.publicJwk), privateKey },
    dataKey: { ...dataKey, epk: PublicEcJwkSchema.parse(dataKey.epk) },
  };
}

import { isLegacyRow } from '../lockScreen';
export { isLegacyRow };

/**
 * First run: creates the data key, a key pair for each user and for a new recovery key (private
 * halves wrapped under the passphrase or recovery key, PBKDF2 600,000; the data key wrapped to each
 * public half), the sealing (ECDH) and signing (ECDSA) key pairs with their private halves encrypted
 * under the data key, stores the public settings, and starts the establishment log with the keyring
 * bound to it. One transaction. Returns the recovery key: the only time it exists outside a person's hands.
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
    throw new StorageError(
      'This device held records before and they are no longer here. Restore a backup, or confirm that you want to start again without them.',
    );
  }

  const root = generateRootSecret();
  const epoch = newId();
  const keys = await deriveEstablishmentKeys(root);
  const recoveryKey = generateRecoveryKey();
  const users: SessionUser[] = input.users.map((u) => ({ userId: newId(), role: u.role, name: u.name.trim() }));
  let bodies: KeyringRowBody[];
  let sealing: Awaited<ReturnType<typeof generateSealingKeyPair>>;
  let signing: Awaited<ReturnType<typeof generateSigningKeyPair>>;
  try {
    [bodies, sealing, signing] = await Promise.all([
      Promise.all([
        ...input.users.map((u, i) =>
          newHolderBody(
            { userId: users[i]!.userId, kind: 'user', role: u.role, displayName: users[i]!.name },
            u.passphrase,
            root,
            epoch,
          ),
        ),
        newHolderBody(
          { userId: RECOVERY_ID, kind: 'recovery', role: null, displayName: null },
          parseRecoveryKey(recoveryKey),
          root,
          epoch,
        ),
      ]),
      generateSealingKeyPair(),
      generateSigningKeyPair(),
    ]);
  } finally {
    zeroize(root);
  }
  const keyringRows = await Promise.all(bodies.map((b) => userRow(keys.macKey, b)));
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
    signing: await encryptJson(
      keys.dataKey,
      recordId.signingPrivateKey,
      await exportSigningPrivateJwk(signing.privateKey),
    ),
  };
  const installationId = newId();
  const first = users.find((u) => leads(u.role))!;
  const session = new Session(first, keys);
  try {
    await commit(session, async () => {
      const head = await readLogHead();
      const log = await prepareLogAppends(session, head, [
        { type: 'establishment.set-up', settings, users: users.map((u) => ({ ...u })) },
        await bindingEntry(keyringRows, 'set-up', epoch),
      ]);
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

// ---- the keyring bound to the establishment log (docs/SECURITY.md item 1) ----------------------

/** SHA-256 of a row's canonical JSON without its MAC: what the log records for each row. */
export async function rowDigest(row: KeyringRow): Promise<string> {
  const { mac: _mac, ...rest } = row;
  return sha256Hex(canonicalJson(rest));
}

/** The 'keyring.bound' entry for the keyring as `rows` (after a change). */
export async function bindingEntry(
  rows: readonly KeyringRow[],
  change: KeyringBinding['change'],
  epoch: string,
  rotated?: { caseKeys: number },
): Promise<LogEntryDraft> {
  const digests = await Promise.all(
    [...rows]
      .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
      .map(async (r) => [r.userId, await rowDigest(r)] as [string, string]),
  );
  return { type: 'keyring.bound', change, epoch, rows: digests, ...(rotated ? { rotated } : {}) };
}

export type KeyringBinding = Extract<LogEntry, { type: 'keyring.bound' }>;

/**
 * The latest 'keyring.bound' entry of the establishment log, read from the end with `dataKey`.
 * null when the log has none (a device set up before the keyring was bound: its first unlock binds
 * it). Entries that do not open are passed over (the integrity check names them), but if the log
 * has entries and none opens, the key is not this store's current data key: refused.
 */
export async function latestBinding(dataKey: CryptoKey): Promise<KeyringBinding | null> {
  const rows = await db().log.orderBy('seq').reverse().toArray();
  let opened = 0;
  for (const raw of rows) {
    const row = LogRowSchema.safeParse(raw);
    if (!row.success) continue;
    let entry: LogEntry;
    try {
      entry = LogEntrySchema.parse(await decryptJson(dataKey, recordId.log(row.data.eventId), row.data.enc));
    } catch {
      continue;
    }
    opened++;
    if (entry.type === 'keyring.bound') return entry;
  }
  if (rows.length > 0 && opened === 0) throw staleKey();
  return null;
}

function staleKey(): IntegrityError {
  return new IntegrityError({
    scope: 'keyring',
    kind: 'rolled-back',
    message:
      'This key holder’s stored key is not the current one: it was put back from before a change (an old passphrase, or a key holder who was removed), so the app will not unlock with it.',
  });
}

/** Refuses a row that the latest binding does not list as it is now. Returns the binding (null on a device never bound). */
export async function checkBinding(dataKey: CryptoKey, row: KeyringRow): Promise<KeyringBinding | null> {
  const binding = await latestBinding(dataKey);
  if (!binding) {
    // Only a device from before public-key wrapping has no binding; a holder row always comes with one.
    if (!isLegacyRow(row)) throw staleKey();
    return null;
  }
  const digest = await rowDigest(row);
  if (!binding.rows.some(([id, d]) => id === row.userId && d === digest)) throw staleKey();
  return binding;
}

/** For the integrity checks: keyring rows that differ from the latest binding (put back, added or removed outside the app). */
export async function keyringBindingProblems(dataKey: CryptoKey): Promise<IntegrityProblem[]> {
  let binding: KeyringBinding | null;
  try {
    binding = await latestBinding(dataKey);
  } catch (e) {
    if (e instanceof IntegrityError) return [e.problem];
    throw e;
  }
  if (!binding) return [];
  const bound = new Map(binding.rows);
  const out: IntegrityProblem[] = [];
  const seen = new Set<string>();
  for (const raw of await db().keyring.toArray()) {
    const parsed = KeyringRowSchema.safeParse(raw);
    const id = String((raw as { userId?: unknown }).userId);
    seen.add(id);
    if (!bound.has(id)) {
      out.push({
        scope: 'keyring',
        kind: 'inserted',
        message:
          'A key holder’s stored key is on this device that the establishment log does not record (a removed key holder put back?). It will not unlock.',
      });
    } else if (!parsed.success || bound.get(id) !== (await rowDigest(parsed.data))) {
      out.push({
        scope: 'keyring',
        kind: 'rolled-back',
        message:
          'A key holder’s stored key is not the one the establishment log records (an old passphrase put back?). It will not unlock.',
      });
    }
  }
  for (const id of bound.keys()) {
    if (!seen.has(id))
      out.push({
        scope: 'keyring',
        kind: 'deleted',
        message:
          'A key holder’s stored key was removed outside the app. Another DSL or deputy can set them a new passphrase.',
      });
  }
  return out;
}

export { listUsers } from '../lockScreen';

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
    throw new IntegrityError({
      scope: 'keyring',
      kind: 'edited',
      message:
        'This user’s stored details (name or role) were changed outside the app, so the app will not unlock with them.',
    });
  }
}

export function userOf(row: KeyringRow): SessionUser {
  if (row.kind !== 'user' || row.role === null) throw new UnknownUserError();
  return { userId: row.userId, role: row.role, name: row.displayName ?? '' };
}

/** A holder whose key was not renewed at a rotation (they had not unlocked since the upgrade). */
export class NeedsNewPassphraseError extends StorageError {
  constructor(name: string) {
    super(
      `${name ? `${name}’s` : 'This'} key was renewed when a key holder was removed or a case destroyed, before ${name || 'they'} had unlocked with this version. Another DSL or deputy sets a new passphrase in Settings, key holders.`,
    );
    this.name = 'NeedsNewPassphraseError';
  }
}

/**
 * Unlocks: the passphrase opens the user's private key, which opens the data key straight into
 * WebCrypto; the session holds only non-extractable keys. Refuses stored KDF parameters below the
 * floor (docs/SECURITY.md test 3), stored names or roles changed in the clear, and a row the
 * establishment log does not record as current (put back from before a change). A row from before
 * public-key wrapping is upgraded here. After a wrong passphrase the next attempt waits 1 s,
 * doubling to 60 s (UnlockThrottledError with retryAfterMs).
 */
export async function unlock(userId: string, passphrase: string, clock: Clock = {}): Promise<Session> {
  const row = await readKeyringRow(userId);
  const user = userOf(row);
  if (isLegacyRow(row)) return unlockLegacy(row, user, passphrase, clock);
  const keys = await openRow(row, passphrase, clock);
  await checkRowMac(keys.macKey, row);
  await checkBinding(keys.dataKey, row);
  await clearFailures();
  return new Session(user, keys);
}

/** The keys a holder row opens with `secret` (throttled). */
async function openRow(row: HolderKeyringRow, secret: UnlockSecret, clock: Clock): Promise<EstablishmentKeys> {
  if (!row.holder || !row.dataKey) throw new NeedsNewPassphraseError(row.displayName ?? '');
  const holder = row.holder;
  const privateKey = await throttled(
    holder.privateKey.kdf,
    row.kind === 'recovery' ? 'recovery key' : 'passphrase',
    () => openHolderPrivateKey(holder.privateKey as WrappedSecret, secret, row.userId),
    clock,
  );
  try {
    return await openDataKey(row.dataKey as WrappedDataKey, privateKey, row.userId);
  } catch {
    throw new IntegrityError({
      scope: 'keyring',
      kind: 'edited',
      message: 'This key holder’s stored key was altered outside the app, so the app will not unlock with it.',
    });
  }
}

async function unlockLegacy(
  row: LegacyKeyringRow,
  user: SessionUser,
  passphrase: string,
  clock: Clock,
): Promise<Session> {
  const root = await throttledUnwrap(row, passphrase, clock);
  try {
    const keys = await deriveEstablishmentKeys(root);
    await checkRowMac(keys.macKey, row);
    const binding = await checkBinding(keys.dataKey, row);
    await clearFailures();
    const session = new Session(user, keys);
    await upgradeRow(session, row, passphrase, root, binding?.epoch ?? newId(), 'upgraded');
    return session;
  } finally {
    zeroize(root);
  }
}

/**
 * Replaces a legacy row (the data key wrapped under the passphrase) with a key pair: its private
 * half under the same passphrase (or recovery key), the data key wrapped to its public half. Logged
 * with the keyring's new binding; no other row changes and nothing is re-encrypted.
 */
export async function upgradeRow(
  session: Session,
  row: KeyringRow,
  secret: UnlockSecret,
  root: Uint8Array,
  epoch: string,
  change: KeyringBinding['change'],
): Promise<void> {
  const { keys } = secretsOf(session);
  const next = await userRow(
    keys.macKey,
    await newHolderBody(
      { userId: row.userId, kind: row.kind, role: row.role, displayName: row.displayName },
      secret,
      root,
      epoch,
    ),
    row.createdAt,
  );
  await commitKeyringChange(session, { put: [next] }, change, epoch);
}

/**
 * Writes keyring rows (put or delete) and, in the same step, the log entries given and the
 * keyring's new binding. Refused (and retried) if the keyring changed meanwhile.
 */
export async function commitKeyringChange(
  session: Session,
  change: { put?: KeyringRow[]; remove?: string[]; add?: boolean },
  kind: KeyringBinding['change'],
  epoch: string,
  entries: LogEntryDraft[] = [],
): Promise<void> {
  await commit(session, async () => {
    const head = await readLogHead();
    const current = (await db().keyring.toArray()).map((r) => parseRow(KeyringRowSchema, r, 'keyring entry'));
    const byId = new Map(current.map((r) => [r.userId, r]));
    for (const id of change.remove ?? []) byId.delete(id);
    for (const r of change.put ?? []) byId.set(r.userId, r);
    const log = await prepareLogAppends(session, head, [
      ...entries,
      await bindingEntry([...byId.values()], kind, epoch),
    ]);
    const before = new Map(current.map((r) => [r.userId, r.mac]));
    return {
      plan: {
        appends: log.appends,
        expect: [{ chain: LOG_CHAIN_ID, head: head.seq === 0 ? null : head }],
        write: async (d) => {
          const now = await d.keyring.toArray();
          if (now.length !== before.size || now.some((r) => before.get(r.userId) !== (r as KeyringRow).mac))
            throw new ConflictRetry();
          if (change.remove?.length) await d.keyring.bulkDelete(change.remove);
          if (change.put?.length) await (change.add ? d.keyring.bulkAdd(change.put) : d.keyring.bulkPut(change.put));
        },
      },
      result: undefined,
    };
  });
}

/** The signed-in holder's own row, its MAC and binding checked under the session's keys. */
export async function authenticRow(session: Session, userId: string): Promise<KeyringRow> {
  const { keys } = secretsOf(session);
  const row = await readKeyringRow(userId);
  await checkRowMac(keys.macKey, row);
  await checkBinding(keys.dataKey, row);
  return row;
}

/**
 * For sign-offs that need the signer's own passphrase at that moment: true if it opens the
 * signed-in user's (authentic, current) key. Wrong answers count towards the same slow-down as unlock.
 */
export async function verifyPassphrase(session: Session, passphrase: string, clock: Clock = {}): Promise<boolean> {
  return opensKey(session, session.user.userId, passphrase, clock);
}

/** True if `passphrase` opens `userId`'s authentic, current key (throttled). */
export async function opensKey(
  session: Session,
  userId: string,
  passphrase: string,
  clock: Clock = {},
): Promise<boolean> {
  const row = await authenticRow(session, userId);
  try {
    if (isLegacyRow(row)) zeroize(await throttledUnwrap(row, passphrase, clock));
    else {
      if (!row.holder) return false;
      const holder = row.holder;
      await throttled(
        holder.privateKey.kdf,
        row.kind === 'recovery' ? 'recovery key' : 'passphrase',
        () => openHolderPrivateKey(holder.privateKey as WrappedSecret, passphrase, userId),
        clock,
      );
    }
  } catch (e) {
    if (e instanceof WrongPassphraseError) return false;
    throw e;
  }
  await clearFailures();
  return true;
}

/**
 * The data key's bytes, opened with the signed-in user's passphrase asked again, for one re-wrap
 * (adding a key holder, setting someone's passphrase, a new recovery key): the session itself holds
 * only non-extractable keys (docs/SECURITY.md item 5). The caller zeroizes them. Checked against the
 * session's own key, so a swapped row cannot slip in another data key. Also returns the data key's epoch.
 */
export async function dataKeyBytesWithPassphrase(
  session: Session,
  passphrase: string,
  clock: Clock = {},
): Promise<{ bytes: Bytes; epoch: string }> {
  const userId = session.user.userId;
  const row = await authenticRow(session, userId);
  let bytes: Bytes;
  let epoch: string;
  if (isLegacyRow(row)) {
    bytes = await throttledUnwrap(row, passphrase, clock);
    epoch = (await latestBinding(secretsOf(session).keys.dataKey))?.epoch ?? newId();
  } else {
    if (!row.holder || !row.dataKey) throw new NeedsNewPassphraseError(row.displayName ?? '');
    const holder = row.holder;
    const privateKey = await throttled(
      holder.privateKey.kdf,
      row.kind === 'recovery' ? 'recovery key' : 'passphrase',
      () => openHolderPrivateKey(holder.privateKey as WrappedSecret, passphrase, userId),
      clock,
    );
    bytes = await openDataKeyBytes(row.dataKey as WrappedDataKey, privateKey, userId);
    epoch = row.dataKey.epoch;
  }
  await clearFailures();
  if (!(await sameDataKey(secretsOf(session).keys, bytes))) {
    zeroize(bytes);
    throw staleKey();
  }
  return { bytes, epoch };
}

const PROBE = 'ypsi/data-key-probe/v1';
/** True if `bytes` derive the same MAC key as `keys` (compared inside WebCrypto). */
async function sameDataKey(keys: EstablishmentKeys, bytes: Uint8Array): Promise<boolean> {
  const other = await deriveEstablishmentKeys(bytes);
  return verifyHmac(keys.macKey, PROBE, await hmacHex(other.macKey, PROBE));
}
