// Owns the envelope shared by backup and transfer files: plain JSON, PBKDF2-HMAC-SHA-256 -> AES-256-GCM, parsed strictly with clear refusals.
import { z } from 'zod';
import {
  DecryptError,
  KdfParamsError,
  KdfTooWeakError,
  WrongPassphraseError,
  checkPassphraseBox,
  openWithPassphrase,
  sealWithPassphrase,
  utf8Decode,
  utf8Encode,
} from '../crypto';
import { canonicalJson } from '../../codec/canonical';
import { ImportError } from '../errors';
import { Base64, Id, IsoDateTime, KdfParamsSchema } from '../schemas';

// !!! FILE FORMAT NAMES - NEVER CHANGE: every file ever written carries them (docs/BACKUP-FORMAT.md).
export const BACKUP_FORMAT = 'ypsi-response-backup';
export const TRANSFER_FORMAT = 'ypsi-response-case-transfer';
export const RECEIPT_FORMAT = 'ypsi-response-transfer-receipt';
export const FILE_VERSION = 1;

const KIND_NAMES: Record<string, string> = {
  [BACKUP_FORMAT]: 'a backup',
  [TRANSFER_FORMAT]: 'a case transfer file',
  [RECEIPT_FORMAT]: 'a transfer receipt',
  'ypsi-response-sealed-disclosure': 'a sealed disclosure',
  'ypsi-response-tombstone': 'a note of a destroyed case',
};

/** The AAD of an encrypted file: its format, version and id, so a ciphertext cannot be passed off as another file's. */
export function fileAad(format: string, id: string): string {
  return `${format}/${FILE_VERSION}/${id}`;
}

export const SealedFileSchema = z.strictObject({
  format: z.string(),
  version: z.literal(FILE_VERSION),
  id: Id,
  createdAt: IsoDateTime,
  kdf: KdfParamsSchema,
  cipher: z.strictObject({ algorithm: z.literal('AES-256-GCM'), iv: Base64, tagBytes: z.literal(16), aad: z.string() }),
  /** base64 of the AES-GCM ciphertext followed by the 16-byte tag */
  ciphertext: Base64,
});
export type SealedFile = z.infer<typeof SealedFileSchema>;

/** Encrypts the canonical JSON of `payload` into a file of `format`. */
export async function writeSealedFile(
  format: string,
  id: string,
  createdAt: string,
  passphrase: string,
  payload: unknown,
): Promise<string> {
  const aad = fileAad(format, id);
  const box = await sealWithPassphrase(passphrase, aad, utf8Encode(canonicalJson(payload)));
  const file: SealedFile = {
    format,
    version: FILE_VERSION,
    id,
    createdAt,
    kdf: box.kdf,
    cipher: { algorithm: 'AES-256-GCM', iv: box.iv, tagBytes: 16, aad },
    ciphertext: box.ct,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Parses JSON text for a file of `format`: every refusal is an ImportError with a clear message. Derives nothing. */
export function parseFile(text: unknown, format: string): unknown {
  const want = KIND_NAMES[format] ?? 'this kind of file';
  if (typeof text !== 'string' || text.trim().length === 0)
    throw new ImportError('not-a-file', `This file is empty. Choose ${want}.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Ours but cut short (a failed copy, a partial download) vs. something else altogether.
    if (text.trimStart().startsWith('{') && text.includes(`"${format}"`)) {
      throw new ImportError(
        'truncated',
        `This file is incomplete (it was cut short, for example by a failed copy). Nothing was changed. Find a complete copy of ${want}.`,
      );
    }
    throw new ImportError('not-a-file', `This is not ${want} (it is not a file this app writes). Nothing was changed.`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new ImportError('not-a-file', `This is not ${want}. Nothing was changed.`);
  const f = (json as { format?: unknown }).format;
  if (f !== format) {
    if (typeof f === 'string' && KIND_NAMES[f])
      throw new ImportError('wrong-kind', `This is ${KIND_NAMES[f]}, not ${want}. Nothing was changed.`);
    throw new ImportError('not-a-file', `This is not ${want}. Nothing was changed.`);
  }
  const v = (json as { version?: unknown }).version;
  if (v !== FILE_VERSION) {
    throw new ImportError(
      'unsupported-version',
      typeof v === 'number' && v > FILE_VERSION
        ? `This file was written by a newer version of the app (format version ${v}). Update the app, then try again. Nothing was changed.`
        : `This file has a format version this app does not know (${String(v)}). Nothing was changed.`,
    );
  }
  return json;
}

/** Validates a sealed file's envelope and KDF (refusing a downgrade) without deriving anything. */
export function checkSealedFile(json: unknown, format: string): SealedFile {
  const parsed = SealedFileSchema.safeParse(json);
  if (!parsed.success)
    throw new ImportError(
      'corrupt',
      'This file is damaged: some of its parts are missing or malformed. Nothing was changed.',
    );
  const file = parsed.data;
  if (file.cipher.aad !== fileAad(format, file.id))
    throw new ImportError(
      'corrupt',
      'This file is damaged: its header does not match its contents. Nothing was changed.',
    );
  try {
    checkPassphraseBox({ kdf: file.kdf as never, iv: file.cipher.iv, ct: file.ciphertext });
  } catch (e) {
    if (e instanceof KdfTooWeakError)
      throw new ImportError(
        'weak-kdf',
        'This file’s key settings are weaker than this app accepts (it may have been altered). Nothing was changed.',
        { cause: e },
      );
    if (e instanceof KdfParamsError || e instanceof DecryptError)
      throw new ImportError('corrupt', 'This file is damaged. Nothing was changed.', { cause: e });
    throw e;
  }
  return file;
}

/** Decrypts a checked file and parses its payload JSON (not yet validated: the caller's schema does that). */
export async function openSealedFile(file: SealedFile, passphrase: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await openWithPassphrase(passphrase, file.cipher.aad, {
      kdf: file.kdf as never,
      iv: file.cipher.iv,
      ct: file.ciphertext,
    });
  } catch (e) {
    if (e instanceof WrongPassphraseError) {
      throw new ImportError(
        'wrong-passphrase',
        'That passphrase does not open this file (or the file was altered). Check the passphrase and try again. Nothing was changed.',
        { cause: e },
      );
    }
    throw e;
  }
  try {
    return JSON.parse(utf8Decode(bytes));
  } catch (cause) {
    throw new ImportError('corrupt', 'This file opened but its contents are damaged. Nothing was changed.', { cause });
  }
}
