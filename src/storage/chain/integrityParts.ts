// Owns the parts both integrity checks share: public-record MACs, opening rows, tolerant row parsing, and the device-head recomputation.
import type { CaseEvent } from '../../domain/events';
import { type EncryptedRecord, decryptJson, verifyHmac } from '../crypto';
import { deviceHeadMac, deviceHeadMacInput, keyringMacInput, recordId } from './chain';
import { caseKeyFor } from '../caseSteps';
import { type CaseRow, db } from '../db';
import type { IntegrityProblem } from './integrityTypes';
import { LogEntrySchema, readLog } from './log';
import { pdfSignerProblem, pinnedCertificates } from '../keys/pdfSigner';
import { foreignSealProblems } from '../inbox';
import { CaseEventEnvelopeSchema, CaseSummarySchema, EncryptedRecordSchema, KeyringRowSchema } from '../schemas';
import { type Session, secretsOf } from '../keys/session';
import { settingsAuthentic } from '../settings';
import { keyringBindingProblems } from '../keys/keyring';
import type { ChainRow } from './verifyChain';

export async function publicRecordProblems(session: Session): Promise<IntegrityProblem[]> {
  const out: IntegrityProblem[] = [];
  if (!(await settingsAuthentic(session))) {
    out.push({
      scope: 'settings',
      kind: 'edited',
      message:
        'The public settings (names, phone numbers, or the key staff seal disclosures to) were changed outside the app. Check them before relying on them.',
    });
  }
  // The PDF signer row (docs/SECURITY.md item 15): its MAC and fingerprint; a row with no MAC only
  // while the establishment log has never pinned a certificate (a device from before pinning).
  const signerRaw = (await db().meta.get('pdf-signer')) as { mac?: unknown } | undefined;
  const pinned =
    signerRaw && signerRaw.mac === undefined
      ? (pinnedCertificates(await readLog(session)).at(-1)?.fingerprint ?? null)
      : undefined;
  const signer = await pdfSignerProblem(session, pinned);
  if (signer) out.push(signer);
  // Disclosures sealed to a foreign key: named at the next unlock (docs/SECURITY.md item 16).
  out.push(...(await foreignSealProblems(session)));
  const { macKey } = secretsOf(session).keys;
  for (const raw of await db().keyring.toArray()) {
    const parsed = KeyringRowSchema.safeParse(raw);
    if (!parsed.success || !(await verifyHmac(macKey, keyringMacInput(parsed.data), parsed.data.mac))) {
      out.push({
        scope: 'keyring',
        kind: 'edited',
        message: 'A user’s stored details (name or role) were changed outside the app.',
      });
      break;
    }
  }
  // docs/SECURITY.md item 1: the keyring is the one the establishment log last recorded.
  out.push(...(await keyringBindingProblems(secretsOf(session).keys.dataKey)));
  return out;
}

/** Best effort "case YPSI-2026-0007" for a message; falls back to the start of the opaque id. */
export async function caseLabel(session: Session, row: CaseRow): Promise<string> {
  try {
    const key = await caseKeyFor(session, row.id, row.caseKey);
    const s = CaseSummarySchema.parse(await decryptJson(key, recordId.summary(row.id, row.head.digest), row.summary));
    return `case ${s.reference}`;
  } catch {
    return `case ${row.id.slice(0, 8)}`;
  }
}

export function openCaseEvent(key: CryptoKey) {
  return async (r: ChainRow) =>
    CaseEventEnvelopeSchema.parse(await decryptJson(key, r.eventId, r.enc)) as unknown as CaseEvent & { id: string };
}
export function openLogEntry(dataKey: CryptoKey) {
  return async (r: ChainRow) => LogEntrySchema.parse(await decryptJson(dataKey, recordId.log(r.eventId), r.enc));
}

export type DeviceTuple = { dseq: number; chain: string; seq: number; digest: string };

/** Recomputes the device head over `tuples` (sorted by dseq) from `from`; names a gap or a mismatch. */
export async function checkDeviceChain(
  session: Session,
  from: { dseq: number; mac: string },
  tuples: readonly DeviceTuple[],
  stored: { dseq: number; mac: string },
): Promise<IntegrityProblem | null> {
  const { macKey } = secretsOf(session).keys;
  if (stored.dseq < from.dseq) {
    return {
      scope: 'device',
      kind: 'truncated',
      message: `Records written on this device since the last check were removed (${from.dseq - stored.dseq} writes are missing).`,
    };
  }
  let mac = from.mac;
  let lastInput: string | null = null;
  for (let i = 0; i < tuples.length; i++) {
    const t = tuples[i]!;
    const expected = from.dseq + i + 1;
    if (t.dseq !== expected) {
      return t.dseq > expected
        ? {
            scope: 'device',
            kind: 'deleted',
            message: `Record number ${expected} written on this device has been removed.`,
          }
        : { scope: 'device', kind: 'inserted', message: `Record number ${t.dseq} on this device appears twice.` };
    }
    lastInput = deviceHeadMacInput(mac, t.chain, t.seq, t.digest);
    mac = await deviceHeadMac(macKey, mac, t.chain, t.seq, t.digest);
  }
  const lastDseq = from.dseq + tuples.length;
  if (lastDseq < stored.dseq)
    return {
      scope: 'device',
      kind: 'truncated',
      message: `The latest ${stored.dseq - lastDseq} records written on this device were removed.`,
    };
  if (lastDseq > stored.dseq)
    return { scope: 'device', kind: 'rolled-back', message: 'The device-wide head was put back to an earlier state.' };
  const ok = lastInput === null ? from.mac === stored.mac : await verifyHmac(macKey, lastInput, stored.mac);
  return ok
    ? null
    : {
        scope: 'device',
        kind: 'edited',
        message: 'The device-wide head does not match the records: something was altered or removed.',
      };
}

const UNOPENABLE: EncryptedRecord = { v: 1, iv: '', ct: '' };

/**
 * A stored event or log row as the checks see it. A row of the wrong shape is not thrown on: it
 * becomes a row that will not open, so the walk names it (edited) at its position. Rows with no
 * usable position are dropped, and show as deleted.
 */
export function tolerantRow(raw: unknown): (ChainRow & { caseId: string; dseq: number }) | null {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof r.seq !== 'number' || !Number.isInteger(r.seq) || r.seq < 1) return null;
  const enc = EncryptedRecordSchema.safeParse(r.enc);
  return {
    caseId: typeof r.caseId === 'string' ? r.caseId : '',
    seq: r.seq,
    dseq: typeof r.dseq === 'number' ? r.dseq : -1,
    eventId: typeof r.eventId === 'string' && r.eventId.length > 0 ? r.eventId : '?',
    enc: enc.success ? enc.data : UNOPENABLE,
    digest: typeof r.digest === 'string' ? r.digest : '',
  };
}

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
