// How long things took, for a report: the median and the longest, in words.
import { SUPPRESSION_THRESHOLD } from './suppression';

export interface ReportDuration {
  id: 'disclosure-to-review' | 'review-to-referral';
  title: string;
  /** In minutes of calendar time; null when withheld (fewer than 3) or none. */
  medianMinutes: number | null;
  longestMinutes: number | null;
  note: string;
}

export function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function duration(
  id: ReportDuration['id'],
  title: string,
  spans: readonly (number | null)[],
  note: string,
): ReportDuration {
  const minutes = spans
    .filter((s): s is number => s !== null && s >= 0)
    .map((s) => Math.round(s / 60_000))
    .sort((a, b) => a - b);
  const enough = minutes.length >= SUPPRESSION_THRESHOLD;
  return {
    id,
    title,
    medianMinutes: enough ? median(minutes) : null,
    longestMinutes: enough ? minutes.at(-1)! : null,
    note,
  };
}

/** "2 days 3 hours", "5 hours 20 minutes", "45 minutes". */
export function formatMinutes(m: number): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (days > 0) return hours ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0) return mins ? `${plural(hours, 'hour')} ${plural(mins, 'minute')}` : plural(hours, 'hour');
  return plural(mins, 'minute');
}

export function durationText(d: ReportDuration): { median: string; longest: string } {
  if (d.medianMinutes === null || d.longestMinutes === null) {
    const why = 'not shown: fewer than 3 cases to measure';
    return { median: why, longest: why };
  }
  return { median: formatMinutes(d.medianMinutes), longest: formatMinutes(d.longestMinutes) };
}
