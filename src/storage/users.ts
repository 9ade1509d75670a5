// Owns changes to who holds a key: passphrase changes and resets, the recovery key, adding and removing key-holders.
import { deriveEstablishmentKeys, generateRecoveryKey, parseRecoveryKey, WrongPassphraseError, wrapRootSecret, zeroize } from './crypto';
import { LOG_CHAIN_ID, newId } from './chain';
import { commit, readLogHead } from './commit';
import { NotPermittedError } from './errors';
import { type KeyHolder, type NewUser, RECOVERY_ID, checkNewUser, checkPassphrase, checkRowMac, listUsers, readKeyringRow, userOf, userRow, verifyPassphrase } from './keyring';
import { prepareLogAppends } from './log';
import { Session, requireRole, secretsOf } from './session';
import { may } from '../domain/permissions';
import { type Clock, clearFailures, throttledUnwrap } from './throttle';

async function rewrap(session: Session, userId: string, passphrase: string, log: 'user.passphrase-changed' | 'user.passphrase-reset'): Promise<void> {
  checkPassphrase(passphrase);
  const { root, keys } = secretsOf(session);
  const row = await readKeyringRow(userId);
  await checkRowMac(keys.macKey, row);
  const wrapped = await wrapRootSecret(root, passphrase, userId);
  const next = await userRow(keys.macKey, { userId, kind: row.kind, role: row.role, displayName: row.displayName, wrapped }, row.createdAt);
  await commit(session, async () => {
    const head = await readLogHead();
    const entries = await prepareLogAppends(session, head, [{ type: log, userId }]);
    return { plan: { appends: entries.appends, expect: [{ chain: LOG_CHAIN_ID, head }], write: async (d) => void (await d.keyring.put(next)) }, result: undefined };
  });
}

/** The signed-in user changes their own passphrase (the current one is asked again). */
export async function changePassphrase(session: Session, currentPassphrase: string, newPassphrase: string): Promise<void> {
  checkPassphrase(newPassphrase);
  if (!(await verifyPassphrase(session, currentPassphrase))) throw new WrongPassphraseError('Your current passphrase is not right.');
  await rewrap(session, session.user.userId, newPassphrase, 'user.passphrase-changed');
}

/** Another DSL (or deputy) sets a new passphrase for a user who forgot theirs; the log says who did it. */
export async function rewrapForUser(session: Session, userId: string, newPassphrase: string): Promise<void> {
  requireRole(session, 'manage-key-holders', 'reset another user’s passphrase');
  const row = await readKeyringRow(userId);
  userOf(row);
  await rewrap(session, userId, newPassphrase, 'user.passphrase-reset');
}

/**
 * Every passphrase lost: the recovery key opens the root, and `userId` gets `newPassphrase`.
 * Returns that user's session. The same slow-down applies to wrong recovery keys.
 */
export async function recoverWithRecoveryKey(recoveryKey: string, userId: string, newPassphrase: string, clock: Clock = {}): Promise<Session> {
  checkPassphrase(newPassphrase);
  const parsedKey = parseRecoveryKey(recoveryKey);
  const recoveryRow = await readKeyringRow(RECOVERY_ID);
  const userRowNow = await readKeyringRow(userId);
  const user = userOf(userRowNow);
  const root = await throttledUnwrap(recoveryRow, parsedKey, clock);
  let session: Session;
  try {
    const keys = await deriveEstablishmentKeys(root);
    await checkRowMac(keys.macKey, recoveryRow);
    await checkRowMac(keys.macKey, userRowNow);
    await clearFailures();
    session = new Session(user, root, keys);
  } catch (e) {
    zeroize(root);
    throw e;
  }
  const { root: r, keys } = secretsOf(session);
  const wrapped = await wrapRootSecret(r, newPassphrase, userId);
  const next = await userRow(keys.macKey, { userId, kind: 'user', role: user.role, displayName: user.name, wrapped }, userRowNow.createdAt);
  await commit(session, async () => {
    const head = await readLogHead();
    const entries = await prepareLogAppends(session, head, [{ type: 'recovery.used', userId }]);
    return { plan: { appends: entries.appends, expect: [{ chain: LOG_CHAIN_ID, head }], write: async (d) => void (await d.keyring.put(next)) }, result: undefined };
  });
  return session;
}

/** A new recovery key replaces the old one (e.g. after it was used or seen). Shown once. */
export async function replaceRecoveryKey(session: Session): Promise<string> {
  requireRole(session, 'manage-key-holders', 'replace the recovery key');
  const { root, keys } = secretsOf(session);
  const recoveryKey = generateRecoveryKey();
  const wrapped = await wrapRootSecret(root, parseRecoveryKey(recoveryKey), RECOVERY_ID);
  const row = await userRow(keys.macKey, { userId: RECOVERY_ID, kind: 'recovery', role: null, displayName: null, wrapped });
  await commit(session, async () => ({ plan: { appends: [], expect: [], write: async (d) => void (await d.keyring.put(row)) }, result: undefined }));
  return recoveryKey;
}

/** Gives a DSL, deputy or Headteacher a key. Staff never hold one: they use the sealed inbox. */
export async function addUser(session: Session, user: NewUser): Promise<KeyHolder> {
  requireRole(session, 'manage-key-holders', 'add users');
  checkNewUser(user);
  const { root, keys } = secretsOf(session);
  const holder: KeyHolder = { userId: newId(), name: user.name.trim(), role: user.role };
  const wrapped = await wrapRootSecret(root, user.passphrase, holder.userId);
  const row = await userRow(keys.macKey, { userId: holder.userId, kind: 'user', role: holder.role, displayName: holder.name, wrapped });
  await commit(session, async () => {
    const head = await readLogHead();
    const entries = await prepareLogAppends(session, head, [{ type: 'user.added', user: holder }]);
    return { plan: { appends: entries.appends, expect: [{ chain: LOG_CHAIN_ID, head }], write: async (d) => void (await d.keyring.add(row)) }, result: undefined };
  });
  return holder;
}

/**
 * Takes a user's key away (deletes their wrap). Refuses to remove the last DSL or deputy. The
 * root is not rotated: someone who once held it could have copied it (see the storage report).
 */
export async function removeUser(session: Session, userId: string, reason?: string): Promise<void> {
  requireRole(session, 'manage-key-holders', 'remove users');
  const target = userOf(await readKeyringRow(userId));
  const holders = await listUsers();
  if (!holders.some((h) => h.userId !== userId && may(h.role, 'manage-key-holders'))) {
    throw new NotPermittedError('This is the last DSL or deputy on this device. Add another before removing this one.');
  }
  await commit(session, async () => {
    const head = await readLogHead();
    const entries = await prepareLogAppends(session, head, [{ type: 'user.removed', user: target, ...(reason ? { reason } : {}) }]);
    return { plan: { appends: entries.appends, expect: [{ chain: LOG_CHAIN_ID, head }], write: async (d) => void (await d.keyring.delete(userId)) }, result: undefined };
  });
}
