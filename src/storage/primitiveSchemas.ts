// zod set up for the app (no code generation, for the CSP) and the schemas every stored shape is built from: digests, ids, dates, encrypted records, wrapped secrets, public keys.
import { z } from 'zod';

// No code generation: the CSP allows no eval, and zod's probe for it would be reported as a
// violation (and blocked by Trusted Types) even though it is caught.
// Every module that builds a schema imports this one first, so the setting comes before any schema is built.
z.config({ jitless: true });

export const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a 64-character lower-case hex digest');

export const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const IsoDateTime = z.string().min(10).max(40);

export const Id = z.string().min(1).max(200);

export const EncryptedRecordSchema = z.strictObject({ v: z.literal(1), iv: Base64, ct: Base64 });

// algorithm and iterations are checked by the crypto layer (checkKdfParams) so that a downgrade is
// refused with its own reason (KdfTooWeakError), not a generic shape error.
export const KdfParamsSchema = z.strictObject({ algorithm: z.string(), iterations: z.number(), salt: z.string() });

export const WrappedSecretSchema = z.strictObject({ v: z.literal(1), kdf: KdfParamsSchema, iv: Base64, ct: Base64 });

export const PublicEcJwkSchema = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(40).max(50),
  y: z.string().min(40).max(50),
});

export const SealedSchema = z.strictObject({
  v: z.literal(1),
  alg: z.literal('ECDH-P256+HKDF-SHA256+A256GCM'),
  epk: PublicEcJwkSchema,
  salt: Base64,
  iv: Base64,
  ct: Base64,
});
