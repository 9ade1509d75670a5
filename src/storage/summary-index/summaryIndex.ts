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
import { ConflictRetry, readDeviceHead, serialised } from '../chain/commit';
import { type YpsiDatabase, db } from '../db';
import { type ChainHead } from '../schemas';
import { type Session } from '../keys/session';
import {
  SUMMARY_INDEX_BUCKETS,
  STAMP_KEY,
  bucketKey,
  bucketOf,
  type Entry,
  type Bucket,
  type Head,
  stateOf,
  openBucket,
  sealBucket,
  ivOf,
  openHead,
  sealHead,
} from './buckets';
import { checkIndex } from './checkIndex';
import { type SummaryList, sortedOf } from './order';
export { BATCH, newestFirst, sortedOf } from './order';
export type { SummaryList } from './order';
export { SUMMARY_INDEX_BUCKETS, STAMP_KEY, bucketKey, bucketOf, decryptSummary } from './buckets';

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
