// Key holders' key pairs and the data key wrapped to each one's public key, the way team password managers do it (docs/SECURITY.md item 1).
import { type Bytes, base64ToBytes, base64UrlToBytes, bytesToBase64, utf8Encode } from '../../codec/encoding';
import { DecryptError, EncodingError, WrongPassphraseError } from './errors';
import {
  type EstablishmentKeys,
  ROOT_SECRET_BYTES,
  type UnlockSecret,
  type WrappedSecret,
  deriveEstablishmentKeysFrom,
  secretBytes,
} from './envelope';
import { type KdfParams, checkKdfParams, deriveKekFromBytes, newKdfParams } from './kdf';
import {
  AES_KEY_BITS,
  GCM_TAG_BYTES,
  IV_BYTES,
  RECORD_FORMAT_VERSION,
  aad,
  gcmDecrypt,
  randomBytes,
  requireId,
  subtle,
} from './primitives';
import { isRecoveryKey } from './recovery';

// ECDH P-256 for the same reason as sealed disclosures (sealing.ts): the one curve every browser's
// WebCrypto derives with. Each key holder (and the recovery key) has a pair: the private half is
// wrapped under their passphrase (PBKDF2 600,000, kdf.ts), the public half is stored in the clear,
// and the establishment's data key is wrapped to that public key. So adding, renewing or rotating a
// wrap needs nobody's passphrase but the one of whoever holds the data key at that moment, and a
// rotated data key reaches every remaining holder without asking them.
export const DATA_KEY_WRAP_ALG = 'ECDH-P256+HKDF-SHA256+A256GCM' as const;
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const HKDF_SALT_BYTES = 16;
const P256_COORD_BYTES = 32;
// !!! NEVER CHANGE: bound into every stored wrap.
const HOLDER_KEY_AAD = `ypsi/holder-key/v${RECORD_FORMAT_VERSION}/`;
const DATA_KEY_WRAP_AAD = `ypsi/data-key-wrap/v${RECORD_FORMAT_VERSION}/`;
const DATA_KEY_WRAP_INFO = `ypsi/data-key-wrap/v${RECORD_FORMAT_VERSION}/${DATA_KEY_WRAP_ALG}`;

/** The data key wrapped to one holder's public key. `epoch` names the data key (a new one at each rotation). */
export type WrappedDataKey = {
  v: typeof RECORD_FORMAT_VERSION;
  alg: typeof DATA_KEY_WRAP_ALG;
  epoch: string;
  /** the ephemeral public key of this wrap (kty, crv, x, y) */
  epk: JsonWebKey;
  /** base64, 16-byte HKDF salt */
  salt: string;
  /** base64, 12-byte IV */
  iv: string;
  /** base64, the 32-byte data key + 16-byte tag */
  ct: string;
};

export type HolderKeyPair = { publicJwk: JsonWebKey; privateKey: CryptoKey };

/** Reduces a JWK to its public P-256 members, checking sizes. */
export function publicHolderJwk(jwk: JsonWebKey, label = 'public key'): JsonWebKey {
  if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'EC' || jwk.crv !== 'P-256')
    throw new TypeError(`${label} is not a P-256 EC key`);
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') throw new TypeError(`${label} lacks x/y`);
  if (base64UrlToBytes(jwk.x).length !== P256_COORD_BYTES || base64UrlToBytes(jwk.y).length !== P256_COORD_BYTES)
    throw new TypeError(`${label} has the wrong coordinate size`);
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** A new key holder pair. The private key is extractable only so it can be wrapped under a passphrase at once. */
export async function generateHolderKeyPair(): Promise<HolderKeyPair> {
  const pair = await subtle().generateKey(CURVE, true, ['deriveBits']);
  return { publicJwk: publicHolderJwk(await subtle().exportKey('jwk', pair.publicKey)), privateKey: pair.privateKey };
}

function holderAad(secret: UnlockSecret, userId: string): Bytes {
  return aad(`${HOLDER_KEY_AAD}${isRecoveryKey(secret) ? 'recovery' : 'passphrase'}/`, userId);
}

