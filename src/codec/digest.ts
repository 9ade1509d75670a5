// Hashes and MACs (pure apart from WebCrypto; storage and pdf both use it): SHA-256 digests for the event chain, HMAC-SHA-256 for the keyed device-wide head (docs/SECURITY.md item 8).
import { type Bytes, bytesToHex, copyBytes, hexToBytes, utf8Encode } from './encoding';

/** WebCrypto's SubtleCrypto, or a plain-English error where the page is not a secure origin. */
export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto is unavailable: crypto.subtle needs a secure origin (HTTPS or localhost).');
  return s;
}

function toBytes(data: Uint8Array | string): Bytes {
  return typeof data === 'string' ? utf8Encode(data) : copyBytes(data);
}

// SHA-256: the hash of git, Certificate Transparency and PAdES, native in WebCrypto everywhere.
/** Lower-case hex SHA-256 of bytes or of a string's UTF-8. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  return bytesToHex(new Uint8Array(await subtle().digest('SHA-256', toBytes(data))));
}

/** Lower-case hex HMAC-SHA-256 of a string's UTF-8 (or bytes) under the establishment MAC key. */
export async function hmacHex(macKey: CryptoKey, data: Uint8Array | string): Promise<string> {
  return bytesToHex(new Uint8Array(await subtle().sign('HMAC', macKey, toBytes(data))));
}

/**
 * True only if `hex` is the HMAC of `data`. Compares inside crypto.subtle.verify (constant time),
 * never with `===` on strings. Malformed hex is simply false.
 */
export async function verifyHmac(macKey: CryptoKey, data: Uint8Array | string, hex: string): Promise<boolean> {
  let mac: Bytes;
  try {
    mac = hexToBytes(hex);
  } catch {
    return false;
  }
  return subtle().verify('HMAC', macKey, mac, toBytes(data));
}
