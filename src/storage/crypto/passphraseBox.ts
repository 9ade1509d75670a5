// Files sealed with a passphrase (backups, case transfers): PBKDF2-HMAC-SHA-256 -> AES-256-GCM, simple enough to open without this app.
import { type Bytes, base64ToBytes, bytesToBase64, utf8Encode } from '../../codec/encoding';
import { DecryptError, WrongPassphraseError } from './errors';
import { type KdfParams, checkKdfParams, deriveKek, newKdfParams } from './kdf';
import { GCM_TAG_BYTES, IV_BYTES, gcmDecrypt, gcmEncrypt, randomBytes } from './primitives';

// The same KDF and cipher as the keyring (docs/SECURITY.md items 2-3) so that one documented recipe
// (docs/BACKUP-FORMAT.md) opens every file the app writes: Node's pbkdf2Sync + aes-256-gcm is enough.
export type PassphraseBox = {
  kdf: KdfParams;
  /** base64, 12 bytes */
  iv: string;
  /** base64, AES-256-GCM ciphertext followed by the 16-byte tag */
  ct: string;
};

/** Encrypts bytes under a key derived from `passphrase` (NFC, UTF-8) with fresh salt and IV; `aadText` is authenticated, not encrypted. */
export async function sealWithPassphrase(
  passphrase: string,
  aadText: string,
  plaintext: Uint8Array,
): Promise<PassphraseBox> {
  const kdf = newKdfParams();
  const key = await deriveKek(passphrase, kdf);
  const iv = randomBytes(IV_BYTES);
  const ct = await gcmEncrypt(key, iv, utf8Encode(aadText), plaintext);
  return { kdf, iv: bytesToBase64(iv), ct: bytesToBase64(ct) };
}

/** Checks a box's shape and KDF parameters without deriving anything (KdfTooWeakError / DecryptError). */
export function checkPassphraseBox(box: PassphraseBox): { iv: Bytes; ct: Bytes } {
  checkKdfParams(box.kdf);
  let iv: Bytes;
  let ct: Bytes;
  try {
    iv = base64ToBytes(box.iv);
    ct = base64ToBytes(box.ct);
  } catch (cause) {
    throw new DecryptError('the encrypted content is not valid base64', { cause });
  }
  if (iv.length !== IV_BYTES || ct.length < GCM_TAG_BYTES)
    throw new DecryptError('the encrypted content has the wrong size');
  return { iv, ct };
}

/**
 * Opens a box. KdfTooWeakError before deriving if the parameters are refused; WrongPassphraseError
 * when authentication fails (a wrong passphrase and an altered file look the same to AES-GCM).
 */
export async function openWithPassphrase(passphrase: string, aadText: string, box: PassphraseBox): Promise<Bytes> {
  const { iv, ct } = checkPassphraseBox(box);
  const key = await deriveKek(passphrase, box.kdf);
  try {
    return await gcmDecrypt(key, iv, utf8Encode(aadText), ct);
  } catch (cause) {
    throw new WrongPassphraseError('The passphrase does not open this file, or the file has been altered.', { cause });
  }
}
