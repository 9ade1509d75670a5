// Searching the case list: each case's words (reference, names, dates, stage), built once per summary.
import { MONTH_NAMES } from '../../domain/days';
import type { CaseSummary } from '../../domain/summary';

/** formatDate's words (3 March 2026, in local time), lower-cased, without Intl: built for every case once per list. */
function dateWords(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return Number.isNaN(d.getTime())
    ? iso.toLowerCase()
    : `${d.getDate()} ${MONTH_NAMES[d.getMonth()]?.toLowerCase()} ${d.getFullYear()}`;
}

// A summary from the session's index is the same object until its case changes: its text is built once.
const textCache = new WeakMap<CaseSummary, string>();

/** Lower-cased words of names, reference and dates, for in-memory search after unlock. */
export function searchText(s: CaseSummary): string {
  let text = textCache.get(s);
  if (text === undefined) {
    text = [s.reference, ...s.names, s.openedAt?.slice(0, 10) ?? '', s.openedAt ? dateWords(s.openedAt) : '']
      .join(' ')
      .toLowerCase();
    textCache.set(s, text);
  }
  return text;
}

/** The query's words, lower-cased: every one must appear in a case's search text. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matches(s: CaseSummary, query: string | string[], text = searchText(s)): boolean {
  const words = typeof query === 'string' ? queryWords(query) : query;
  for (const w of words) if (!text.includes(w)) return false;
  return true;
}
