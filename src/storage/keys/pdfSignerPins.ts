// The establishment certificate pinned in the log: which certificates this device signed with, and whether the stored signer is still the pinned one.
import { base64ToBytes, sha256Hex, verifyHmac } from '../crypto';
import { LOG_CHAIN_ID } from '../chain/chain';
import { commit, readLogHead } from '../chain/commit';
import { db } from '../db';
import type { IntegrityProblem } from '../chain/integrityTypes';
import { type LogEntry, prepareLogAppends, readLog } from '../chain/log';
import { type Session, secretsOf } from './session';
import { KEY, PdfSignerRowSchema, signerMacInput, signerRow } from './pdfSignerRow';

/** SHA-256 of a DER certificate as colon pairs (the form the app shows and the log keeps). */
export async function fingerprintOf(certificateDer: string): Promise<string> {
  return (await sha256Hex(base64ToBytes(certificateDer))).toUpperCase().match(/../g)!.join(':');
}

export const sameFingerprint = (a: string, b: string) =>
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
