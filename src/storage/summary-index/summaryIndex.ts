// Owns the encrypted summary index: every case's summary, kept in BUCKETS meta rows encrypted under
// the data key (AAD meta/summary-index/<bucket>, docs/SECURITY.md item 3), rewritten in the same
// transaction as each step that changes a case, so the home screen opens without unwrapping a key
// and decrypting a summary per case. An encrypted head row names the device sequence number the
// index is complete up to and the IV of every bucket as written. The index is a cache, never the
// record: each entry carries the chain head it was made at; when a session first reads the index,
// every case with an event after the head's number is checked against its own row, and if the
// head or any bucket does not match (missing, altered, put back) every case is checked. An entry
// that is missing or older than its case is rebuilt from that case's own summary, one whose case
// is gone is dropped, and the repaired buckets are written back. A case is opened only through
// loadCase, which checks its own chain.
import type { CaseSummary } from '../../domain/summary';
import { type EncryptedRecord, decryptJson, encryptJson } from '../crypto';
import { recordId } from '../chain/chain';
import { ConflictRetry, readDeviceHead, serialised } from '../chain/commit';
import { type CaseRow, type YpsiDatabase, db } from '../db';
import { caseKeyFor, caseStateError } from '../caseSteps';
import {
  type ChainHead,
  CaseRowSchema,
  CaseSummarySchema,
  Hex64,
  SummaryIndexBucketRowSchema,
  SummaryIndexBucketSchema,
  SummaryIndexHeadRowSchema,
  SummaryIndexHeadSchema,
  parseRow,
} from '../schemas';
import { type Session, secretsOf } from '../keys/session';
import { acquireWriterLock } from '../writerLock';
import { FIRST_BUILD_REPAIR } from './repairs';

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

type Entry = { seq: number; digest: string; summary: CaseSummary };
/** A bucket as this session knows it: `iv` names the stored row it matches (null: no row yet). */
type Bucket = { iv: string | null; entries: Map<string, Entry> };
/** What the stored head says: complete up to `dseq`, and each bucket row's IV. */
type Head = { dseq: number; ivs: (string | null)[] };
type IndexState = {
  buckets: Map<number, Bucket>;
  /** The stored head this session's copy matches (its row IV and content), or null if it has none it trusts. */
  head: (Head & { iv: string }) | null;
  /** True once the index has been checked against the cases in this session and kept in step since. */
  checked: boolean;
  unreadable: { caseId: string; message: string }[];
  sorted: CaseSummary[] | null;
};

