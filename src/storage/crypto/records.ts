// Per-case keys and record encryption: AES-256-GCM with a fresh IV per write and AAD binding each ciphertext to its id (docs/SECURITY.md item 3).
import { type Bytes, base64ToBytes, bytesToBase64, utf8Decode, utf8Encode } from '../../codec/encoding';
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

/** One encrypted record or wrapped key as stored: base64 fields, no plaintext. */
export type EncryptedRecord = {
  v: typeof RECORD_FORMAT_VERSION;
  /** base64, 12 random bytes, new for every write */
  iv: string;
  /** base64, ciphertext + 16-byte GCM tag */
  ct: string;
};
/** A case key wrapped under the data key; same shape as a record. */
export type WrappedKey = EncryptedRecord;

// The AAD carries the format version, never the schema version: a schema upgrade re-reads records
// with the same AAD, while a ciphertext copied onto another record id fails authentication.
export const RECORD_AAD_PREFIX = `ypsi/record/v${RECORD_FORMAT_VERSION}/`;
export const CASE_KEY_AAD_PREFIX = `ypsi/case-key/v${RECORD_FORMAT_VERSION}/`;

// A random AES-256 key per case, so destroying a case is destroying its (wrapped) key. Extractable
// only so wrapKey can export it under the data key; unwrapped copies are non-extractable by default.
export async function generateCaseKey(): Promise<CryptoKey> {
  return subtle().generateKey({ name: 'AES-GCM', length: AES_KEY_BITS }, true, ['encrypt', 'decrypt']);
}

/** Wraps a case key under the data key; AAD binds the case id, so the wrap cannot be moved onto another case. */
export async function wrapCaseKey(caseKey: CryptoKey, dataKey: CryptoKey, caseId: string): Promise<WrappedKey> {
  requireId(caseId, 'caseId');
  const iv = randomBytes(IV_BYTES);
  const wrapped = await subtle().wrapKey('raw', caseKey, dataKey, {
    name: 'AES-GCM',
    iv,
    additionalData: aad(CASE_KEY_AAD_PREFIX, caseId),
  });
  return { v: RECORD_FORMAT_VERSION, iv: bytesToBase64(iv), ct: bytesToBase64(new Uint8Array(wrapped)) };
}

/**
 * Unwraps a case key; DecryptError if it was wrapped for another case, under another data key, or
 * altered. Pass `{ extractable: true }` only to re-wrap it (data key rotation).
 */
export async function unwrapCaseKey(
  wrapped: WrappedKey,
  dataKey: CryptoKey,
  caseId: string,
  options: { extractable?: boolean } = {},
): Promise<CryptoKey> {
  requireId(caseId, 'caseId');
  const { iv, ct } = parseRecord(wrapped, 'wrapped case key');
  try {
    return await subtle().unwrapKey(
      'raw',
      ct,
      dataKey,
      { name: 'AES-GCM', iv, additionalData: aad(CASE_KEY_AAD_PREFIX, caseId) },
      { name: 'AES-GCM', length: AES_KEY_BITS },
      options.extractable ?? false,
      ['encrypt', 'decrypt'],
    );
  } catch (cause) {
    throw new DecryptError(`case key does not open for case ${caseId}`, { cause });
  }
}

function parseRecord(rec: EncryptedRecord, label: string): { iv: Bytes; ct: Bytes } {
  if (typeof rec !== 'object' || rec === null) throw new DecryptError(`${label} is missing`);
  if (rec.v !== RECORD_FORMAT_VERSION)
    throw new DecryptError(`${label} has unsupported format version ${String(rec.v)}`);
  let iv: Bytes;
  let ct: Bytes;
  try {
    iv = base64ToBytes(rec.iv);
    ct = base64ToBytes(rec.ct);
  } catch (cause) {
    throw new DecryptError(`${label} is not valid base64`, { cause });
  }
  if (iv.length !== IV_BYTES || ct.length < GCM_TAG_BYTES) throw new DecryptError(`${label} has the wrong size`);
  return { iv, ct };
}

/** Encrypts bytes for one record id with a fresh random IV. */
export async function encryptBytes(key: CryptoKey, recordId: string, plaintext: Uint8Array): Promise<EncryptedRecord> {
  requireId(recordId, 'recordId');
  const iv = randomBytes(IV_BYTES);
  const ct = await gcmEncrypt(key, iv, aad(RECORD_AAD_PREFIX, recordId), plaintext);
  return { v: RECORD_FORMAT_VERSION, iv: bytesToBase64(iv), ct: bytesToBase64(ct) };
}

/** Decrypts bytes written for `recordId`; DecryptError on a wrong key, wrong id, tampering or bad format. */
export async function decryptBytes(key: CryptoKey, recordId: string, rec: EncryptedRecord): Promise<Bytes> {
  requireId(recordId, 'recordId');
  const { iv, ct } = parseRecord(rec, `record ${recordId}`);
  try {
    return await gcmDecrypt(key, iv, aad(RECORD_AAD_PREFIX, recordId), ct);
  } catch (cause) {
    throw new DecryptError(`record ${recordId} does not decrypt`, { cause });
  }
}

/** JSON.stringify's value, encrypted for one record id. Throws TypeError for values JSON cannot hold. */
export async function encryptJson(key: CryptoKey, recordId: string, value: unknown): Promise<EncryptedRecord> {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('value is not JSON-serialisable');
  return encryptBytes(key, recordId, utf8Encode(json));
}

/**
 * Decrypts and parses a record. The result is only as trustworthy as its key holder: validate its
 * shape (e.g. with zod) before use (docs/SECURITY.md item 12).
 */
export async function decryptJson<T = unknown>(key: CryptoKey, recordId: string, rec: EncryptedRecord): Promise<T> {
  const bytes = await decryptBytes(key, recordId, rec);
  try {
    return JSON.parse(utf8Decode(bytes)) as T;
  } catch (cause) {
    throw new DecryptError(`record ${recordId} is not JSON`, { cause });
  }
}
