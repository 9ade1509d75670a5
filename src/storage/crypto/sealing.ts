// Sealed disclosures: staff encrypt to the establishment's public key and keep nothing that can decrypt (docs/SECURITY.md item 7).
import {
  type Bytes,
  base64ToBytes,
  base64UrlToBytes,
  bytesToBase64,
  utf8Decode,
  utf8Encode,
} from '../../codec/encoding';
import { DecryptError } from './errors';
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

// ECDH P-256 + HKDF-SHA-256 + AES-256-GCM (an ECIES/HPKE-style construction, like ODK's sealed
// submissions): P-256 is the curve every browser's WebCrypto supports for ECDH (X25519 is not yet
// universal); an ephemeral key pair per message means the sender holds no long-term secret.
export const SEALED_ALG = 'ECDH-P256+HKDF-SHA256+A256GCM' as const;
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const HKDF_SALT_BYTES = 16;
const P256_COORD_BYTES = 32;
const HKDF_INFO = `ypsi/sealed/v${RECORD_FORMAT_VERSION}/${SEALED_ALG}`;
const SEALED_AAD_PREFIX = `ypsi/sealed/v${RECORD_FORMAT_VERSION}/`;

export type Sealed = {
  v: typeof RECORD_FORMAT_VERSION;
  alg: typeof SEALED_ALG;
  /** the sender's ephemeral public key (kty, crv, x, y only) */
  epk: JsonWebKey;
  /** base64, 16-byte HKDF salt */
  salt: string;
  /** base64, 12-byte AES-GCM IV */
  iv: string;
  /** base64, ciphertext + tag */
  ct: string;
};

export type SealingKeyPair = {
  /** Public: give it to every device that records disclosures. */
  publicJwk: JsonWebKey;
  /** Private: only for the DSL; store it encrypted under the data key (exportPrivateJwk). */
  privateKey: CryptoKey;
};

/** Reduces a JWK to its public EC members, checking it is a P-256 public key. */
function publicEcJwk(jwk: JsonWebKey, label: string): JsonWebKey {
  if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'EC' || jwk.crv !== 'P-256') {
    throw new TypeError(`${label} is not a P-256 EC key`);
  }
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') throw new TypeError(`${label} lacks x/y`);
  if (base64UrlToBytes(jwk.x).length !== P256_COORD_BYTES || base64UrlToBytes(jwk.y).length !== P256_COORD_BYTES) {
    throw new TypeError(`${label} has the wrong coordinate size`);
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** A new establishment sealing key pair. The private key is extractable so it can be stored encrypted. */
export async function generateSealingKeyPair(): Promise<SealingKeyPair> {
  const pair = await subtle().generateKey(CURVE, true, ['deriveBits']);
  const publicJwk = publicEcJwk(await subtle().exportKey('jwk', pair.publicKey), 'public key');
  return { publicJwk, privateKey: pair.privateKey };
}

/** The private key as JWK, to encrypt under the data key (e.g. encryptJson(dataKey, id, jwk)). */
export async function exportPrivateJwk(privateKey: CryptoKey): Promise<JsonWebKey> {
  return subtle().exportKey('jwk', privateKey);
}

/** Re-imports a stored private JWK; non-extractable unless asked, since opening needs no export. */
export async function importSealingPrivateKey(
  jwk: JsonWebKey,
  options: { extractable?: boolean } = {},
): Promise<CryptoKey> {
  publicEcJwk(jwk, 'private key');
  if (typeof jwk.d !== 'string') throw new TypeError('private key lacks d');
  return subtle().importKey('jwk', jwk, CURVE, options.extractable ?? false, ['deriveBits']);
}

// HKDF turns the raw ECDH x-coordinate (not uniformly random) into an AES key; a random salt per
// message gives each message its own key even if a shared secret ever repeated.
async function messageKey(shared: ArrayBuffer, salt: Bytes, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: utf8Encode(HKDF_INFO) },
    base,
    { name: 'AES-GCM', length: AES_KEY_BITS },
    false,
    [usage],
  );
}

/**
 * Seals a JSON value to the establishment's public key. `context` (e.g. `disclosure/<id>`) goes into
 * the AAD, so a sealed message cannot be replayed as another. The ephemeral private key is
 * non-extractable and dropped on return: the sender cannot read what they sealed.
 */
export async function sealToPublicKey(publicJwk: JsonWebKey, payload: unknown, context: string): Promise<Sealed> {
  requireId(context, 'context');
  if (typeof publicJwk === 'object' && publicJwk !== null && 'd' in publicJwk) {
    throw new TypeError('sealToPublicKey was given a private key; pass the public JWK');
  }
  const json = JSON.stringify(payload);
  if (json === undefined) throw new TypeError('payload is not JSON-serialisable');
  const s = subtle();
  const recipient = await s.importKey('jwk', publicEcJwk(publicJwk, 'public key'), CURVE, true, []);
  const ephemeral = await s.generateKey(CURVE, false, ['deriveBits']);
  const shared = await s.deriveBits({ name: 'ECDH', public: recipient }, ephemeral.privateKey, 256);
  const salt = randomBytes(HKDF_SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const key = await messageKey(shared, salt, 'encrypt');
  const ct = await gcmEncrypt(key, iv, aad(SEALED_AAD_PREFIX, context), utf8Encode(json));
  const epk = publicEcJwk(await s.exportKey('jwk', ephemeral.publicKey), 'ephemeral key');
  return {
    v: RECORD_FORMAT_VERSION,
    alg: SEALED_ALG,
    epk,
    salt: bytesToBase64(salt),
    iv: bytesToBase64(iv),
    ct: bytesToBase64(ct),
  };
}

/** Opens a sealed message with the establishment private key; DecryptError on another key, another context or tampering. */
export async function openSealed<T = unknown>(privateKey: CryptoKey, sealed: Sealed, context: string): Promise<T> {
  requireId(context, 'context');
  let salt: Bytes;
  let iv: Bytes;
  let ct: Bytes;
  let epk: CryptoKey;
  try {
    if (typeof sealed !== 'object' || sealed === null) throw new TypeError('sealed message is missing');
    if (sealed.v !== RECORD_FORMAT_VERSION || sealed.alg !== SEALED_ALG)
      throw new TypeError('unsupported sealed format');
    salt = base64ToBytes(sealed.salt);
    iv = base64ToBytes(sealed.iv);
    ct = base64ToBytes(sealed.ct);
    if (salt.length !== HKDF_SALT_BYTES || iv.length !== IV_BYTES || ct.length < GCM_TAG_BYTES)
      throw new TypeError('wrong sizes');
    // WebCrypto's import checks the point is on the curve, which blocks invalid-curve attacks.
    epk = await subtle().importKey('jwk', publicEcJwk(sealed.epk, 'ephemeral key'), CURVE, true, []);
  } catch (cause) {
    throw new DecryptError('sealed message is malformed', { cause });
  }
  try {
    const shared = await subtle().deriveBits({ name: 'ECDH', public: epk }, privateKey, 256);
    const key = await messageKey(shared, salt, 'decrypt');
    const plain = await gcmDecrypt(key, iv, aad(SEALED_AAD_PREFIX, context), ct);
    return JSON.parse(utf8Decode(plain)) as T;
  } catch (cause) {
    throw new DecryptError('sealed message does not open with this key and context', { cause });
  }
}
