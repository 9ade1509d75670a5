// Typed errors thrown by the crypto layer, so callers can tell a wrong passphrase from tampering.

/** Base class for every error this layer throws on purpose. */
export class CryptoError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bytes that are not valid base64, base64url, hex, UTF-8 or Crockford base32 (thrown by src/codec). */
export { EncodingError } from '../../codec/encoding';

export type KdfRefusal =
  | 'unknown-algorithm'
  | 'iterations-below-floor'
  | 'iterations-above-ceiling'
  | 'salt-length'
  | 'malformed';

/**
 * KDF parameters were refused before any derivation ran. Stored parameters are attacker-writable
 * (docs/SECURITY.md item 2), so this is thrown instead of silently deriving with weaker settings.
 */
export class KdfParamsError extends CryptoError {
  readonly reason: KdfRefusal;
  constructor(reason: KdfRefusal, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Parameters weaker than the floor: unknown algorithm, too few iterations, wrong salt size. */
export class KdfTooWeakError extends KdfParamsError {}

/**
 * The wrapped root secret did not open with this passphrase or recovery key. AES-GCM cannot tell
 * a wrong passphrase from a tampered wrap or a wrap made for another user: all three land here.
 */
export class WrongPassphraseError extends CryptoError {}

/** A ciphertext failed authentication (wrong key, wrong record/case id or context, tampering) or is malformed. */
export class DecryptError extends CryptoError {}

/** Text that cannot be a recovery key (wrong length or characters). */
export class InvalidRecoveryKeyError extends CryptoError {}
