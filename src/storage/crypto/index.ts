// Public surface of the crypto layer: everything the storage layer needs to keep records unreadable at rest, on WebCrypto only.
export {
  CryptoError,
  DecryptError,
  EncodingError,
  InvalidRecoveryKeyError,
  KdfParamsError,
  KdfTooWeakError,
  WrongPassphraseError,
  type KdfRefusal,
} from './errors';
export {
  type Bytes,
  base64ToBytes,
  base64UrlToBytes,
  bytesToBase64,
  bytesToBase64Url,
  bytesToHex,
  hexToBytes,
  utf8Decode,
  utf8Encode,
} from '../../codec/encoding';
export { GCM_TAG_BYTES, IV_BYTES, RECORD_FORMAT_VERSION, randomBytes, zeroize } from './primitives';
export {
  PBKDF2_ALGORITHM,
  PBKDF2_DEFAULT_ITERATIONS,
  PBKDF2_MAX_ITERATIONS,
  PBKDF2_MIN_ITERATIONS,
  SALT_BYTES,
  type KdfParams,
  checkKdfParams,
  deriveKek,
  newKdfParams,
} from './kdf';
export {
  ROOT_SECRET_BYTES,
  type EstablishmentKeys,
  type UnlockSecret,
  type WrappedSecret,
  deriveEstablishmentKeys,
  deriveEstablishmentKeysFrom,
  generateRootSecret,
  unwrapRootSecret,
  wrapRootSecret,
} from './envelope';
export {
  RECOVERY_KEY_BYTES,
  RECOVERY_KEY_SYMBOLS,
  type RecoveryKey,
  generateRecoveryKey,
  isRecoveryKey,
  parseRecoveryKey,
  recoveryKeyToString,
} from './recovery';
export {
  CASE_KEY_AAD_PREFIX,
  RECORD_AAD_PREFIX,
  type EncryptedRecord,
  type WrappedKey,
  decryptBytes,
  decryptJson,
  encryptBytes,
  encryptJson,
  generateCaseKey,
  unwrapCaseKey,
  wrapCaseKey,
} from './records';
export { hmacHex, sha256Hex, verifyHmac } from '../../codec/digest';
export {
  SEALED_ALG,
  type Sealed,
  type SealingKeyPair,
  exportPrivateJwk,
  generateSealingKeyPair,
  importSealingPrivateKey,
  openSealed,
  sealToPublicKey,
} from './sealing';
export {
  type SigningKeyPair,
  exportSigningPrivateJwk,
  generateSigningKeyPair,
  importSigningPrivateKey,
  keyFingerprint,
  publicSigningJwk,
  signText,
  verifyTextSignature,
} from './signatures';
export { type PassphraseBox, checkPassphraseBox, openWithPassphrase, sealWithPassphrase } from './passphraseBox';
export {
  DATA_KEY_WRAP_ALG,
  type HolderKeyPair,
  type WrappedDataKey,
  generateHolderKeyPair,
  openDataKey,
  openDataKeyBytes,
  openHolderPrivateKey,
  publicHolderJwk,
  wrapDataKeyTo,
  wrapHolderPrivateKey,
} from './holderKeys';
