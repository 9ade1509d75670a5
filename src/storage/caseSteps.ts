// Owns the pieces of a case step: keys, snapshot reads, stamping, stepping the machine and encrypting, before any transaction opens.
import type { CaseEvent } from '../domain/events';
import { type CaseSnapshot, persist, restore, stageOf, step } from '../domain/machine';
import { type CaseSummary, summarise } from '../domain/summary';
import {
  type EncryptedRecord,
  type WrappedKey,
  decryptJson,
  encryptJson,
  generateCaseKey,
  unwrapCaseKey,
  wrapCaseKey,
} from './crypto';
import { asStored, eventDigest, newId, recordId } from './chain/chain';
import { type ChainAppend, ConflictRetry } from './chain/commit';
import { type CaseRow, type SnapshotRow, type YpsiDatabase, db } from './db';
import { CaseNotFoundError, IntegrityError, StorageError } from './errors';
import {
  type ChainHead,
  CaseRowSchema,
  CounterMetaRowSchema,
  PersistedSnapshotSchema,
  SnapshotRowSchema,
  parseRow,
} from './schemas';
import { type Session, secretsOf } from './keys/session';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as the UI hands it over: storage stamps `id` and `recordedAt`; `occurredAt` is the person's. */
export type EventDraft = DistributiveOmit<CaseEvent, 'id' | 'recordedAt'>;

/**
 * Review-date drafts built by setReviewDate (src/storage/summary-index/reviewDate.ts), which checked the date they
 * replace and, when brought forward, both key holders' passphrases. appendEvent takes no other.
 */
export const checkedReviewDateDrafts = new WeakSet<object>();

/** The case's key, unwrapped once per session and kept (non-extractable) until lock. */
export async function caseKeyFor(session: Session, caseId: string, wrapped: WrappedKey): Promise<CryptoKey> {
  const s = secretsOf(session);
  const cached = s.caseKeys.get(caseId);
  if (cached) return cached;
  const key = await unwrapCaseKey(wrapped, s.keys.dataKey, caseId);
  s.caseKeys.set(caseId, key);
  return key;
}

export async function readCaseRow(caseId: string, d: YpsiDatabase = db()): Promise<CaseRow> {
  const raw = await d.cases.get(caseId);
  if (!raw) throw new CaseNotFoundError(caseId);
  return parseRow(CaseRowSchema, raw, 'case');
}

export function caseStateError(caseId: string, seq: number, message: string): IntegrityError {
  return new IntegrityError({ scope: 'case', kind: 'rolled-back', caseId, seq, message });
}

/** The snapshot at the case's head. Its AAD carries the head digest, so an older snapshot put back does not open. */
export async function readSnapshot(caseKey: CryptoKey, row: CaseRow, d: YpsiDatabase = db()): Promise<CaseSnapshot> {
  return openSnapshot(caseKey, row, await d.snapshots.get(row.id));
}

/** Opens a snapshot row already read (in the same transaction as its case row). */
export async function openSnapshot(caseKey: CryptoKey, row: CaseRow, raw: unknown): Promise<CaseSnapshot> {
  if (!raw)
    throw caseStateError(
      row.id,
      row.head.seq,
      'The saved state of this case is missing. Run the full integrity check.',
    );
  const snap = parseRow(SnapshotRowSchema, raw, 'case snapshot');
  let persisted: unknown;
  try {
    persisted = await decryptJson(caseKey, recordId.snapshot(row.id, row.head.digest), snap.enc);
  } catch {
    throw caseStateError(
      row.id,
      row.head.seq,
      'The saved state of this case does not match its latest event (it was altered or put back).',
    );
  }
  return restore(parseRow(PersistedSnapshotSchema, persisted, 'case snapshot'));
}

// ---- building a step -----------------------------------------------------------------------------

export function stamp(session: Session, draft: EventDraft): CaseEvent {
  const actor = (draft as { actor?: CaseEvent['actor'] }).actor;
  if (!actor || actor.userId !== session.user.userId || actor.role !== session.user.role) {
    throw new StorageError('An event must be recorded by the person who is signed in.');
  }
  return asStored({ ...draft, actor: session.actor, id: newId(), recordedAt: new Date().toISOString() } as CaseEvent);
}

