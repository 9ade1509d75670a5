// Shared constants and the AES-256-GCM primitive every other crypto module builds on.
import { type Bytes, copyBytes, utf8Encode } from '../../codec/encoding';
import { subtle } from '../../codec/digest';

export { subtle };

/**
 * Version of the ciphertext formats and AAD strings. Schema upgrades never change it (docs/SECURITY.md
 * item 3): it changes only if the byte layout or the AAD scheme itself changes.
 */
export const RECORD_FORMAT_VERSION = 1 as const;

// 96-bit IVs: the size AES-GCM is specified and optimised for (NIST SP 800-38D); random IVs keep
// the collision risk negligible at our volumes (far below 2^32 encryptions under one key).
export const IV_BYTES = 12;
export const AES_KEY_BITS = 256;
/** AES-GCM's 128-bit tag is appended to every ciphertext. */
export const GCM_TAG_BYTES = 16;

export function randomBytes(length: number): Bytes {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}

/** Overwrites secret bytes in place. JS cannot promise no copies remain, but this drops ours. */
export function zeroize(bytes: Uint8Array): void {
  bytes.fill(0);
}

/** The AAD bytes for a purpose prefix and an id, e.g. `ypsi/record/v1/` + recordId. */
export function aad(prefix: string, id: string): Bytes {
  return utf8Encode(prefix + id);
}

export function requireId(id: string, label: string): void {
  if (typeof id !== 'string' || id.length === 0) throw new TypeError(`${label} must be a non-empty string`);
}

// AES-256-GCM throughout: authenticated encryption built into WebCrypto on every target browser,
// hardware-accelerated on tablets, and its AAD lets us bind each ciphertext to where it belongs.
export async function gcmEncrypt(
  key: CryptoKey,
  iv: Bytes,
  additionalData: Bytes,
  plaintext: Uint8Array,
): Promise<Bytes> {
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData }, key, copyBytes(plaintext));
  return new Uint8Array(ct);
}

/** Rejects (with WebCrypto's OperationError) when authentication fails; callers map that to a typed error. */
export async function gcmDecrypt(key: CryptoKey, iv: Bytes, additionalData: Bytes, ciphertext: Bytes): Promise<Bytes> {
  const pt = await subtle().decrypt({ name: 'AES-GCM', iv, additionalData }, key, ciphertext);
  return new Uint8Array(pt);
}
