// ECDSA P-256 signatures for transfer receipts: a receipt the sender can check without sharing any secret with the importer.
import { type Bytes, base64ToBytes, base64UrlToBytes, bytesToBase64, utf8Encode } from '../../codec/encoding';
import { DecryptError } from './errors';
import { sha256Hex } from '../../codec/digest';
import { subtle } from './primitives';

// ECDSA P-256 with SHA-256 because an HMAC receipt could only be checked by someone holding the
// importer's key; a public-key signature can be checked by the sender (and anyone) with the public
// key printed in the receipt. P-256 is the one curve every browser's WebCrypto signs with.
const CURVE = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const P256_COORD_BYTES = 32;
/** WebCrypto writes ECDSA signatures as IEEE P1363 r||s: 64 bytes for P-256. */
const P256_SIGNATURE_BYTES = 64;

export type SigningKeyPair = { publicJwk: JsonWebKey; privateKey: CryptoKey };

/** Reduces a JWK to its public EC members, checking it is a P-256 key. */
export function publicSigningJwk(jwk: JsonWebKey): JsonWebKey {
  if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'EC' || jwk.crv !== 'P-256')
    throw new TypeError('not a P-256 EC key');
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') throw new TypeError('EC key lacks x/y');
  if (base64UrlToBytes(jwk.x).length !== P256_COORD_BYTES || base64UrlToBytes(jwk.y).length !== P256_COORD_BYTES) {
    throw new TypeError('EC key has the wrong coordinate size');
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** A new establishment signing key pair; the private key is extractable only so it can be stored encrypted. */
export async function generateSigningKeyPair(): Promise<SigningKeyPair> {
  const pair = await subtle().generateKey(CURVE, true, ['sign', 'verify']);
  return { publicJwk: publicSigningJwk(await subtle().exportKey('jwk', pair.publicKey)), privateKey: pair.privateKey };
}

export async function exportSigningPrivateJwk(privateKey: CryptoKey): Promise<JsonWebKey> {
  return subtle().exportKey('jwk', privateKey);
}

/** Re-imports a stored private signing JWK, non-extractable: signing needs no export. */
export async function importSigningPrivateKey(jwk: JsonWebKey): Promise<CryptoKey> {
  publicSigningJwk(jwk);
  if (typeof jwk.d !== 'string') throw new TypeError('private key lacks d');
  return subtle().importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, CURVE, false, ['sign']);
}

/** base64 ECDSA P-256 / SHA-256 signature (r||s) over a string's UTF-8. */
export async function signText(privateKey: CryptoKey, text: string): Promise<string> {
  return bytesToBase64(new Uint8Array(await subtle().sign(SIGN, privateKey, utf8Encode(text))));
}

/** True only if `signatureB64` is a valid signature of `text` under `publicJwk`; malformed input is false. */
export async function verifyTextSignature(publicJwk: JsonWebKey, text: string, signatureB64: string): Promise<boolean> {
  let sig: Bytes;
  let key: CryptoKey;
  try {
    sig = base64ToBytes(signatureB64);
    if (sig.length !== P256_SIGNATURE_BYTES) return false;
    key = await subtle().importKey('jwk', publicSigningJwk(publicJwk), CURVE, false, ['verify']);
  } catch {
    return false;
  }
  return subtle().verify(SIGN, key, sig, utf8Encode(text));
}

/**
 * A short, stable name for a public key: SHA-256 of its RFC 7638 thumbprint input (members in
 * lexicographic order, no whitespace), so two people can compare keys over the phone.
 */
export async function keyFingerprint(publicJwk: JsonWebKey): Promise<string> {
  const k = (() => {
    try {
      return publicSigningJwk(publicJwk);
    } catch (cause) {
      throw new DecryptError('not a P-256 public key', { cause });
    }
  })();
  return sha256Hex(`{"crv":"P-256","kty":"EC","x":"${k.x}","y":"${k.y}"}`);
}
