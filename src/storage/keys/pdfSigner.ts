// Owns the establishment's PDF signing certificate and key (RSA, self-signed or a local authority's
// .p12): the certificate in clear (it is public), the private key encrypted under the data key.
// Also logs every PDF export in the establishment log (who, when, to whom, why).
// The certificate is PINNED (docs/SECURITY.md item 15): the row carries an HMAC, and every
// certificate set or replaced is an entry in the establishment log (encrypted, chained). The PDF
// verifier trusts exactly the certificates the log names, never the row's word alone, so a signer
// row swapped with the browser's tools changes nothing the verifier says, and the checks name it.
// STORAGE NAMES THAT MUST NEVER CHANGE: meta key 'pdf-signer', record id 'meta/pdf-signer-private-key'.
import { z } from 'zod';
import { decryptJson, encryptJson, verifyHmac } from '../crypto';
import { LOG_CHAIN_ID } from '../chain/chain';
import { commit, readLogHead } from '../chain/commit';
import { db } from '../db';
import { IntegrityError, NotPermittedError } from '../errors';
import { appendLog, prepareLogAppends, readLog } from '../chain/log';
import { Base64, Hex64, Id, IsoDateTime, PdfSignerMetaRowSchema, parseRow } from '../schemas';
import { type Session, requireRole, secretsOf } from './session';
import { KEY, PdfSignerRowSchema, type PdfSignerRow, signerMacInput, signerRow } from './pdfSignerRow';
import { fingerprintOf, sameFingerprint, pinnedCertificates, pdfSignerProblem } from './pdfSignerPins';
export { pinnedCertificates, establishmentCertificates, pdfSignerProblem, pinUnpinnedPdfSigner } from './pdfSignerPins';
export type { PinnedCertificate } from './pdfSignerPins';
export { PdfSignerRowSchema } from './pdfSignerRow';
export type { PdfSignerRow } from './pdfSignerRow';
export const PDF_SIGNER_PRIVATE_RECORD_ID = 'meta/pdf-signer-private-key';
const PRIVATE_RECORD_ID = PDF_SIGNER_PRIVATE_RECORD_ID;

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

/**
 * The signer row under a renewed data key (rotate.ts): its private key encrypted again, and a pinned
 * row MAC'd again. Refuses (null) a pinned row whose MAC does not hold under the old key, so a
 * rotation never re-MACs a swapped row.
 */
export async function rekeyedSignerRow(
  raw: unknown,
  old: { dataKey: CryptoKey; macKey: CryptoKey },
  next: { dataKey: CryptoKey; macKey: CryptoKey },
): Promise<PdfSignerRow | null> {
  const parsed = PdfSignerRowSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { key: _k, mac, ...fields } = parsed.data;
  if (mac !== undefined && !(await verifyHmac(old.macKey, signerMacInput(fields), mac))) return null;
  let pkcs8: string;
  try {
    pkcs8 = await decryptJson<string>(old.dataKey, PRIVATE_RECORD_ID, fields.privateKey);
  } catch {
    return null;
  }
  const next_ = { ...fields, privateKey: await encryptJson(next.dataKey, PRIVATE_RECORD_ID, pkcs8) };
  return mac === undefined
    ? parseRow(PdfSignerRowSchema, { key: KEY, ...next_ }, 'PDF signing certificate')
    : signerRow(next.macKey, next_);
}

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
  const { key: _k, privateKey: _p, mac: _m, ...info } = parseRow(PdfSignerRowSchema, raw, 'PDF signing certificate');
  return info;
}

/** The certificate and the decrypted PKCS#8 private key, for signing now (kept in memory only). */
export async function loadPdfSigner(
  session: Session,
): Promise<{ certificateDer: string; privateKeyPkcs8: string } | null> {
  const raw = await db().meta.get(KEY);
  if (!raw) return null;
  const row = parseRow(PdfSignerRowSchema, raw, 'PDF signing certificate');
  // Never sign with a certificate the establishment log does not name as the current one.
  const current = pinnedCertificates(await readLog(session)).at(-1)?.fingerprint ?? null;
  const problem = await pdfSignerProblem(session, current);
  if (problem) throw new IntegrityError(problem);
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
  return PdfSignerBackupSchema.parse({
    certificateDer: row.certificateDer,
    fingerprint: row.fingerprint,
    subject: row.subject,
    source: row.source,
    createdAt: row.createdAt,
    privateKeyPkcs8,
  });
}

/** The stored row for a signer from a backup, its private key encrypted under the data key again. Refuses a certificate whose fingerprint does not match it. */
export async function pdfSignerRowFromBackup(
  keys: { dataKey: CryptoKey; macKey: CryptoKey },
  b: PdfSignerBackup,
): Promise<PdfSignerRow> {
  if (!sameFingerprint(await fingerprintOf(b.certificateDer), b.fingerprint))
    throw new Error('the PDF signing certificate does not match its fingerprint');
  return signerRow(keys.macKey, {
    certificateDer: b.certificateDer,
    fingerprint: b.fingerprint,
    subject: b.subject,
    source: b.source,
    createdAt: b.createdAt,
    privateKey: await encryptJson(keys.dataKey, PRIVATE_RECORD_ID, b.privateKeyPkcs8),
  });
}

/**
 * Stores the establishment's signer, MAC'd, and pins it in the establishment log in the same
 * transaction (docs/SECURITY.md item 15). Replacing one that exists must be asked for explicitly;
 * the log keeps which certificate it replaced, so PDFs signed before still check out.
 */
export async function savePdfSigner(
  session: Session,
  signer: {
    certificateDer: string;
    privateKeyPkcs8: string;
    fingerprint: string;
    subject: string;
    source: 'generated' | 'imported';
  },
  options: { replace?: boolean } = {},
): Promise<void> {
  requireRole(session, 'set-signing-certificate', 'set the PDF signing certificate');
  if (!options.replace && (await db().meta.get(KEY)))
    throw new NotPermittedError('This establishment already has a signing certificate. Replace it explicitly.');
  if (!sameFingerprint(await fingerprintOf(signer.certificateDer), signer.fingerprint))
    throw new NotPermittedError('The certificate does not match its fingerprint.');
  const { keys } = secretsOf(session);
  const row = await signerRow(keys.macKey, {
    certificateDer: signer.certificateDer,
    fingerprint: signer.fingerprint,
    subject: signer.subject,
    source: signer.source,
    createdAt: new Date().toISOString(),
    privateKey: await encryptJson(keys.dataKey, PRIVATE_RECORD_ID, signer.privateKeyPkcs8),
  });
  await commit(session, async () => {
    const before = PdfSignerRowSchema.safeParse(await db().meta.get(KEY));
    const head = await readLogHead();
    const log = await prepareLogAppends(session, head, [
      {
        type: 'pdf-signer.set',
        fingerprint: row.fingerprint,
        subject: row.subject,
        source: row.source,
        replaced: before.success ? before.data.fingerprint : null,
      },
    ]);
    return {
      plan: {
        appends: log.appends,
        expect: [{ chain: LOG_CHAIN_ID, head: head.seq === 0 ? null : head }],
        write: async (d) => {
          await d.meta.put(row);
        },
      },
      result: undefined,
    };
  });
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
  await appendLog(session, [
    {
      type: 'export.made',
      kind: 'pdf',
      fileId: x.fileId,
      to: x.to,
      why: x.why,
      caseIds: [x.caseId],
      recordHash: x.recordHash,
      scope: x.redacted ? 'one-young-person' : 'whole-case',
    },
  ]);
}
