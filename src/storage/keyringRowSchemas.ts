// zod schemas of the keyring's rows (who holds a key), apart from schemas.ts so the lock screen's
// reads (lockScreen.ts) parse them without the domain's rules, which schemas.ts brings in (issue 14
// item 6). Parse, never trust (docs/SECURITY.md item 12).
import { z } from 'zod';
import { KEY_ROLES, ROLES } from '../domain/types';
import { Base64, Hex64, Id, IsoDateTime, PublicEcJwkSchema, WrappedSecretSchema } from './primitiveSchemas';

export const KeyRoleSchema = z.enum(KEY_ROLES);
export type KeyRole = z.infer<typeof KeyRoleSchema>;
export const RoleSchema = z.enum(ROLES);

/** The data key wrapped to one key holder's public key (crypto/holderKeys.ts). */
export const WrappedDataKeySchema = z.strictObject({
  v: z.literal(1),
  alg: z.literal('ECDH-P256+HKDF-SHA256+A256GCM'),
  epoch: Id,
  epk: PublicEcJwkSchema,
  salt: Base64,
  iv: Base64,
  ct: Base64,
});
const KeyringRowBase = {
  userId: Id,
  kind: z.enum(['user', 'recovery']),
  role: KeyRoleSchema.nullable(),
  displayName: z.string().max(200).nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** HMAC over everything but the dates: a role edited in the clear is refused at unlock. */
  mac: Hex64,
};
/** A row as written before public-key wrapping: the data key itself wrapped under the passphrase. Upgraded at its holder's next unlock. */
export const LegacyKeyringRowSchema = z.strictObject({ ...KeyringRowBase, wrapped: WrappedSecretSchema });
/**
 * A key holder (or the recovery key): a P-256 key pair whose private half is wrapped under the
 * passphrase (or recovery key), and the data key wrapped to the public half. `holder` and `dataKey`
 * are null for someone whose key could not be renewed when the data key was rotated (a holder who
 * had not unlocked since the upgrade): another DSL or deputy sets them a new passphrase.
 */
export const HolderKeyringRowSchema = z.strictObject({
  ...KeyringRowBase,
  holder: z.strictObject({ publicJwk: PublicEcJwkSchema, privateKey: WrappedSecretSchema }).nullable(),
  dataKey: WrappedDataKeySchema.nullable(),
});
export const KeyringRowSchema = z.union([HolderKeyringRowSchema, LegacyKeyringRowSchema]);
