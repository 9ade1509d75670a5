// Days in words: the one list of month names, and "3 March 2026" for an ISO date. Every screen,
// reason and report that writes a day as words uses this.

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "3 March 2026" for an ISO date ('2026-03-03', or a timestamp starting so); anything else as it is. */
export function dayInWords(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}
