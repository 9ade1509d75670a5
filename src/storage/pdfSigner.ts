// Owns the establishment's PDF signing certificate and key (RSA, self-signed or a local authority's
// .p12): the certificate in clear (it is public), the private key encrypted under the data key.
// Also logs every PDF export in the establishment log (who, when, to whom, why).
// STORAGE NAMES THAT MUST NEVER CHANGE: meta key 'pdf-signer', record id 'meta/pdf-signer-private-key'.
import { z } from 'zod';
import { base64ToBytes, decryptJson, encryptJson, sha256Hex } from './crypto';
import { db } from './db';
import { NotPermittedError } from './errors';
import { appendLog } from './log';
import { Base64, Hex64, Id, IsoDateTime, PdfSignerMetaRowSchema, parseRow } from './schemas';
import { type Session, requireRole, secretsOf } from './session';

const KEY = 'pdf-signer' as const;
const PRIVATE_RECORD_ID = 'meta/pdf-signer-private-key';

export const PdfSignerRowSchema = PdfSignerMetaRowSchema;
export type PdfSignerRow = z.infer<typeof PdfSignerRowSchema>;

/** The signer inside a backup's encrypted payload (docs/BACKUP-FORMAT.md). */
export const PdfSignerBackupSchema = z.strictObject({
  certificateDer: Base64,
  fingerprint: PdfSignerMetaRowSchema.shape.fingerprint,
  subject: z.string().max(500),
  source: z.enum(['generated', 'imported']),
  createdAt: IsoDateTime,
  privateKeyPkcs8: Base64,
});
export type PdfSignerBackup = z.infer<typeof PdfSignerBackupSchema>;

export interface PdfSignerInfo {
  certificateDer: string;
  fingerprint: string;
  subject: string;
  source: 'generated' | 'imported';
  createdAt: string;
}

/** The public certificate and its fingerprint (for settings and for recipients to check by phone). */
export async function pdfSignerInfo(): Promise<PdfSignerInfo | null> {
  const raw = await db().meta.get(KEY);
  if (!raw) return null;
  const { key: _k, privateKey: _p, ...info } = parseRow(PdfSignerRowSchema, raw, 'PDF signing certificate');
  return info;
}

/** The certificate and the decrypted PKCS#8 private key, for signing now (kept in memory only). */
export async function loadPdfSigner(session: Session): Promise<{ certificateDer: string; privateKeyPkcs8: string } | null> {
  const raw = await db().meta.get(KEY);
  if (!raw) return null;
  const row = parseRow(PdfSignerRowSchema, raw, 'PDF signing certificate');
  const privateKeyPkcs8 = await decryptJson<string>(secretsOf(session).keys.dataKey, PRIVATE_RECORD_ID, row.privateKey);
  return { certificateDer: row.certificateDer, privateKeyPkcs8 };
}

/**
 * The signer as a backup carries it (docs/BACKUP-FORMAT.md, `keys.pdfSigner`): the certificate and
 * the PKCS#8 private key in clear inside the backup's own encryption, like the other private keys.
 * Null when this establishment has not made or imported one yet.
 */
export async function pdfSignerForBackup(session: Session): Promise<PdfSignerBackup | null> {
  const raw = await db().meta.get(KEY);
  if (!raw) return null;
  const row = parseRow(PdfSignerRowSchema, raw, 'PDF signing certificate');
  const privateKeyPkcs8 = await decryptJson<string>(secretsOf(session).keys.dataKey, PRIVATE_RECORD_ID, row.privateKey);
  return PdfSignerBackupSchema.parse({ certificateDer: row.certificateDer, fingerprint: row.fingerprint, subject: row.subject, source: row.source, createdAt: row.createdAt, privateKeyPkcs8 });
}

/** The stored row for a signer from a backup, its private key encrypted under the data key again. Refuses a certificate whose fingerprint does not match it. */
export async function pdfSignerRowFromBackup(dataKey: CryptoKey, b: PdfSignerBackup): Promise<PdfSignerRow> {
  const actual = (await sha256Hex(base64ToBytes(b.certificateDer))).toUpperCase().match(/../g)!.join(':');
  if (actual !== b.fingerprint.toUpperCase()) throw new Error('the PDF signing certificate does not match its fingerprint');
  const row: PdfSignerRow = {
    key: KEY,
    certificateDer: b.certificateDer,
    fingerprint: b.fingerprint,
    subject: b.subject,
    source: b.source,
    createdAt: b.createdAt,
    privateKey: await encryptJson(dataKey, PRIVATE_RECORD_ID, b.privateKeyPkcs8),
  };
  return parseRow(PdfSignerRowSchema, row, 'PDF signing certificate');
}

/** Stores the establishment's signer. Replacing one that exists must be asked for explicitly. */
export async function savePdfSigner(
  session: Session,
  signer: { certificateDer: string; privateKeyPkcs8: string; fingerprint: string; subject: string; source: 'generated' | 'imported' },
  options: { replace?: boolean } = {},
): Promise<void> {
  requireRole(session, 'set-signing-certificate', 'set the PDF signing certificate');
  if (!options.replace && (await db().meta.get(KEY))) throw new NotPermittedError('This establishment already has a signing certificate. Replace it explicitly.');
  const row: PdfSignerRow = {
    key: KEY,
    certificateDer: signer.certificateDer,
    fingerprint: signer.fingerprint,
    subject: signer.subject,
    source: signer.source,
    createdAt: new Date().toISOString(),
    privateKey: await encryptJson(secretsOf(session).keys.dataKey, PRIVATE_RECORD_ID, signer.privateKeyPkcs8),
  };
  await db().meta.put(parseRow(PdfSignerRowSchema, row, 'PDF signing certificate'));
}

export const PdfExportSchema = z.strictObject({
  fileId: Id,
  caseId: Id,
  to: z.string().trim().min(1).max(500),
  why: z.string().trim().min(1).max(2000),
  recordHash: Hex64,
  redacted: z.boolean(),
});

/** Every export is logged: who, when, to whom, why, and the record hash it carries (issue 5). */
export async function logPdfExport(session: Session, e: z.infer<typeof PdfExportSchema>): Promise<void> {
  const x = PdfExportSchema.parse(e);
  await appendLog(session, [{ type: 'export.made', kind: 'pdf', fileId: x.fileId, to: x.to, why: x.why, caseIds: [x.caseId], recordHash: x.recordHash, scope: x.redacted ? 'one-young-person' : 'whole-case' }]);
}
