// Owns unlocking and changes to the keyring: unlock (with its slow-down), upgrades of older rows, passphrase checks, and committing a keyring change; re-exports the keyring's parts.
import {
  type Bytes,
  type EstablishmentKeys,
  type UnlockSecret,
  type WrappedDataKey,
  type WrappedSecret,
  WrongPassphraseError,
  deriveEstablishmentKeys,
  hmacHex,
  openDataKey,
  openDataKeyBytes,
  openHolderPrivateKey,
  verifyHmac,
  zeroize,
} from '../crypto';
import { LOG_CHAIN_ID, newId } from '../chain/chain';
import { ConflictRetry, commit, readLogHead } from '../chain/commit';
import { type KeyringRow, type YpsiDatabase, db } from '../db';
import { IntegrityError, StorageError } from '../errors';
import { type LogEntryDraft, prepareLogAppends } from '../chain/log';
import { KeyringRowSchema, parseRow } from '../schemas';

import { Session, type SessionUser, secretsOf } from './session';
import { type Clock, clearFailures, throttled, throttledUnwrap } from './throttle';

import {
  type HolderKeyringRow,
  type LegacyKeyringRow,
  checkRowMac,
  isLegacyRow,
  newHolderBody,
  readKeyringRow,
  userOf,
  userRow,
} from './keyringRows';
import { type KeyringBinding, bindingEntry, checkBinding, latestBinding, staleKey } from './binding';

export * from './keyringRows';
export * from './binding';
export { setUp } from './setUp';

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
  const { keys, privateKey } = await openRow(row, passphrase, clock);
  await checkRowMac(keys.macKey, row);
  await checkBinding(keys.dataKey, row);
  await clearFailures();
  return new Session(user, keys, privateKey);
}

/** The keys a holder row opens with `secret` (throttled), and the holder's private key that opened them. */
async function openRow(
  row: HolderKeyringRow,
  secret: UnlockSecret,
  clock: Clock,
): Promise<{ keys: EstablishmentKeys; privateKey: CryptoKey }> {
  if (!row.holder || !row.dataKey) throw new NeedsNewPassphraseError(row.displayName ?? '');
  const holder = row.holder;
  const privateKey = await throttled(
    holder.privateKey.kdf,
    row.kind === 'recovery' ? 'recovery key' : 'passphrase',
    () => openHolderPrivateKey(holder.privateKey as WrappedSecret, secret, row.userId),
    clock,
  );
  try {
    return { keys: await openDataKey(row.dataKey as WrappedDataKey, privateKey, row.userId), privateKey };
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
 * keyring's new binding (and `alsoWrite`'s rows: settings taken on with it, sync/followApply.ts).
 * Refused (and retried) if the keyring changed meanwhile.
 */
export async function commitKeyringChange(
  session: Session,
  change: { put?: KeyringRow[]; remove?: string[]; add?: boolean },
  kind: KeyringBinding['change'],
  epoch: string,
  entries: LogEntryDraft[] = [],
  alsoWrite?: (d: YpsiDatabase) => Promise<void>,
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
          await alsoWrite?.(d);
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
