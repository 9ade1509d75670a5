// Owns the encrypted summary index: every case's summary, kept in BUCKETS meta rows encrypted under
// the data key (AAD meta/summary-index/<bucket>, SECURITY.md item 3), rewritten in the same
// transaction as each step that changes a case, so the home screen opens without unwrapping a key
// and decrypting a summary per case. The index is a cache, never the record: each entry carries
// the chain head it was made at, and when a session first reads the index it is checked against
// every case row's head; an entry that is missing, older than its case, in an unreadable bucket or
// for a case that is gone is rebuilt from (or dropped for) that case's own summary, and the
// buckets are written back. A case is opened only through loadCase, which checks its own chain.
import type { CaseSummary } from '../domain/summary';
import { type EncryptedRecord, decryptJson, encryptJson } from './crypto';
import { newId, recordId } from './chain';
import { ConflictRetry, serialised } from './commit';
import { type CaseRow, type YpsiDatabase, db } from './db';
import { caseKeyFor, caseStateError } from './caseSteps';
import { type ChainHead, CaseRowSchema, CaseSummarySchema, SummaryIndexBucketRowSchema, SummaryIndexBucketSchema, SummaryIndexStampRowSchema, parseRow } from './schemas';
import { type Session, secretsOf } from './session';
import { acquireWriterLock } from './writerLock';

/**
 * Buckets the cases are spread over (by a hash of the case id). A step re-encrypts one bucket:
 * at 10,000 cases that is ~160 summaries (~60 kB), well under the cost of the step itself; the
 * first read in a session decrypts all of them at once.
 */
export const SUMMARY_INDEX_BUCKETS = 64;
const STAMP_KEY = 'summary-index';
const bucketKey = (b: number) => `summary-index/${String(b).padStart(2, '0')}`;

/** The bucket a case's summary lives in (FNV-1a of its id). */
export function bucketOf(caseId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < caseId.length; i++) {
    h ^= caseId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SUMMARY_INDEX_BUCKETS;
}

type Entry = { seq: number; digest: string; summary: CaseSummary };
/** A bucket as this session knows it: `iv` names the stored row it matches (null: no row yet). */
type Bucket = { iv: string | null; entries: Map<string, Entry> };
type IndexState = {
  buckets: Map<number, Bucket>;
  /** The stamp's generation when the whole index was last checked or written by this session. */
  gen: string | null;
  /** True once every case row has been checked against the index in this session. */
  checked: boolean;
  unreadable: { caseId: string; message: string }[];
  sorted: CaseSummary[] | null;
};

function stateOf(session: Session): IndexState {
  const s = secretsOf(session);
  if (!s.summaryIndex) s.summaryIndex = { buckets: new Map(), gen: null, checked: false, unreadable: [], sorted: null } satisfies IndexState;
  return s.summaryIndex as IndexState;
}

/** A case's own summary (per-case key, AAD bound to its head): the record the index is rebuilt from. */
export async function decryptSummary(key: CryptoKey, row: CaseRow): Promise<CaseSummary> {
  let value: unknown;
  try {
    value = await decryptJson(key, recordId.summary(row.id, row.head.digest), row.summary);
  } catch {
    throw caseStateError(row.id, row.head.seq, 'The summary of this case does not match its latest event (it was altered or put back).');
  }
  return parseRow(CaseSummarySchema, value, 'case summary') as unknown as CaseSummary;
}

/** Opens a stored bucket row; throws when it is altered, put under another bucket or damaged. */
async function openBucket(session: Session, b: number, raw: unknown): Promise<Map<string, Entry>> {
  const row = parseRow(SummaryIndexBucketRowSchema, raw, 'summary index');
  if (row.bucket !== b || row.key !== bucketKey(b)) throw new Error('it is stored under another name');
  const value = parseRow(SummaryIndexBucketSchema, await decryptJson(secretsOf(session).keys.dataKey, recordId.summaryIndex(b), row.enc), 'summary index');
  if (value.bucket !== b) throw new Error('it belongs to another bucket');
  const entries = new Map<string, Entry>();
  for (const e of value.entries) {
    const summary = e.summary as unknown as CaseSummary;
    if (bucketOf(summary.caseId) === b) entries.set(summary.caseId, { seq: e.seq, digest: e.digest, summary });
  }
  return entries;
}

async function sealBucket(session: Session, b: number, entries: Map<string, Entry>): Promise<{ key: string; bucket: number; enc: EncryptedRecord }> {
  const value = { v: 1, bucket: b, entries: [...entries.values()] };
  return { key: bucketKey(b), bucket: b, enc: await encryptJson(secretsOf(session).keys.dataKey, recordId.summaryIndex(b), value) };
}

const ivOf = (raw: unknown): string | null => {
  const enc = (raw as { enc?: { iv?: unknown } } | undefined)?.enc;
  return typeof enc?.iv === 'string' ? enc.iv : null;
};
const stampGen = (raw: unknown): string | null => {
  const r = SummaryIndexStampRowSchema.safeParse(raw);
  return r.success ? r.data.gen : null;
};

// ---- keeping the index in step with a commit ------------------------------------------------------