/**
 * Wraps a holder's private key (PKCS #8) under a key derived from their passphrase or recovery key.
 * Same stored shape as the legacy root wrap (v, kdf, iv, ct); the AAD binds the user id and purpose.
 */
export async function wrapHolderPrivateKey(
  privateKey: CryptoKey,
  secret: UnlockSecret,
  userId: string,
  params: KdfParams = newKdfParams(),
): Promise<WrappedSecret> {
  requireId(userId, 'userId');
  checkKdfParams(params);
  const kek = await deriveKekFromBytes(secretBytes(secret), params, ['wrapKey']);
  const iv = randomBytes(IV_BYTES);
  const ct = await subtle().wrapKey('pkcs8', privateKey, kek, {
    name: 'AES-GCM',
    iv,
    additionalData: holderAad(secret, userId),
  });
  return { v: RECORD_FORMAT_VERSION, kdf: { ...params }, iv: bytesToBase64(iv), ct: bytesToBase64(new Uint8Array(ct)) };
}

function parseBox(iv64: string, ct64: string, label: string): { iv: Bytes; ct: Bytes } {
  try {
    const iv = base64ToBytes(iv64);
    const ct = base64ToBytes(ct64);
    if (iv.length !== IV_BYTES || ct.length < GCM_TAG_BYTES) throw new DecryptError(`${label} has the wrong size`);
    return { iv, ct };
  } catch (cause) {
    if (cause instanceof EncodingError) throw new DecryptError(`${label} is not valid base64`, { cause });
    throw cause;
  }
}

/**
 * Opens a holder's private key, non-extractable unless asked (only a passphrase change re-wraps
 * it). KdfTooWeakError / KdfParamsError before deriving anything if the stored parameters are
 * refused; WrongPassphraseError if the secret does not open it.
 */
export async function openHolderPrivateKey(
  wrapped: WrappedSecret,
  secret: UnlockSecret,
  userId: string,
  options: { extractable?: boolean } = {},
): Promise<CryptoKey> {
  requireId(userId, 'userId');
  if (typeof wrapped !== 'object' || wrapped === null) throw new DecryptError('wrapped key is missing');
  checkKdfParams(wrapped.kdf);
  if (wrapped.v !== RECORD_FORMAT_VERSION)
    throw new DecryptError(`unsupported wrapped key version ${String(wrapped.v)}`);
  const { iv, ct } = parseBox(wrapped.iv, wrapped.ct, 'wrapped key');
  const kek = await deriveKekFromBytes(secretBytes(secret), wrapped.kdf, ['unwrapKey']);
  try {
    return await subtle().unwrapKey(
      'pkcs8',
      ct,
      kek,
      { name: 'AES-GCM', iv, additionalData: holderAad(secret, userId) },
      CURVE,
      options.extractable ?? false,
      ['deriveBits'],
    );
  } catch (cause) {
    throw new WrongPassphraseError('The passphrase or recovery key does not open this key.', { cause });
  }
}

async function wrapKek(shared: ArrayBuffer, salt: Bytes, usages: KeyUsage[]): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: utf8Encode(DATA_KEY_WRAP_INFO) },
    base,
    { name: 'AES-GCM', length: AES_KEY_BITS },
    false,
    usages,
  );
}

