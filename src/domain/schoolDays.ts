// School days from the term dates the DSL enters in Settings: "within 5 school days" (KCSIE, via
// UKCIS 2020/2024: a child protection file goes to the next school within 5 school days) counts
// only days in a term, Monday to Friday, that are not INSET or closure days. Pure: dates are ISO
// calendar dates (YYYY-MM-DD), worked on in UTC so no time zone or clock change can shift a day.
//
// Where no term dates are entered, or a date falls outside every term entered so far (beyond the
// last term, before the first), weekdays count instead, and `basis` says so, so a reminder can tell
// the DSL why its date may be early.

export interface Term {
  /** First day of the term (ISO date). */
  start: string;
  /** Last day of the term (ISO date), after `start`. */
  end: string;
}

export interface SchoolCalendar {
  terms: readonly Term[];
  /** INSET and other closure days inside terms (ISO dates): not school days. */
  closures?: readonly string[] | undefined;
}

/** How school days were counted: from term dates, or as weekdays (none entered, or past them). */
export type CountBasis = 'term-dates' | 'weekdays-no-terms' | 'weekdays-outside-terms';

const DAY_MS = 86_400_000;
/** A bound on day-by-day walks: nothing here looks further than ten years. */
const MAX_DAYS = 3660;

/** True for a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

function toDay(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The ISO date `n` calendar days after `iso` (before it when negative). */
export function addCalendarDays(iso: string, n: number): string {
  return fromDay(toDay(iso) + n);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

function isWeekday(day: number): boolean {
  // Day 0 (1970-01-01) was a Thursday: 0 Thu, 1 Fri, 2 Sat, 3 Sun, 4 Mon ...
  const dow = (((day + 4) % 7) + 7) % 7; // 0 Sunday ... 6 Saturday
  return dow !== 0 && dow !== 6;
}

/** A calendar prepared for quick questions: term day ranges sorted, closures as a set. */
interface Prepared {
  terms: [number, number][];
  closures: Set<number>;
  first: number;
  last: number;
}

function prepare(cal: SchoolCalendar): Prepared {
  const terms = cal.terms
    .filter((t) => isIsoDate(t.start) && isIsoDate(t.end) && t.end >= t.start)
    .map((t) => [toDay(t.start), toDay(t.end)] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const closures = new Set((cal.closures ?? []).filter(isIsoDate).map(toDay));
  return { terms, closures, first: terms[0]?.[0] ?? 0, last: terms.at(-1)?.[1] ?? 0 };
}

function basisOfDay(p: Prepared, day: number): CountBasis {
  if (p.terms.length === 0) return 'weekdays-no-terms';
  return day < p.first || day > p.last ? 'weekdays-outside-terms' : 'term-dates';
}

function schoolDay(p: Prepared, day: number): boolean {
  if (!isWeekday(day) || p.closures.has(day)) return false;
  if (basisOfDay(p, day) !== 'term-dates') return true;
  return p.terms.some(([s, e]) => day >= s && day <= e);
}

/** Is this date a school day? Outside the term dates entered, any weekday that is not a closure. */
export function isSchoolDay(date: string, cal: SchoolCalendar): boolean {
  return schoolDay(prepare(cal), toDay(date));
}

function worstBasis(a: CountBasis, b: CountBasis): CountBasis {
  const rank: Record<CountBasis, number> = { 'term-dates': 0, 'weekdays-outside-terms': 1, 'weekdays-no-terms': 2 };
  return rank[b] > rank[a] ? b : a;
}

/**
 * The date `n` school days after `from` (`from` itself not counted: "within 5 school days" of a
 * Friday in term is the next Friday). `n` = 0 gives `from`. With how the days were counted.
 */
export function addSchoolDays(from: string, n: number, cal: SchoolCalendar): { date: string; basis: CountBasis } {
  const p = prepare(cal);
  let day = toDay(from);
  let basis: CountBasis = p.terms.length === 0 ? 'weekdays-no-terms' : 'term-dates';
  let left = Math.max(0, Math.floor(n));
  for (let i = 0; left > 0 && i < MAX_DAYS; i++) {
    day += 1;
    basis = worstBasis(basis, basisOfDay(p, day));
    if (schoolDay(p, day)) left -= 1;
  }
  return { date: fromDay(day), basis };
}

/**
 * School days after `from` up to and including `to` (so a Monday to the next Monday in term is
 * 5); negative when `to` is earlier, 0 when they are the same day.
 */
export function schoolDaysBetween(from: string, to: string, cal: SchoolCalendar): number {
  const p = prepare(cal);
  const a = toDay(from);
  const b = toDay(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi && day - lo <= MAX_DAYS; day++) if (schoolDay(p, day)) count++;
  return count === 0 ? 0 : sign * count;
}

/** A sentence for a reason: how school days were counted, when not purely from term dates. */
export function basisNote(basis: CountBasis): string | null {
  if (basis === 'weekdays-no-terms')
    return 'No term dates are entered in Settings, so weekdays were counted as school days.';
  if (basis === 'weekdays-outside-terms')
    return 'The term dates in Settings do not cover these days, so weekdays were counted as school days.';
  return null;
}

export type TermProblem =
  | { index: number; field: 'start' | 'end'; message: string }
  | { index: number; field: 'closure'; message: string };

/**
 * What is wrong with term dates as entered, one message per field: each date real and ISO, each
 * end after its start, no two terms overlapping, closure days real dates. Empty when all is well.
 */
export function termDateProblems(terms: readonly Term[], closures: readonly string[] = []): TermProblem[] {
  const out: TermProblem[] = [];
  terms.forEach((t, index) => {
    const startOk = isIsoDate(t.start);
    const endOk = isIsoDate(t.end);
    if (!startOk)
      out.push({ index, field: 'start', message: `Enter the first day of term ${index + 1} as a real date` });
    if (!endOk) out.push({ index, field: 'end', message: `Enter the last day of term ${index + 1} as a real date` });
    if (startOk && endOk && t.end <= t.start)
      out.push({ index, field: 'end', message: `The last day of term ${index + 1} must be after its first day` });
  });
  terms.forEach((t, index) => {
    if (!isIsoDate(t.start) || !isIsoDate(t.end) || t.end <= t.start) return;
    const clash = terms.findIndex(
      (o, j) =>
        j !== index &&
        isIsoDate(o.start) &&
        isIsoDate(o.end) &&
        o.end > o.start &&
        t.start <= o.end &&
        o.start <= t.end,
    );
    if (clash !== -1 && clash < index)
      out.push({
        index,
        field: 'start',
        message: `Term ${index + 1} overlaps term ${clash + 1}: terms cannot share days`,
      });
  });
  closures.forEach((d, index) => {
    if (!isIsoDate(d)) out.push({ index, field: 'closure', message: `Enter closure day ${index + 1} as a real date` });
  });
  return out;
}
