// The establishment root secret: its generation, the keys derived from it, and its per-user wrapping (docs/SECURITY.md item 1).
import { type Bytes, base64ToBytes, bytesToBase64, copyBytes, utf8Encode } from '../../codec/encoding';
import { DecryptError, EncodingError, WrongPassphraseError } from './errors';
import { type KdfParams, checkKdfParams, deriveKekFromBytes, newKdfParams, passphraseBytes } from './kdf';
import {
  AES_KEY_BITS,
  GCM_TAG_BYTES,
  IV_BYTES,
  RECORD_FORMAT_VERSION,
  aad,
  gcmDecrypt,
  gcmEncrypt,
  randomBytes,
  requireId,
  subtle,
} from './primitives';
import { type RecoveryKey, isRecoveryKey } from './recovery';

export const ROOT_SECRET_BYTES = 32;

/** Keys derived from the root secret. Both are non-extractable: they exist only in memory after unlock. */
export type EstablishmentKeys = {
  /** AES-256-GCM: wraps case keys and encrypts establishment-level records. */
  dataKey: CryptoKey;
  /** HMAC-SHA-256: the device-wide chain head and checkpoints (docs/SECURITY.md item 8). */
  macKey: CryptoKey;
};

/** What unlocks a wrapped root secret: a passphrase, or a parsed recovery key. */
export type UnlockSecret = string | RecoveryKey;

/** The root secret wrapped for one user (or for the recovery key). Safe to store. */
export type WrappedSecret = {
  v: typeof RECORD_FORMAT_VERSION;
  kdf: KdfParams;
  /** base64, 12 bytes */
  iv: string;
  /** base64, AES-GCM ciphertext + tag */
  ct: string;
};

// A 256-bit random root rather than a passphrase-derived data key: passphrases change and each
// user has their own, while the root (and every key derived from it) stays the same.
export function generateRootSecret(): Bytes {
  return randomBytes(ROOT_SECRET_BYTES);
}

const HKDF_INFO_DATA_KEY = `ypsi/establishment/v${RECORD_FORMAT_VERSION}/data-key`;
const HKDF_INFO_MAC_KEY = `ypsi/establishment/v${RECORD_FORMAT_VERSION}/mac-key`;

// HKDF-SHA-256 with distinct info strings: one root yields independent keys for independent
// jobs (encryption vs MAC), so neither key is ever used for two algorithms. The root is already
// uniformly random, so HKDF's optional salt adds nothing and is left empty (RFC 5869 section 3.1).
export async function deriveEstablishmentKeys(root: Uint8Array): Promise<EstablishmentKeys> {
  if (root.length !== ROOT_SECRET_BYTES) throw new TypeError(`root secret must be ${ROOT_SECRET_BYTES} bytes`);
  return deriveEstablishmentKeysFrom(await subtle().importKey('raw', copyBytes(root), 'HKDF', false, ['deriveKey']));
}

/**
 * The same keys from the root held as a non-extractable HKDF key (unwrapped straight into
 * WebCrypto, docs/SECURITY.md item 5): the root's bytes never reach JavaScript.
 */
export async function deriveEstablishmentKeysFrom(base: CryptoKey): Promise<EstablishmentKeys> {
  const s = subtle();
  const hkdf = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8Encode(info) });
  const [dataKey, macKey] = await Promise.all([
    s.deriveKey(hkdf(HKDF_INFO_DATA_KEY), base, { name: 'AES-GCM', length: AES_KEY_BITS }, false, [
      'encrypt',
      'decrypt',
      'wrapKey',
      'unwrapKey',
    ]),
    // HMAC-SHA-256 for the chain head: a keyed hash, so a thief cannot truncate the log and recompute it.
    s.deriveKey(hkdf(HKDF_INFO_MAC_KEY), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, [
      'sign',
      'verify',
    ]),
  ]);
  return { dataKey, macKey };
}

function rootWrapAad(secret: UnlockSecret, userId: string): Bytes {
  // The purpose segment keeps a recovery wrap and a passphrase wrap from standing in for each other.
  const purpose = isRecoveryKey(secret) ? 'recovery' : 'passphrase';
  return aad(`ypsi/root-wrap/v${RECORD_FORMAT_VERSION}/${purpose}/`, userId);
}

export function secretBytes(secret: UnlockSecret): Bytes {
  return isRecoveryKey(secret) ? copyBytes(secret.bytes) : passphraseBytes(secret);
}

/**
 * Wraps the root secret for one user under a key derived from their passphrase (or a recovery key).
 * AAD binds the user id, the purpose and the format version. `params` defaults to fresh parameters.
 */
export async function wrapRootSecret(
  root: Uint8Array,
  secret: UnlockSecret,
  userId: string,
  params: KdfParams = newKdfParams(),
): Promise<WrappedSecret> {
  if (root.length !== ROOT_SECRET_BYTES) throw new TypeError(`root secret must be ${ROOT_SECRET_BYTES} bytes`);
  requireId(userId, 'userId');
  checkKdfParams(params);
  const kek = await deriveKekFromBytes(secretBytes(secret), params);
  const iv = randomBytes(IV_BYTES);
  const ct = await gcmEncrypt(kek, iv, rootWrapAad(secret, userId), root);
  return { v: RECORD_FORMAT_VERSION, kdf: { ...params }, iv: bytesToBase64(iv), ct: bytesToBase64(ct) };
}

/**
 * Opens a wrapped root secret. Throws KdfTooWeakError / KdfParamsError before deriving anything if
 * the stored parameters are refused; WrongPassphraseError if the secret (or userId) does not open it;
 * DecryptError if the record is malformed.
 */
export async function unwrapRootSecret(wrapped: WrappedSecret, secret: UnlockSecret, userId: string): Promise<Bytes> {
  requireId(userId, 'userId');
  if (typeof wrapped !== 'object' || wrapped === null) throw new DecryptError('wrapped secret is missing');
  checkKdfParams(wrapped.kdf);
  if (wrapped.v !== RECORD_FORMAT_VERSION)
    throw new DecryptError(`unsupported wrapped secret version ${String(wrapped.v)}`);
  let iv: Bytes;
  let ct: Bytes;
  try {
    iv = base64ToBytes(wrapped.iv);
    ct = base64ToBytes(wrapped.ct);
  } catch (cause) {
    if (cause instanceof EncodingError) throw new DecryptError('wrapped secret is not valid base64', { cause });
    throw cause;
  }
  if (iv.length !== IV_BYTES || ct.length !== ROOT_SECRET_BYTES + GCM_TAG_BYTES) {
    throw new DecryptError('wrapped secret has the wrong size');
  }
  const kek = await deriveKekFromBytes(secretBytes(secret), wrapped.kdf);
  try {
    return await gcmDecrypt(kek, iv, rootWrapAad(secret, userId), ct);
  } catch (cause) {
    throw new WrongPassphraseError('The passphrase or recovery key does not open this key.', { cause });
  }
}
