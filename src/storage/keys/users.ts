// Owns changes to who holds a key: passphrase changes and resets, the recovery key, adding and removing key-holders (docs/SECURITY.md item 1).
import {
  type Bytes,
  type WrappedDataKey,
  type WrappedSecret,
  WrongPassphraseError,
  deriveEstablishmentKeys,
  generateRecoveryKey,
  openDataKeyBytes,
  openHolderPrivateKey,
  parseRecoveryKey,
  wrapHolderPrivateKey,
  zeroize,
} from '../crypto';
import { newId } from '../chain/chain';
import { NotPermittedError } from '../errors';
import {
  type KeyHolder,
  type NewUser,
  NeedsNewPassphraseError,
  RECOVERY_ID,
  authenticRow,
  checkBinding,
  checkNewUser,
  checkPassphrase,
  checkRowMac,
  commitKeyringChange,
  dataKeyBytesWithPassphrase,
  isLegacyRow,
  latestBinding,
  listUsers,
  newHolderBody,
  readKeyringRow,
  userOf,
  userRow,
} from './keyring';
import { type RotationProgress, type RotationResult, rotateDataKey } from './rotate';
import { Session, requireRole, secretsOf } from './session';
import { may } from '../../domain/permissions';
import { type Clock, clearFailures, throttled, throttledUnwrap } from './throttle';

/**
 * The signed-in user changes their own passphrase (the current one is asked again): their private
 * key is wrapped again under the new one; the data key's wrap to their public key stays.
 */
export async function changePassphrase(
  session: Session,
  currentPassphrase: string,
  newPassphrase: string,
  clock: Clock = {},
): Promise<void> {
  checkPassphrase(newPassphrase);
  const userId = session.user.userId;
  const row = await authenticRow(session, userId);
  const { keys } = secretsOf(session);
  const fields = { userId, kind: row.kind, role: row.role, displayName: row.displayName };
  let next;
  try {
    if (isLegacyRow(row)) {
      const root = await throttledUnwrap(row, currentPassphrase, clock);
      try {
        const epoch = (await latestBinding(keys.dataKey))?.epoch ?? newId();
        next = await userRow(keys.macKey, await newHolderBody(fields, newPassphrase, root, epoch), row.createdAt);
      } finally {
        zeroize(root);
      }
    } else {
      if (!row.holder || !row.dataKey) throw new NeedsNewPassphraseError(row.displayName ?? '');
      const holder = row.holder;
      const privateKey = await throttled(
        holder.privateKey.kdf,
        row.kind === 'recovery' ? 'recovery key' : 'passphrase',
        () =>
          openHolderPrivateKey(holder.privateKey as WrappedSecret, currentPassphrase, userId, { extractable: true }),
        clock,
      );
      const privateWrap = await wrapHolderPrivateKey(privateKey, newPassphrase, userId);
      next = await userRow(
        keys.macKey,
        { ...fields, holder: { publicJwk: holder.publicJwk, privateKey: privateWrap }, dataKey: row.dataKey },
        row.createdAt,
      );
    }
  } catch (e) {
    if (e instanceof WrongPassphraseError)
      throw new WrongPassphraseError('Your current passphrase is not right.', { cause: e });
    throw e;
  }
  await clearFailures();
  const epoch = 'dataKey' in next && next.dataKey ? next.dataKey.epoch : newId();
  await commitKeyringChange(session, { put: [next] }, 'passphrase-changed', epoch, [
    { type: 'user.passphrase-changed', userId },
  ]);
}

/**
 * Another DSL (or deputy) sets a new passphrase for a user who forgot theirs (or whose key was not
 * renewed at a rotation): a new key pair for them, the data key wrapped to it. The signed-in
 * manager's own passphrase is asked again, because the session keeps no copy of the data key it
 * could wrap (docs/SECURITY.md item 5). The log says who did it.
 */
export async function rewrapForUser(
  session: Session,
  userId: string,
  newPassphrase: string,
  ownPassphrase: string,
): Promise<void> {
  requireRole(session, 'manage-key-holders', 'reset another user’s passphrase');
  checkPassphrase(newPassphrase);
  const row = await readKeyringRow(userId);
  userOf(row);
  await checkRowMac(secretsOf(session).keys.macKey, row);
  const next = await withDataKey(session, ownPassphrase, (bytes, epoch) =>
    newHolderBody(
      { userId, kind: row.kind, role: row.role, displayName: row.displayName },
      newPassphrase,
      bytes,
      epoch,
    ),
  );
  await commitKeyringChange(
    session,
    { put: [await userRow(secretsOf(session).keys.macKey, next.body, row.createdAt)] },
    'passphrase-reset',
    next.epoch,
    [{ type: 'user.passphrase-reset', userId }],
  );
}

/** Runs `fn` with the data key's bytes opened by the signed-in user's passphrase; zeroizes them after. */
async function withDataKey<T>(
  session: Session,
  ownPassphrase: string,
  fn: (bytes: Bytes, epoch: string) => Promise<T>,
): Promise<{ body: T; epoch: string }> {
  let opened: { bytes: Bytes; epoch: string };
  try {
    opened = await dataKeyBytesWithPassphrase(session, ownPassphrase);
  } catch (e) {
    if (e instanceof WrongPassphraseError)
      throw new WrongPassphraseError('Your own passphrase is not right.', { cause: e });
    throw e;
  }
  try {
    return { body: await fn(opened.bytes, opened.epoch), epoch: opened.epoch };
  } finally {
    zeroize(opened.bytes);
  }
}

