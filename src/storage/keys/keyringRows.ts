// Owns a keyring row: its fields, its MAC, reading it and checking it, and the rules for a new key holder's passphrase.
import { type UnlockSecret, generateHolderKeyPair, verifyHmac, wrapDataKeyTo, wrapHolderPrivateKey } from '../crypto';
import { keyringMac, keyringMacInput } from '../chain/chain';
import { type KeyringRow, db } from '../db';
import { IntegrityError, NotSetUpError, StorageError, UnknownUserError, WeakPassphraseError } from '../errors';
import {
  type KeyRole,
  HolderKeyringRowSchema,
  KeyRoleSchema,
  KeyringRowSchema,
  LegacyKeyringRowSchema,
  PublicEcJwkSchema,
  type PublicSettings,
  parseRow,
} from '../schemas';
import type { z } from 'zod';

export type LegacyKeyringRow = z.infer<typeof LegacyKeyringRowSchema>;
export type HolderKeyringRow = z.infer<typeof HolderKeyringRowSchema>;
import { type SessionUser } from './session';

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