function stateOf(session: Session): IndexState {
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
async function openBucket(session: Session, b: number, raw: unknown): Promise<Map<string, Entry>> {
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

async function sealBucket(
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

const ivOf = (raw: unknown): string | null => {
  const enc = (raw as { enc?: { iv?: unknown } } | undefined)?.enc;
  return typeof enc?.iv === 'string' ? enc.iv : null;
};

/** Opens the stored head row; null if there is none or it does not open (then every case is checked). */
async function openHead(session: Session, raw: unknown): Promise<(Head & { iv: string }) | null> {
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

async function sealHead(session: Session, head: Head) {
  const enc = await encryptJson(secretsOf(session).keys.dataKey, recordId.summaryIndexHead, {
    v: 1,
    dseq: head.dseq,
    ivs: head.ivs,
  });
  return { key: STAMP_KEY as 'summary-index', buckets: SUMMARY_INDEX_BUCKETS, dseq: head.dseq, enc };
}

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
export async function prepareIndexWrite(
  session: Session,
  changes: readonly IndexChange[],
  appends: number,
): Promise<IndexWrite> {
  const st = stateOf(session);
  const d = db();
  const byBucket = new Map<number, IndexChange[]>();
  for (const c of changes) byBucket.set(bucketOf(c.caseId), [...(byBucket.get(bucketOf(c.caseId)) ?? []), c]);
  // The stored head and buckets this write builds on: this session's copy, or read now.
  let base = st.head;
  let baseIv = st.head?.iv ?? null;
  let trusted = st.head !== null;
  const stored = new Map<number, Bucket>();
  const missing = [...byBucket.keys()].filter((b) => !st.buckets.has(b) || !st.head);
  // Built on this session's checked copy: it stays checked after the write.
  const keepChecked = st.checked && st.head !== null && missing.length === 0;
  if (!st.head || missing.length > 0) {
    const read = await d.transaction('r', [d.meta], async () => ({
      head: await d.meta.get(STAMP_KEY),
      rows: await d.meta.bulkGet(missing.map(bucketKey)),
    }));
    base = await openHead(session, read.head);
    baseIv = ivOf(read.head);
    trusted = base !== null;
    await Promise.all(
      missing.map(async (b, i) => {
        const raw = read.rows[i];
        let entries = new Map<string, Entry>();
        try {
          if (raw) entries = await openBucket(session, b, raw);
          if (base && base.ivs[b] !== ivOf(raw)) trusted = false;
        } catch {
          trusted = false;
        }
        stored.set(b, { iv: ivOf(raw), entries });
      }),
    );
  }
  const devicePromise = readDeviceHead(d);
  const planned = await Promise.all(
    [...byBucket].map(async ([b, list]) => {
      const from = stored.get(b) ?? st.buckets.get(b)!;
      const entries = new Map(from.entries);
      for (const c of list) {
        if ('remove' in c) entries.delete(c.caseId);
        else entries.set(c.caseId, { seq: c.head.seq, digest: c.head.digest, summary: c.summary });
      }
      const row = await sealBucket(session, b, entries);
      return { b, row, entries };
    }),
  );
  // Complete up to this commit's last event only if this session checked the index and kept it in
  // step: a stored head this session has not checked may be an older copy put back whole, and
  // moving its number on would hide every event since from the next check. Unchecked, the number
  // stays where it was (the next check also covers this commit's events); untrusted, it is 0 (the
  // next session checks every case). commit() refuses the plan if the device head moves.
  const device = await devicePromise;
  const ivs = base && trusted ? [...base.ivs] : new Array<string | null>(SUMMARY_INDEX_BUCKETS).fill(null);
  for (const p of planned) ivs[p.b] = p.row.enc.iv;
  const head: Head = { dseq: base && trusted ? (keepChecked ? device.dseq + appends : base.dseq) : 0, ivs };
  const headRow = await sealHead(session, head);
  return {
    write: async (tx) => {
      // Every index write rewrites the head: if it moved, someone else wrote the index since.
      if (ivOf(await tx.meta.get(STAMP_KEY)) !== baseIv) {
        st.buckets.clear();
        st.head = null;
        st.checked = false;
        throw new ConflictRetry();
      }
      await tx.meta.bulkPut([...planned.map((p) => p.row), headRow]);
    },
    apply: () => {
      for (const p of planned) st.buckets.set(p.b, { iv: p.row.enc.iv, entries: p.entries });
      st.head = { ...head, iv: headRow.enc.iv };
      st.checked = keepChecked;
      st.sorted = null;
    },
  };
}

/**
 * For code that destroys or removes a case (retention): the index write that drops it, to run in
 * the same commit (`await w.write(d)` in the plan's write, `w.apply()` after); `appends` is the
 * number of chained events that commit writes (plan.appends.length). A case row that is
 * gone is also dropped whenever a session checks the index.
 */
export function removeFromSummaryIndex(
  session: Session,
  caseIds: readonly string[],
  appends: number,
): Promise<IndexWrite> {
  return prepareIndexWrite(
    session,
    caseIds.map((caseId) => ({ caseId, remove: true as const })),
    appends,
  );
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
 * the index and checks it (see the top of this file); later calls answer from memory unless the
 * index was written by someone else meanwhile.
 */
export async function listSummaries(session: Session): Promise<SummaryList> {
  const st = stateOf(session);
  if (st.checked && st.head && ivOf(await db().meta.get(STAMP_KEY)) === st.head.iv) {
    return { summaries: sortedOf(st), unreadable: st.unreadable, indexRepairs: [] };
  }
  // In this tab's write queue: no step of this tab lands between the read and the repair.
  return serialised(() => checkIndex(session));
}

type WorkBucket = Bucket & { dirty: boolean };

/** Checks one case row against its entry: kept, rebuilt from the case's own summary, or listed as unreadable. */
function checkRow(
  raw: unknown,
  buckets: Map<number, WorkBucket>,
  unreadable: SummaryList['unreadable'],
  rebuild: { row: CaseRow; bucket: WorkBucket }[],
): void {
  const id = typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '?';
  const bucket = buckets.get(bucketOf(id))!;
  const entry = bucket.entries.get(id);
  // The head is all that is compared; the whole row is parsed only when the entry must be rebuilt.
  const head = (raw as { head?: { seq?: unknown; digest?: unknown } }).head;
  if (
    entry &&
    head &&
    entry.seq === head.seq &&
    entry.digest === head.digest &&
    Hex64.safeParse(head.digest).success &&
    entry.summary.caseId === id
  )
    return;
  const parsed = CaseRowSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    unreadable.push({
      caseId: id,
      message: `A stored case is damaged (${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}).`,
    });
    if (bucket.entries.delete(id)) bucket.dirty = true;
    return;
  }
  rebuild.push({ row: parsed.data, bucket });
}

async function checkIndex(session: Session): Promise<SummaryList> {
  const st = stateOf(session);
  const d = db();
  // The head says up to which device sequence number the index is complete (in the clear, to find
  // later events; the encrypted copy must agree or the index is not trusted).
  const read = await d.transaction('r', [d.meta, d.heads, d.events, d.cases], async () => {
    const headRaw = await d.meta.get(STAMP_KEY);
    const plainDseq = SummaryIndexHeadRowSchema.safeParse(headRaw).data?.dseq ?? 0;
    return {
      headRaw,
      buckets: await d.meta.where('key').startsWith('summary-index/').toArray(),
      device: await readDeviceHead(d),
      later: (await d.events.where('dseq').above(plainDseq).primaryKeys()) as unknown as [string, number][],
      // Keys only: an entry whose case row is gone (destroyed, deleted) is never listed, even from an
      // older copy of the index put back whole (head and buckets agree, so nothing else says so).
      caseIds: new Set((await d.cases.toCollection().primaryKeys()) as unknown as string[]),
    };
  });
  const repairs: string[] = [];
  const head = await openHead(session, read.headRaw);
  let trusted = head !== null && head.dseq <= read.device.dseq;
  if (read.headRaw && !head)
    repairs.push('The summary index head could not be read (altered or damaged): every case was checked.');
  const buckets = new Map<number, WorkBucket>();
  for (let b = 0; b < SUMMARY_INDEX_BUCKETS; b++) buckets.set(b, { iv: null, entries: new Map(), dirty: false });
  const rowsByBucket = new Map<number, unknown>();
  for (const raw of read.buckets)
    rowsByBucket.set(Number(String((raw as { key?: unknown }).key).slice('summary-index/'.length)), raw);
  await Promise.all(
    [...buckets].map(async ([b, bucket]) => {
      const raw = rowsByBucket.get(b);
      bucket.iv = ivOf(raw);
      if (head && head.ivs[b] !== bucket.iv) {
        trusted = false;
        repairs.push(
          `Summary index part ${b} is not the one last written (put back or altered): every case was checked.`,
        );
      }
      if (!raw) return;
      try {
        bucket.entries = await openBucket(session, b, raw);
      } catch (e) {
        bucket.dirty = true;
        trusted = false;
        repairs.push(
          `Summary index part ${b} could not be read (${e instanceof Error ? e.message : String(e)}): rebuilt from each case's own summary.`,
        );
      }
    }),
  );

  const unreadable: SummaryList['unreadable'] = [];
  const rebuild: { row: CaseRow; bucket: WorkBucket }[] = [];
  let dropped = 0;
  if (trusted) {
    // Only the cases with an event after the index was last complete.
    const ids = [...new Set(read.later.map((k) => k[0]))];
    const rows = await d.cases.bulkGet(ids);
    rows.forEach((raw, i) => {
      if (raw) return checkRow(raw, buckets, unreadable, rebuild);
      const bucket = buckets.get(bucketOf(ids[i]!))!;
      if (bucket.entries.delete(ids[i]!)) {
        bucket.dirty = true;
        dropped++;
      }
    });
    for (const bucket of buckets.values()) {
      for (const id of [...bucket.entries.keys()]) {
        if (!read.caseIds.has(id)) {
          bucket.entries.delete(id);
          bucket.dirty = true;
          dropped++;
        }
      }
    }
    // Cases the index knows to be unreadable stay listed until they are repaired or gone.
    for (const u of st.unreadable)
      if (!unreadable.some((x) => x.caseId === u.caseId) && !ids.includes(u.caseId)) unreadable.push(u);
  } else {
    const rows = await d.cases.toArray();
    const seen = new Set<string>();
    for (const raw of rows) {
      seen.add(String((raw as { id?: unknown }).id));
      checkRow(raw, buckets, unreadable, rebuild);
    }
    for (const bucket of buckets.values()) {
      for (const id of [...bucket.entries.keys()]) {
        if (!seen.has(id)) {
          bucket.entries.delete(id);
          bucket.dirty = true;
          dropped++;
        }
      }
    }
    if (!read.headRaw && rows.length > 0) repairs.push(FIRST_BUILD_REPAIR);
  }
  for (let i = 0; i < rebuild.length; i += BATCH) {
    await Promise.all(
      rebuild.slice(i, i + BATCH).map(async ({ row, bucket }) => {
        try {
          const summary = await decryptSummary(await caseKeyFor(session, row.id, row.caseKey), row);
          bucket.entries.set(row.id, { seq: row.head.seq, digest: row.head.digest, summary });
        } catch (e) {
          if (bucket.entries.delete(row.id)) bucket.dirty = true;
          unreadable.push({ caseId: row.id, message: e instanceof Error ? e.message : String(e) });
          return;
        }
        bucket.dirty = true;
      }),
    );
  }
  if (rebuild.length > 0)
    repairs.push(
      `${rebuild.length} case${rebuild.length === 1 ? '' : 's'} added to the summary index from their own summaries.`,
    );
  if (dropped > 0)
    repairs.push(`${dropped} case${dropped === 1 ? '' : 's'} no longer stored dropped from the summary index.`);

  // Written back when anything changed, or when the head must move on (complete up to now).
  const dirty = [...buckets].filter(([, b]) => b.dirty);
  let newHead: (Head & { iv: string }) | null =
    trusted && head && dirty.length === 0 && head.dseq === read.device.dseq ? head : null;
  if (!newHead && (await acquireWriterLock())) {
    const rows = await Promise.all(dirty.map(([b, bucket]) => sealBucket(session, b, bucket.entries)));
    const ivs = [...buckets.values()].map((b) => b.iv);
    dirty.forEach(([b], i) => (ivs[b] = rows[i]!.enc.iv));
    const next: Head = { dseq: read.device.dseq, ivs };
    const headRow = await sealHead(session, next);
    const written = await d
      .transaction('rw', [d.meta, d.heads], async () => {
        // Nothing written since the read (the device head and the index head unchanged).
        const now = await readDeviceHead(d);
        if (
          now.dseq !== read.device.dseq ||
          now.mac !== read.device.mac ||
          ivOf(await d.meta.get(STAMP_KEY)) !== ivOf(read.headRaw)
        )
          return false;
        await d.meta.bulkPut([...rows, headRow]);
        return true;
      })
      // Not written (storage full, another writer): this session still shows the checked list.
      .catch(() => false);
    if (written) {
      dirty.forEach(([, bucket], i) => (bucket.iv = rows[i]!.enc.iv));
      newHead = { ...next, iv: headRow.enc.iv };
    }
  }
  st.buckets = new Map([...buckets].map(([b, { iv, entries }]) => [b, { iv, entries }]));
  st.unreadable = unreadable;
  st.head = newHead;
  st.checked = newHead !== null;
  st.sorted = null;
  return { summaries: sortedOf(st), unreadable, indexRepairs: repairs };
}