/**
 * Every passphrase lost: the recovery key opens the data key, and `userId` gets `newPassphrase`
 * (a new key pair). A recovery row from before public-key wrapping is upgraded at the same time.
 * Returns that user's session. The same slow-down applies to wrong recovery keys.
 */
export async function recoverWithRecoveryKey(
  recoveryKey: string,
  userId: string,
  newPassphrase: string,
  clock: Clock = {},
): Promise<Session> {
  checkPassphrase(newPassphrase);
  const parsedKey = parseRecoveryKey(recoveryKey);
  const recoveryRow = await readKeyringRow(RECOVERY_ID);
  const userRowNow = await readKeyringRow(userId);
  const user = userOf(userRowNow);
  let root: Bytes;
  if (isLegacyRow(recoveryRow)) root = await throttledUnwrap(recoveryRow, parsedKey, clock);
  else {
    if (!recoveryRow.holder || !recoveryRow.dataKey) throw new NeedsNewPassphraseError('The recovery key');
    const holder = recoveryRow.holder;
    const privateKey = await throttled(
      holder.privateKey.kdf,
      recoveryRow.kind === 'recovery' ? 'recovery key' : 'passphrase',
      () => openHolderPrivateKey(holder.privateKey as WrappedSecret, parsedKey, RECOVERY_ID),
      clock,
    );
    root = await openDataKeyBytes(recoveryRow.dataKey as WrappedDataKey, privateKey, RECOVERY_ID);
  }
  try {
    const keys = await deriveEstablishmentKeys(root);
    await checkRowMac(keys.macKey, recoveryRow);
    await checkRowMac(keys.macKey, userRowNow);
    const binding = await checkBinding(keys.dataKey, recoveryRow);
    await clearFailures();
    const session = new Session(user, keys);
    const epoch = binding?.epoch ?? newId();
    const put = [
      await userRow(
        keys.macKey,
        await newHolderBody(
          { userId, kind: 'user', role: user.role, displayName: user.name },
          newPassphrase,
          root,
          epoch,
        ),
        userRowNow.createdAt,
      ),
      ...(isLegacyRow(recoveryRow)
        ? [
            await userRow(
              keys.macKey,
              await newHolderBody(
                { userId: RECOVERY_ID, kind: 'recovery', role: null, displayName: null },
                parsedKey,
                root,
                epoch,
              ),
              recoveryRow.createdAt,
            ),
          ]
        : []),
    ];
    await commitKeyringChange(session, { put }, 'recovery-used', epoch, [{ type: 'recovery.used', userId }]);
    return session;
  } finally {
    zeroize(root);
  }
}

/** A new recovery key replaces the old one (e.g. after it was used or seen). Shown once. Asks the signed-in manager's passphrase again. */
export async function replaceRecoveryKey(session: Session, ownPassphrase: string): Promise<string> {
  requireRole(session, 'manage-key-holders', 'replace the recovery key');
  const recoveryKey = generateRecoveryKey();
  const next = await withDataKey(session, ownPassphrase, (bytes, epoch) =>
    newHolderBody(
      { userId: RECOVERY_ID, kind: 'recovery', role: null, displayName: null },
      parseRecoveryKey(recoveryKey),
      bytes,
      epoch,
    ),
  );
  await commitKeyringChange(
    session,
    { put: [await userRow(secretsOf(session).keys.macKey, next.body)] },
    'recovery-replaced',
    next.epoch,
  );
  return recoveryKey;
}

/**
 * Gives a DSL, deputy or Headteacher a key: a key pair under their passphrase, the data key wrapped
 * to it. The signed-in manager's own passphrase is asked again (docs/SECURITY.md item 5). Staff
 * never hold one: they use the sealed inbox.
 */
export async function addUser(session: Session, user: NewUser, ownPassphrase: string): Promise<KeyHolder> {
  requireRole(session, 'manage-key-holders', 'add users');
  checkNewUser(user);
  const holder: KeyHolder = { userId: newId(), name: user.name.trim(), role: user.role };
  const next = await withDataKey(session, ownPassphrase, (bytes, epoch) =>
    newHolderBody(
      { userId: holder.userId, kind: 'user', role: holder.role, displayName: holder.name },
      user.passphrase,
      bytes,
      epoch,
    ),
  );
  await commitKeyringChange(
    session,
    { put: [await userRow(secretsOf(session).keys.macKey, next.body)], add: true },
    'added',
    next.epoch,
    [{ type: 'user.added', user: holder }],
  );
  return holder;
}

/**
 * Takes a user's key away and ROTATES the data key (rotate.ts): a new data key, every case key
 * wrapped again under it, every remaining holder's wrap renewed, everything keyed by the old one
 * re-keyed, in one transaction. Whatever the removed holder kept opens nothing written from now on,
 * nor this device's store. Refuses to remove the last DSL or deputy.
 */
export async function removeUser(
  session: Session,
  userId: string,
  reason?: string,
  onProgress?: (p: RotationProgress) => void,
): Promise<RotationResult> {
  requireRole(session, 'manage-key-holders', 'remove users');
  const target = userOf(await readKeyringRow(userId));
  const holders = await listUsers();
  if (!holders.some((h) => h.userId !== userId && may(h.role, 'manage-key-holders'))) {
    throw new NotPermittedError('This is the last DSL or deputy on this device. Add another before removing this one.');
  }
  return rotateDataKey(
    session,
    {
      remove: [userId],
      change: 'removed',
      entries: [{ type: 'user.removed', user: target, ...(reason ? { reason } : {}) }],
    },
    onProgress,
  );
}
