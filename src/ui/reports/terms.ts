// The school's terms from Settings, as the report's period choices (autumn, spring, summer).
import { type TermDates } from '../../domain/report/period';

const SEASONS = [
  'Spring',
  'Spring',
  'Spring',
  'Summer',
  'Summer',
  'Summer',
  'Summer',
  'Summer',
  'Autumn',
  'Autumn',
  'Autumn',
  'Autumn',
] as const;

/**
 * The term dates the DSL entered in Settings (School term dates), each named by its season and
 * year: "Autumn term 2025". The period's label adds the dates once (termPeriod), which tells two
 * half terms apart: "Autumn term 2025 (3 September 2025 to 24 October 2025)".
 */
export function termDatesFrom(settings: {
  schoolCalendar?: { terms: readonly { start: string; end: string }[] } | undefined;
}): TermDates[] {
  const terms = settings.schoolCalendar?.terms ?? [];
  return [...terms]
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((t) => {
      const month = Number(t.start.slice(5, 7)) - 1;
      const season = SEASONS[month] ?? 'Term';
      return { name: `${season} term ${t.start.slice(0, 4)}`, from: t.start, to: t.end };
    });
}
