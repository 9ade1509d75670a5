// The home list's order and pages: most urgent first, computed once per list of summaries.
import { actsNow, type CaseSummary } from '../../domain/summary';
import { isOverdue, earlierCasesIndex } from './CaseRow';

/** Cases shown at a time: the list and search results grow by this much with "Show more cases". */
export const PAGE = 25;

/** Owed now (R6 act-now, R6.9 escalated) or overdue first, then anything due, then open, then closed. */
function rankOf(s: CaseSummary, today: string): number {
  return s.due.some((d) => actsNow(d.kind) || isOverdue(d, today)) ? 0 : s.due.length > 0 ? 1 : s.closed ? 3 : 2;
}

type Derived = {
  today: string;
  ordered: CaseSummary[];
  earlier: Map<string, number>;
  urgent: number;
  overdue: number;
  open: number;
};

// A list from the session's summary index is the same array until a case changes: its order and
// counts are worked out once, not on every visit of the home screen.
const derivedCache = new WeakMap<CaseSummary[], Derived>();

/** In one pass: the list in the order shown (rank, then newest activity), the counts, and earlier cases by young person. */
export function deriveList(summaries: CaseSummary[], today: string): Derived {
  const hit = derivedCache.get(summaries);
  if (hit && hit.today === today) return hit;
  const byRank: CaseSummary[][] = [[], [], [], []];
  let newestFirst = true;
  let urgent = 0;
  let overdue = 0;
  let open = 0;
  for (let i = 0; i < summaries.length; i++) {
    const s = summaries[i]!;
    if (i > 0 && (summaries[i - 1]!.updatedAt ?? '') < (s.updatedAt ?? '')) newestFirst = false;
    byRank[rankOf(s, today)]!.push(s);
    if (s.due.some((d) => actsNow(d.kind))) urgent++;
    if (s.due.some((d) => isOverdue(d, today))) overdue++;
    if (!s.closed) open++;
  }
  // Summaries from storage come newest first; anything else is sorted here (stable: ties keep their order).
  if (!newestFirst)
    for (const list of byRank)
      list.sort((a, b) =>
        (a.updatedAt ?? '') === (b.updatedAt ?? '') ? 0 : (a.updatedAt ?? '') < (b.updatedAt ?? '') ? 1 : -1,
      );
  const derived = { today, ordered: byRank.flat(), earlier: earlierCasesIndex(summaries), urgent, overdue, open };
  derivedCache.set(summaries, derived);
  return derived;
}