/** Wraps the data key (its 32 bytes) to one holder's public key, for data key `epoch`. */
export async function wrapDataKeyTo(
  dataKeyBytes: Uint8Array,
  publicJwk: JsonWebKey,
  userId: string,
  epoch: string,
): Promise<WrappedDataKey> {
  requireId(userId, 'userId');
  requireId(epoch, 'epoch');
  if (dataKeyBytes.length !== ROOT_SECRET_BYTES) throw new TypeError(`the data key must be ${ROOT_SECRET_BYTES} bytes`);
  const s = subtle();
  const recipient = await s.importKey('jwk', publicHolderJwk(publicJwk), CURVE, true, []);
  const ephemeral = await s.generateKey(CURVE, true, ['deriveBits']);
  const shared = await s.deriveBits({ name: 'ECDH', public: recipient }, ephemeral.privateKey, 256);
  const salt = randomBytes(HKDF_SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const kek = await wrapKek(shared, salt, ['encrypt']);
  const ct = await s.encrypt(
    { name: 'AES-GCM', iv, additionalData: aad(`${DATA_KEY_WRAP_AAD}${epoch}/`, userId) },
    kek,
    new Uint8Array(dataKeyBytes),
  );
  const epk = publicHolderJwk(await s.exportKey('jwk', ephemeral.publicKey), 'ephemeral key');
  return {
    v: RECORD_FORMAT_VERSION,
    alg: DATA_KEY_WRAP_ALG,
    epoch,
    epk,
    salt: bytesToBase64(salt),
    iv: bytesToBase64(iv),
    ct: bytesToBase64(new Uint8Array(ct)),
  };
}

async function dataKeyKek(
  wrap: WrappedDataKey,
  privateKey: CryptoKey,
  usages: KeyUsage[],
): Promise<{ kek: CryptoKey; iv: Bytes; ct: Bytes }> {
  let epk: CryptoKey;
  let salt: Bytes;
  let box: { iv: Bytes; ct: Bytes };
  try {
    if (typeof wrap !== 'object' || wrap === null || wrap.v !== RECORD_FORMAT_VERSION || wrap.alg !== DATA_KEY_WRAP_ALG)
      throw new TypeError('unsupported data key wrap');
    salt = base64ToBytes(wrap.salt);
    if (salt.length !== HKDF_SALT_BYTES) throw new TypeError('wrong salt size');
    box = parseBox(wrap.iv, wrap.ct, 'data key wrap');
    if (box.ct.length !== ROOT_SECRET_BYTES + GCM_TAG_BYTES) throw new TypeError('wrong size');
    // The import checks the point is on the curve (no invalid-curve attack).
    epk = await subtle().importKey('jwk', publicHolderJwk(wrap.epk, 'ephemeral key'), CURVE, true, []);
  } catch (cause) {
    throw new DecryptError('the data key wrap is malformed', { cause });
  }
  try {
    const shared = await subtle().deriveBits({ name: 'ECDH', public: epk }, privateKey, 256);
    return { kek: await wrapKek(shared, salt, usages), ...box };
  } catch (cause) {
    throw new DecryptError('the data key wrap does not open with this key', { cause });
  }
}

/**
 * Opens the data key straight into WebCrypto (a non-extractable HKDF key) and derives the
 * establishment keys from it: the data key's bytes never reach JavaScript. DecryptError if the wrap
 * was made for another holder, another data key (`epoch`) or another key pair, or was altered.
 */
export async function openDataKey(
  wrap: WrappedDataKey,
  privateKey: CryptoKey,
  userId: string,
): Promise<EstablishmentKeys> {
  const { kek, iv, ct } = await dataKeyKek(wrap, privateKey, ['unwrapKey']);
  let base: CryptoKey;
  try {
    base = await subtle().unwrapKey(
      'raw',
      ct,
      kek,
      { name: 'AES-GCM', iv, additionalData: aad(`${DATA_KEY_WRAP_AAD}${wrap.epoch}/`, userId) },
      'HKDF',
      false,
      ['deriveKey'],
    );
  } catch (cause) {
    throw new DecryptError('the data key wrap does not open for this key holder', { cause });
  }
  return deriveEstablishmentKeysFrom(base);
}

/**
 * The data key's bytes, only to wrap them to another public key at once (adding a key holder,
 * renewing a passphrase): the caller zeroizes them. Same errors as openDataKey.
 */
export async function openDataKeyBytes(wrap: WrappedDataKey, privateKey: CryptoKey, userId: string): Promise<Bytes> {
  const { kek, iv, ct } = await dataKeyKek(wrap, privateKey, ['decrypt']);
  try {
    return await gcmDecrypt(kek, iv, aad(`${DATA_KEY_WRAP_AAD}${wrap.epoch}/`, userId), ct);
  } catch (cause) {
    throw new DecryptError('the data key wrap does not open for this key holder', { cause });
  }
}
