// Owns first-run set-up (docs/SECURITY.md item 1): the data key, each key holder's key pair, the establishment's key pairs, the settings and the log, in one transaction.
import {
  deriveEstablishmentKeys,
  encryptJson,
  exportPrivateJwk,
  exportSigningPrivateJwk,
  generateRecoveryKey,
  generateRootSecret,
  generateSealingKeyPair,
  generateSigningKeyPair,
  parseRecoveryKey,
  zeroize,
} from '../crypto';
import { LOG_CHAIN_ID, newId, recordId } from '../chain/chain';
import { commit, readLogHead } from '../chain/commit';
import { db } from '../db';
import { detectLostDatabase, writeInstallationMarker } from '../durability';
import { AlreadySetUpError, StorageError } from '../errors';
import { prepareLogAppends } from '../chain/log';
import { writeCheckpoint } from '../chain/checkpoint';
import { PublicEcJwkSchema, PublicSettingsSchema } from '../schemas';

import { Session, type SessionUser, lock } from './session';
import { leads } from '../../domain/permissions';
import { settingsRow, signSealingKey } from '../settings';
import {
  type KeyringRowBody,
  type SetUpInput,
  type SetUpResult,
  RECOVERY_ID,
  checkNewUser,
  newHolderBody,
  userRow,
} from './keyringRows';
import { bindingEntry } from './binding';

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
