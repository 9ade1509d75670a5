// The period a report covers: a school year, a term or custom dates, and which cases fall in it.
import { dayInWords } from '../days';
import { type ReportRow, dayFromIso, isoFromDay } from './row';

// ---- periods ----------------------------------------------------------------------------------------

export type PeriodKind = 'term' | 'school-year' | 'custom';

/** A term from the establishment's settings (optional: without them, no term can be chosen). */
export interface TermDates {
  name: string;
  /** First and last day, 'YYYY-MM-DD', inclusive. */
  from: string;
  to: string;
}

export interface ReportPeriod {
  kind: PeriodKind;
  /** "School year 2025 to 2026", "Autumn term 2025", "1 March 2026 to 31 March 2026". */
  label: string;
  /** First and last day, 'YYYY-MM-DD', inclusive. */
  from: string;
  to: string;
}

/** The school year starting 1 September `startYear` and ending 31 August the year after. */
export function schoolYearPeriod(startYear: number): ReportPeriod {
  return {
    kind: 'school-year',
    label: `School year ${startYear} to ${startYear + 1}`,
    from: `${startYear}-09-01`,
    to: `${startYear + 1}-08-31`,
  };
}

/** The school year a day falls in (its starting year). */
export function schoolYearOf(today: string): number {
  const day = dayFromIso(today) ?? 0;
  const y = Math.floor(day / 10000);
  return Math.floor(day / 100) % 100 >= 9 ? y : y - 1;
}

export type PeriodResult = { ok: true; period: ReportPeriod } | { ok: false; field: 'from' | 'to'; message: string };

/** A custom range, checked: real dates, in order, at most five years. Messages are for the field. */
export function customPeriod(from: string, to: string): PeriodResult {
  const a = dayFromIso(from.trim());
  const b = dayFromIso(to.trim());
  if (a === null)
    return { ok: false, field: 'from', message: 'Enter the first day as a real date, for example 1 9 2025' };
  if (b === null)
    return { ok: false, field: 'to', message: 'Enter the last day as a real date, for example 31 8 2026' };
  if (b < a) return { ok: false, field: 'to', message: 'The last day must be the same as or after the first day' };
  if (b - a > 50000) return { ok: false, field: 'to', message: 'Choose a range of five years or less' };
  const [f, t] = [isoFromDay(a), isoFromDay(b)];
  return { ok: true, period: { kind: 'custom', label: `${dayInWords(f)} to ${dayInWords(t)}`, from: f, to: t } };
}

/** A term from settings as a period; null if its dates are not real or out of order. */
export function termPeriod(term: TermDates): ReportPeriod | null {
  const a = dayFromIso(term.from);
  const b = dayFromIso(term.to);
  if (a === null || b === null || b < a) return null;
  return {
    kind: 'term',
    label: `${term.name.trim() || 'Term'} (${dayInWords(term.from)} to ${dayInWords(term.to)})`,
    from: term.from,
    to: term.to,
  };
}

export function inPeriod(row: ReportRow, period: ReportPeriod): boolean {
  const a = dayFromIso(period.from);
  const b = dayFromIso(period.to);
  return a !== null && b !== null && row.day >= a && row.day <= b;
}
