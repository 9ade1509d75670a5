// Passphrase -> key-encryption key (KEK) derivation, and the refusal of weak or tampered KDF parameters.
import { type Bytes, base64ToBytes, bytesToBase64, utf8Encode } from '../../codec/encoding';
import { KdfParamsError, KdfTooWeakError } from './errors';
import { AES_KEY_BITS, randomBytes, subtle } from './primitives';

// PBKDF2-HMAC-SHA-256 because it is the only password KDF WebCrypto ships (no WASM, no extra code
// to audit); 600,000 iterations is OWASP's and Bitwarden's figure for it (docs/SECURITY.md item 2).
// Argon2id can be added later as another `algorithm` value.
export const PBKDF2_ALGORITHM = 'PBKDF2-HMAC-SHA-256' as const;
/** Floor: stored parameters below this are refused (a downgrade), never used. */
export const PBKDF2_MIN_ITERATIONS = 600_000;
export const PBKDF2_DEFAULT_ITERATIONS = 600_000;
/**
 * Ceiling: generous headroom for raising the default, but a corrupted or hostile value cannot
 * freeze the tablet for minutes at unlock.
 */
export const PBKDF2_MAX_ITERATIONS = 10_000_000;
// 16-byte random salt per wrap: unique per user and per re-wrap, so no precomputation carries over.
export const SALT_BYTES = 16;

export type KdfParams = {
  algorithm: typeof PBKDF2_ALGORITHM;
  iterations: number;
  /** base64 of SALT_BYTES random bytes */
  salt: string;
};

/** Fresh parameters with a new random salt. */
export function newKdfParams(iterations: number = PBKDF2_DEFAULT_ITERATIONS): KdfParams {
  const params: KdfParams = { algorithm: PBKDF2_ALGORITHM, iterations, salt: bytesToBase64(randomBytes(SALT_BYTES)) };
  checkKdfParams(params);
  return params;
}

/**
 * Validates parameters read from storage and returns the decoded salt. Throws KdfTooWeakError
 * (unknown algorithm, iterations below the floor, salt not 16 bytes) or KdfParamsError (malformed,
 * iterations above the ceiling). Runs before any derivation.
 */
export function checkKdfParams(params: unknown): Bytes {
  if (typeof params !== 'object' || params === null) throw new KdfParamsError('malformed', 'KDF parameters missing');
  const p = params as Record<string, unknown>;
  if (p.algorithm !== PBKDF2_ALGORITHM) {
    throw new KdfTooWeakError('unknown-algorithm', `KDF algorithm ${String(p.algorithm)} is not accepted`);
  }
  const it = p.iterations;
  if (typeof it !== 'number' || !Number.isSafeInteger(it)) {
    throw new KdfParamsError('malformed', 'KDF iterations must be an integer');
  }
  if (it < PBKDF2_MIN_ITERATIONS) {
    throw new KdfTooWeakError(
      'iterations-below-floor',
      `KDF iterations ${it} are below the floor of ${PBKDF2_MIN_ITERATIONS}`,
    );
  }
  if (it > PBKDF2_MAX_ITERATIONS) {
    throw new KdfParamsError(
      'iterations-above-ceiling',
      `KDF iterations ${it} are above the ceiling of ${PBKDF2_MAX_ITERATIONS}`,
    );
  }
  if (typeof p.salt !== 'string') throw new KdfParamsError('malformed', 'KDF salt must be a base64 string');
  let salt: Bytes;
  try {
    salt = base64ToBytes(p.salt);
  } catch {
    throw new KdfParamsError('malformed', 'KDF salt is not valid base64');
  }
  if (salt.length !== SALT_BYTES) {
    throw new KdfTooWeakError('salt-length', `KDF salt is ${salt.length} bytes, expected ${SALT_BYTES}`);
  }
  return salt;
}

/** Passphrase text as KDF input: NFC so the same passphrase typed on another keyboard or OS derives the same key. */
export function passphraseBytes(passphrase: string): Bytes {
  if (typeof passphrase !== 'string' || passphrase.length === 0)
    throw new TypeError('passphrase must be a non-empty string');
  return utf8Encode(passphrase.normalize('NFC'));
}

/** Derives a non-extractable AES-256-GCM KEK from secret bytes; parameters are checked first. */
export async function deriveKekFromBytes(
  secret: Bytes,
  params: KdfParams,
  usages: KeyUsage[] = ['encrypt', 'decrypt'],
): Promise<CryptoKey> {
  const salt = checkKdfParams(params);
  const s = subtle();
  const base = await s.importKey('raw', secret, 'PBKDF2', false, ['deriveKey']);
  return s.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: params.iterations },
    base,
    { name: 'AES-GCM', length: AES_KEY_BITS },
    false,
    usages,
  );
}

/** Derives the KEK for a passphrase (NFC-normalised). Refuses weak parameters before deriving anything. */
export async function deriveKek(passphrase: string, params: KdfParams): Promise<CryptoKey> {
  checkKdfParams(params);
  return deriveKekFromBytes(passphraseBytes(passphrase), params);
}
