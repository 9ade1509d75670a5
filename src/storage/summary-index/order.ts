// The case list as the index gives it: newest first, sorted in batches, with what could not be read and what was rebuilt.
import type { CaseSummary } from '../../domain/summary';
import { type IndexState } from './buckets';

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
export const BATCH = 256;

/** Newest activity first; the case id settles a tie, so the order is the same every time. */
export const newestFirst = (a: CaseSummary, b: CaseSummary): number => {
  const x = a.updatedAt ?? '';
  const y = b.updatedAt ?? '';
  if (x !== y) return x < y ? 1 : -1;
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
};

export function sortedOf(st: IndexState): CaseSummary[] {
  if (!st.sorted) {
    const all: CaseSummary[] = [];
    for (const b of st.buckets.values()) for (const e of b.entries.values()) all.push(e.summary);
    all.sort(newestFirst);
    st.sorted = all;
  }
  return st.sorted;
}