/** A case's new summary at its new head, or null to drop the case from the index. */
export type IndexChange = { caseId: string; head: ChainHead; summary: CaseSummary } | { caseId: string; remove: true };

export type IndexWrite = {
  /** Inside the commit's transaction: refuses (ConflictRetry) if a bucket moved since it was read, then writes. */
  write: (d: YpsiDatabase) => Promise<void>;
  /** After the commit: this session's copy in memory takes the written buckets. */
  apply: () => void;
};

/**
 * The index rows a commit writes with its case rows. Built before the transaction (all crypto
 * here, see commit.ts), from this session's copy of each bucket or, if it has none, the stored
 * row; a stored bucket that does not open is started afresh (its other cases are rebuilt from
 * their own summaries the next time a session checks the index).
 */
export async function prepareIndexWrite(session: Session, changes: readonly IndexChange[]): Promise<IndexWrite> {
  const st = stateOf(session);
  const d = db();
  const byBucket = new Map<number, IndexChange[]>();
  for (const c of changes) byBucket.set(bucketOf(c.caseId), [...(byBucket.get(bucketOf(c.caseId)) ?? []), c]);
  // The generation the buckets are based on: this session's, or the stored one when a bucket is read afresh.
  let basedOn = st.gen;
  const missing = [...byBucket.keys()].filter((b) => !st.buckets.has(b));
  const stored = new Map<number, Bucket>();
  if (missing.length > 0) {
    const read = await d.transaction('r', [d.meta], async () => ({
      gen: stampGen(await d.meta.get(STAMP_KEY)),
      rows: await d.meta.bulkGet(missing.map(bucketKey)),
    }));
    basedOn = read.gen;
    await Promise.all(
      missing.map(async (b, i) => {
        const raw = read.rows[i];
        const entries = raw ? await openBucket(session, b, raw).catch(() => new Map<string, Entry>()) : new Map<string, Entry>();
        stored.set(b, { iv: ivOf(raw), entries });
      }),
    );
  }
  const planned = await Promise.all(
    [...byBucket].map(async ([b, list]) => {
      const base = st.buckets.get(b) ?? stored.get(b)!;
      const entries = new Map(base.entries);
      for (const c of list) {
        if ('remove' in c) entries.delete(c.caseId);
        else entries.set(c.caseId, { seq: c.head.seq, digest: c.head.digest, summary: c.summary });
      }
      const row = await sealBucket(session, b, entries);
      return { b, row, entries };
    }),
  );
  const gen = newId();
  return {
    write: async (tx) => {
      // Every index write changes the stamp: if it moved, someone else wrote a bucket since.
      if (stampGen(await tx.meta.get(STAMP_KEY)) !== basedOn) {
        for (const p of planned) st.buckets.delete(p.b);
        st.checked = false;
        throw new ConflictRetry();
      }
      await tx.meta.bulkPut([...planned.map((p) => p.row), { key: STAMP_KEY, gen, buckets: SUMMARY_INDEX_BUCKETS }]);
    },
    apply: () => {
      for (const p of planned) st.buckets.set(p.b, { iv: p.row.enc.iv, entries: p.entries });
      // Based on a generation this session had not checked: check every case again next time.
      if (basedOn !== st.gen) st.checked = false;
      st.gen = gen;
      st.sorted = null;
    },
  };
}

/**
 * For code that destroys or removes a case (retention): the index write that drops it, to run in
 * the same commit (`await w.write(d)` in the plan's write, `w.apply()` after). A case row that is
 * gone is also dropped whenever a session checks the index.
 */
export function removeFromSummaryIndex(session: Session, caseIds: readonly string[]): Promise<IndexWrite> {
  return prepareIndexWrite(session, caseIds.map((caseId) => ({ caseId, remove: true as const })));
}

// ---- reading ----------------------------------------------------------------------------------------

export type SummaryList = {
  /** Newest activity first. */
  summaries: CaseSummary[];
  /** Cases whose summary would not open: shown as "cannot be read", never silently left out. */
  unreadable: { caseId: string; message: string }[];
  /**
   * What the check of the index found and repaired this time (empty when it was whole or
   * already checked this session): an altered or damaged bucket, entries rebuilt from cases.
   */
  indexRepairs: string[];
};

// Per-case fallback in bounded batches: every case costs an unwrap and a decrypt.
const BATCH = 256;

/** Newest activity first; the case id settles a tie, so the order is the same every time. */
export const newestFirst = (a: CaseSummary, b: CaseSummary): number => {
  const x = a.updatedAt ?? '';
  const y = b.updatedAt ?? '';
  if (x !== y) return x < y ? 1 : -1;
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
};

function sortedOf(st: IndexState): CaseSummary[] {
  if (!st.sorted) {
    const all: CaseSummary[] = [];
    for (const b of st.buckets.values()) for (const e of b.entries.values()) all.push(e.summary);
    all.sort(newestFirst);
    st.sorted = all;
  }
  return st.sorted;
}