export type BuiltSteps = {
  appends: ChainAppend[];
  snapshot: CaseSnapshot;
  summary: CaseSummary;
  head: ChainHead;
  snapshotEnc: EncryptedRecord;
  summaryEnc: EncryptedRecord;
};

/**
 * Steps events through the case machine from `base` and encrypts everything a commit writes.
 * All crypto happens here, before any transaction (see commit.ts). A refusal throws the domain's
 * RejectedEventError with its reasons and nothing is written.
 */
export async function buildSteps(
  caseKey: CryptoKey,
  caseId: string,
  base: { head: ChainHead; snapshot: CaseSnapshot },
  events: readonly CaseEvent[],
): Promise<BuiltSteps> {
  let snapshot = base.snapshot;
  let { seq, digest } = base.head;
  const appends: ChainAppend[] = [];
  for (const event of events) {
    snapshot = step(snapshot, event);
    seq += 1;
    digest = await eventDigest(digest, caseId, seq, event);
    appends.push({ chain: caseId, seq, eventId: event.id, digest, enc: await encryptJson(caseKey, event.id, event) });
  }
  const summary = summarise(snapshot);
  const [snapshotEnc, summaryEnc] = await Promise.all([
    encryptJson(caseKey, recordId.snapshot(caseId, digest), persist(snapshot)),
    encryptJson(caseKey, recordId.summary(caseId, digest), summary),
  ]);
  return { appends, snapshot, summary, head: { seq, digest }, snapshotEnc, summaryEnc };
}

/** The case row and snapshot row after `built`. */
export function caseRows(
  caseId: string,
  wrappedKey: WrappedKey,
  built: BuiltSteps,
  openedAt: string,
  lastRecordedAt: string,
): { row: CaseRow; snapshot: SnapshotRow } {
  return {
    row: {
      id: caseId,
      status: built.summary.closed ? 'closed' : 'open',
      stage: stageOf(built.snapshot),
      openedAt,
      updatedAt: lastRecordedAt,
      caseKey: wrappedKey,
      summary: built.summaryEnc,
      head: built.head,
    },
    snapshot: { caseId, enc: built.snapshotEnc },
  };
}

/** A new case's key, generated and wrapped under the data key (AAD binds the case id). */
export async function newCaseKey(session: Session, caseId: string): Promise<{ key: CryptoKey; wrapped: WrappedKey }> {
  const generated = await generateCaseKey();
  const wrapped = await wrapCaseKey(generated, secretsOf(session).keys.dataKey, caseId);
  // Keep a non-extractable copy for this session: the extractable one is dropped here.
  const key = await unwrapCaseKey(wrapped, secretsOf(session).keys.dataKey, caseId);
  secretsOf(session).caseKeys.set(caseId, key);
  return { key, wrapped };
}

// ---- references ----------------------------------------------------------------------------------

/**
 * The reference for a new case: the one given, or the next readable one (YPSI-2026-0007, or
 * YPSI-2026-B-0007 on a joined tablet whose mark is B) from the
 * counter, with the write that advances the counter inside the case's transaction (rebuilt if the
 * counter moved meanwhile, so two cases never share a reference).
 */
export async function referenceFor(
  given?: string,
  now: Date = new Date(),
): Promise<{ reference: string; write: (d: YpsiDatabase) => Promise<void> }> {
  if (given) return { reference: given, write: async () => undefined };
  const raw = (await db().meta.get('reference-counter')) ?? null;
  const parsed = raw ? CounterMetaRowSchema.safeParse(raw) : null;
  const year = now.getFullYear();
  const n = parsed?.success && parsed.data.year === year ? parsed.data.next : 1;
  // A joined tablet's mark keeps its references apart from every other tablet's (tabletMark.ts).
  const { mark, given: marksGiven } = parsed?.success ? parsed.data : {};
  return {
    reference: `YPSI-${year}-${mark ? `${mark}-` : ''}${String(n).padStart(4, '0')}`,
    write: async (d) => {
      if (JSON.stringify((await d.meta.get('reference-counter')) ?? null) !== JSON.stringify(raw))
        throw new ConflictRetry();
      await d.meta.put({
        key: 'reference-counter',
        year,
        next: n + 1,
        ...(mark ? { mark } : {}),
        ...(marksGiven ? { given: marksGiven } : {}),
      });
    },
  };
}
