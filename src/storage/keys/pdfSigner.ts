// Owns the establishment's PDF signing certificate and key (RSA, self-signed or a local authority's
// .p12): the certificate in clear (it is public), the private key encrypted under the data key.
// Also logs every PDF export in the establishment log (who, when, to whom, why).
// The certificate is PINNED (docs/SECURITY.md item 15): the row carries an HMAC, and every
// certificate set or replaced is an entry in the establishment log (encrypted, chained). The PDF
// verifier trusts exactly the certificates the log names, never the row's word alone, so a signer
// row swapped with the browser's tools changes nothing the verifier says, and the checks name it.
// STORAGE NAMES THAT MUST NEVER CHANGE: meta key 'pdf-signer', record id 'meta/pdf-signer-private-key'.
import { z } from 'zod';
import { canonicalJson } from '../../codec/canonical';
import { base64ToBytes, decryptJson, encryptJson, hmacHex, sha256Hex, verifyHmac } from '../crypto';
import { LOG_CHAIN_ID } from '../chain/chain';
import { commit, readLogHead } from '../chain/commit';
import { db } from '../db';
import { IntegrityError, NotPermittedError } from '../errors';
import type { IntegrityProblem } from '../chain/integrityTypes';
import { type LogEntry, appendLog, prepareLogAppends, readLog } from '../chain/log';
import { Base64, Hex64, Id, IsoDateTime, PdfSignerMetaRowSchema, parseRow } from '../schemas';
import { type Session, requireRole, secretsOf } from './session';

const KEY = 'pdf-signer' as const;
export const PDF_SIGNER_PRIVATE_RECORD_ID = 'meta/pdf-signer-private-key';
const PRIVATE_RECORD_ID = PDF_SIGNER_PRIVATE_RECORD_ID;

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

// !!! NEVER CHANGE: inside every stored signer-row MAC.
const SIGNER_LABEL = 'ypsi/pdf-signer/v1';

type SignerFields = Omit<PdfSignerRow, 'key' | 'mac'>;

function signerMacInput(f: SignerFields): string {
  return canonicalJson({
    label: SIGNER_LABEL,
    certificateDer: f.certificateDer,
    fingerprint: f.fingerprint,
    subject: f.subject,
    source: f.source,
    createdAt: f.createdAt,
    privateKey: f.privateKey,
  });
}

async function signerRow(macKey: CryptoKey, f: SignerFields): Promise<PdfSignerRow> {
  return parseRow(
    PdfSignerRowSchema,
    { key: KEY, ...f, mac: await hmacHex(macKey, signerMacInput(f)) },
    'PDF signing certificate',
  );
}

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

/** SHA-256 of a DER certificate as colon pairs (the form the app shows and the log keeps). */
async function fingerprintOf(certificateDer: string): Promise<string> {
  return (await sha256Hex(base64ToBytes(certificateDer))).toUpperCase().match(/../g)!.join(':');
}

const sameFingerprint = (a: string, b: string) =>
  a.replace(/[^0-9a-f]/gi, '').toUpperCase() === b.replace(/[^0-9a-f]/gi, '').toUpperCase();

/** A certificate this establishment has signed PDFs with, as the establishment log records it. */
export interface PinnedCertificate {
  fingerprint: string;
  subject: string;
  setAt: string;
  /** The one in use now (the last set); earlier ones still vouch for PDFs signed before the change. */
  current: boolean;
}

/** Every certificate the establishment log names as this establishment's, oldest first. */
export function pinnedCertificates(log: readonly LogEntry[]): PinnedCertificate[] {
  const set = log.flatMap((e) =>
    e.type === 'pdf-signer.set' ? [{ fingerprint: e.fingerprint, subject: e.subject, setAt: e.recordedAt }] : [],
  );
  return set.map((c, i) => ({ ...c, current: i === set.length - 1 }));
}

/** The certificates this establishment signs with, from the establishment log (decrypted and chain-checked). */
export async function establishmentCertificates(session: Session): Promise<PinnedCertificate[]> {
  return pinnedCertificates(await readLog(session));
}

/**
 * What is wrong with the stored signer row, or null. `pinned` is what the log says is current
 * (undefined: not read, so only the row's own MAC and fingerprint are checked; null: the log has
 * never pinned one, so a row from before pinning is not yet a problem).
 */
export async function pdfSignerProblem(session: Session, pinned?: string | null): Promise<IntegrityProblem | null> {
  const raw = await db().meta.get(KEY);
  const problem = (message: string): IntegrityProblem => ({ scope: 'settings', kind: 'edited', message });
  if (!raw)
    return pinned
      ? {
          scope: 'settings',
          kind: 'deleted',
          message: 'The PDF signing certificate was removed from this tablet outside the app.',
        }
      : null;
  const parsed = PdfSignerRowSchema.safeParse(raw);
  if (!parsed.success)
    return problem('The stored PDF signing certificate was changed outside the app (it has an unexpected shape).');
  const row = parsed.data;
  const swapped = problem(
    'The stored PDF signing certificate was changed outside the app: it is not the certificate this establishment set. PDFs are checked against the certificate in the establishment log, and none will be signed until it is set again in Settings.',
  );
  if (!sameFingerprint(await fingerprintOf(row.certificateDer), row.fingerprint)) return swapped;
  if (row.mac === undefined) return pinned === undefined || pinned === null ? null : swapped;
  if (!(await verifyHmac(secretsOf(session).keys.macKey, signerMacInput(row), row.mac))) return swapped;
  if (pinned && !sameFingerprint(pinned, row.fingerprint)) return swapped;
  return null;
}

/**
 * A device that had a certificate before pinning: pins it (MAC and log entry), once, at unlock.
 * Only when the log has never pinned one, so removing a row's MAC later does not re-pin a swapped row.
 */
export async function pinUnpinnedPdfSigner(session: Session): Promise<boolean> {
  const raw = await db().meta.get(KEY);
  if (!raw) return false;
  const row = PdfSignerRowSchema.safeParse(raw);
  if (!row.success || row.data.mac !== undefined) return false;
  if (pinnedCertificates(await readLog(session)).length > 0) return false;
  if (!sameFingerprint(await fingerprintOf(row.data.certificateDer), row.data.fingerprint)) return false;
  const { key: _k, mac: _m, ...fields } = row.data;
  const pinnedRow = await signerRow(secretsOf(session).keys.macKey, fields);
  await commit(session, async () => {
    const head = await readLogHead();
    const log = await prepareLogAppends(
      session,
      head,
      [
        {
          type: 'pdf-signer.set',
          fingerprint: fields.fingerprint,
          subject: fields.subject,
          source: fields.source,
          replaced: null,
        },
      ],
      {
        userId: 'system',
        role: 'system',
        name: 'Pinned at unlock',
      },
    );
    return {
      plan: {
        appends: log.appends,
        expect: [{ chain: LOG_CHAIN_ID, head: head.seq === 0 ? null : head }],
        write: async (d) => {
          await d.meta.put(pinnedRow);
        },
      },
      result: undefined,
    };
  });
  return true;
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