/**
 * Every case's summary for the home screen and in-memory search. The first call in a session reads
 * the index and checks it against every case's head (rebuilding what is missing or stale from the
 * cases' own summaries); later calls answer from memory unless the index was written elsewhere.
 */
export async function listSummaries(session: Session): Promise<SummaryList> {
  const st = stateOf(session);
  if (st.checked && stampGen(await db().meta.get(STAMP_KEY)) === st.gen) {
    return { summaries: sortedOf(st), unreadable: st.unreadable, indexRepairs: [] };
  }
  // In this tab's write queue: no step of this tab lands between the read and the repair.
  return serialised(() => checkIndex(session));
}

async function checkIndex(session: Session): Promise<SummaryList> {
  const st = stateOf(session);
  const d = db();
  const read = await d.transaction('r', [d.cases, d.meta], async () => ({
    rows: await d.cases.toArray(),
    buckets: await d.meta.where('key').startsWith('summary-index/').toArray(),
    gen: stampGen(await d.meta.get(STAMP_KEY)),
  }));
  const repairs: string[] = [];
  const buckets = new Map<number, Bucket & { dirty: boolean }>();
  for (let b = 0; b < SUMMARY_INDEX_BUCKETS; b++) buckets.set(b, { iv: null, entries: new Map(), dirty: false });
  await Promise.all(
    read.buckets.map(async (raw) => {
      const b = Number(String((raw as { key?: unknown }).key).slice('summary-index/'.length));
      const bucket = buckets.get(b);
      if (!bucket) return;
      bucket.iv = ivOf(raw);
      try {
        bucket.entries = await openBucket(session, b, raw);
      } catch (e) {
        bucket.dirty = true;
        repairs.push(`Summary index part ${b} could not be read (${e instanceof Error ? e.message : String(e)}): rebuilt from each case's own summary.`);
      }
    }),
  );

  const unreadable: SummaryList['unreadable'] = [];
  const seen = new Set<string>();
  const rebuild: { row: CaseRow; bucket: Bucket & { dirty: boolean } }[] = [];
  for (const raw of read.rows) {
    const id = typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '?';
    const parsed = CaseRowSchema.safeParse(raw);
    const bucket = buckets.get(bucketOf(id))!;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      unreadable.push({ caseId: id, message: `A stored case is damaged (${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}).` });
      if (bucket.entries.delete(id)) bucket.dirty = true;
      continue;
    }
    seen.add(id);
    const entry = bucket.entries.get(id);
    // Trusted only at the head the case itself has now.
    if (entry && entry.seq === parsed.data.head.seq && entry.digest === parsed.data.head.digest && entry.summary.caseId === id) continue;
    rebuild.push({ row: parsed.data, bucket });
  }
  let dropped = 0;
  for (const bucket of buckets.values()) {
    for (const id of [...bucket.entries.keys()]) {
      if (!seen.has(id)) {
        bucket.entries.delete(id);
        bucket.dirty = true;
        dropped++;
      }
    }
  }
  for (let i = 0; i < rebuild.length; i += BATCH) {
    await Promise.all(
      rebuild.slice(i, i + BATCH).map(async ({ row, bucket }) => {
        try {
          const summary = await decryptSummary(await caseKeyFor(session, row.id, row.caseKey), row);
          bucket.entries.set(row.id, { seq: row.head.seq, digest: row.head.digest, summary });
        } catch (e) {
          bucket.entries.delete(row.id);
          unreadable.push({ caseId: row.id, message: e instanceof Error ? e.message : String(e) });
        }
        bucket.dirty = true;
      }),
    );
  }
  if (rebuild.length > 0) repairs.push(`${rebuild.length} case${rebuild.length === 1 ? '' : 's'} added to the summary index from their own summaries.`);
  if (dropped > 0) repairs.push(`${dropped} case${dropped === 1 ? '' : 's'} no longer stored dropped from the summary index.`);

  const dirty = [...buckets].filter(([, b]) => b.dirty);
  let gen = read.gen;
  if (dirty.length > 0 && (await acquireWriterLock())) {
    const rows = await Promise.all(dirty.map(([b, bucket]) => sealBucket(session, b, bucket.entries)));
    const newGen = newId();
    const written = await d
      .transaction('rw', [d.meta], async () => {
        const current = await d.meta.bulkGet(dirty.map(([b]) => bucketKey(b)));
        if (current.some((raw, i) => ivOf(raw) !== dirty[i]![1].iv)) return false;
        await d.meta.bulkPut([...rows, { key: STAMP_KEY, gen: newGen, buckets: SUMMARY_INDEX_BUCKETS }]);
        return true;
      })
      // Not written (storage full, another writer): this session still shows the checked list.
      .catch(() => false);
    if (written) {
      gen = newGen;
      rows.forEach((r, i) => (dirty[i]![1].iv = r.enc.iv));
    } else gen = null;
  }
  st.buckets = new Map([...buckets].map(([b, { iv, entries }]) => [b, { iv, entries }]));
  st.unreadable = unreadable;
  st.gen = gen;
  st.checked = gen !== null || read.rows.length === 0;
  st.sorted = null;
  return { summaries: sortedOf(st), unreadable, indexRepairs: repairs };
}
