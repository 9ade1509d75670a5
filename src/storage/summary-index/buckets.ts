// The summary index's sealed parts: 64 buckets of case summaries and a head of their ivs, each encrypted under the data key.
import type { CaseSummary } from '../../domain/summary';
import { type EncryptedRecord, decryptJson, encryptJson } from '../crypto';
import { recordId } from '../chain/chain';
import { type CaseRow } from '../db';
import { caseStateError } from '../caseSteps';
import {
  CaseSummarySchema,
  SummaryIndexBucketRowSchema,
  SummaryIndexBucketSchema,
  SummaryIndexHeadRowSchema,
  SummaryIndexHeadSchema,
  parseRow,
} from '../schemas';
import { type Session, secretsOf } from '../keys/session';

/**
 * Buckets the cases are spread over (by a hash of the case id). A step re-encrypts one bucket:
 * at 10,000 cases that is ~160 summaries (~60 kB), well under the cost of the step itself; the
 * first read in a session decrypts all of them at once.
 */
export const SUMMARY_INDEX_BUCKETS = 64;

export const STAMP_KEY = 'summary-index';

export const bucketKey = (b: number) => `summary-index/${String(b).padStart(2, '0')}`;

/** The bucket a case's summary lives in (FNV-1a of its id). */
export function bucketOf(caseId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < caseId.length; i++) {
    h ^= caseId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SUMMARY_INDEX_BUCKETS;
}

export type Entry = { seq: number; digest: string; summary: CaseSummary };

/** A bucket as this session knows it: `iv` names the stored row it matches (null: no row yet). */
export type Bucket = { iv: string | null; entries: Map<string, Entry> };

/** What the stored head says: complete up to `dseq`, and each bucket row's IV. */
export type Head = { dseq: number; ivs: (string | null)[] };

export type IndexState = {
  buckets: Map<number, Bucket>;
  /** The stored head this session's copy matches (its row IV and content), or null if it has none it trusts. */
  head: (Head & { iv: string }) | null;
  /** True once the index has been checked against the cases in this session and kept in step since. */
  checked: boolean;
  unreadable: { caseId: string; message: string }[];
  sorted: CaseSummary[] | null;
};

export function stateOf(session: Session): IndexState {
  const s = secretsOf(session);
  if (!s.summaryIndex)
    s.summaryIndex = {
      buckets: new Map(),
      head: null,
      checked: false,
      unreadable: [],
      sorted: null,
    } satisfies IndexState;
  return s.summaryIndex as IndexState;
}

/** A case's own summary (per-case key, AAD bound to its head): the record the index is rebuilt from. */
export async function decryptSummary(key: CryptoKey, row: CaseRow): Promise<CaseSummary> {
  let value: unknown;
  try {
    value = await decryptJson(key, recordId.summary(row.id, row.head.digest), row.summary);
  } catch {
    throw caseStateError(
      row.id,
      row.head.seq,
      'The summary of this case does not match its latest event (it was altered or put back).',
    );
  }
  return parseRow(CaseSummarySchema, value, 'case summary') as unknown as CaseSummary;
}

/** Opens a stored bucket row; throws when it is altered, put under another bucket or damaged. */
export async function openBucket(session: Session, b: number, raw: unknown): Promise<Map<string, Entry>> {
  const row = parseRow(SummaryIndexBucketRowSchema, raw, 'summary index');
  if (row.bucket !== b || row.key !== bucketKey(b)) throw new Error('it is stored under another name');
  const value = parseRow(
    SummaryIndexBucketSchema,
    await decryptJson(secretsOf(session).keys.dataKey, recordId.summaryIndex(b), row.enc),
    'summary index',
  );
  if (value.bucket !== b) throw new Error('it belongs to another bucket');
  const entries = new Map<string, Entry>();
  for (const e of value.entries) {
    const summary = e.summary as unknown as CaseSummary;
    if (bucketOf(summary.caseId) === b) entries.set(summary.caseId, { seq: e.seq, digest: e.digest, summary });
  }
  return entries;
}

export async function sealBucket(
  session: Session,
  b: number,
  entries: Map<string, Entry>,
): Promise<{ key: string; bucket: number; enc: EncryptedRecord }> {
  const value = { v: 1, bucket: b, entries: [...entries.values()] };
  return {
    key: bucketKey(b),
    bucket: b,
    enc: await encryptJson(secretsOf(session).keys.dataKey, recordId.summaryIndex(b), value),
  };
}

export const ivOf = (raw: unknown): string | null => {
  const enc = (raw as { enc?: { iv?: unknown } } | undefined)?.enc;
  return typeof enc?.iv === 'string' ? enc.iv : null;
};

/** Opens the stored head row; null if there is none or it does not open (then every case is checked). */
export async function openHead(session: Session, raw: unknown): Promise<(Head & { iv: string }) | null> {
  if (!raw) return null;
  try {
    const row = parseRow(SummaryIndexHeadRowSchema, raw, 'summary index head');
    const head = parseRow(
      SummaryIndexHeadSchema,
      await decryptJson(secretsOf(session).keys.dataKey, recordId.summaryIndexHead, row.enc),
      'summary index head',
    );
    if (head.dseq !== row.dseq || head.ivs.length !== SUMMARY_INDEX_BUCKETS || row.buckets !== SUMMARY_INDEX_BUCKETS)
      return null;
    return { dseq: head.dseq, ivs: head.ivs, iv: row.enc.iv };
  } catch {
    return null;
  }
}

export async function sealHead(session: Session, head: Head) {
  const enc = await encryptJson(secretsOf(session).keys.dataKey, recordId.summaryIndexHead, {
    v: 1,
    dseq: head.dseq,
    ivs: head.ivs,
  });
  return { key: STAMP_KEY as 'summary-index', buckets: SUMMARY_INDEX_BUCKETS, dseq: head.dseq, enc };
}
