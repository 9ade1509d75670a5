// Dates and times as the printed record shows them: in one named time zone, never the device's
// implicit one, so the same case prints the same on every tablet.

export const DEFAULT_TIME_ZONE = 'Europe/London';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

/** "Mon 2 March 2026, 09:10"; the text as given when it is not a date-time. */
export function formatDateTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return 'Not recorded';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  // A date without a time is a calendar day: never shift it across midnight.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDate(iso);
  return formatter(timeZone, true).format(new Date(t)).replace(' at ', ', ');
}

/** "Thu 5 March 2026" for an ISO date (or the date part of a date-time, as written). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return 'Not recorded';
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(iso);
  if (!m) return iso;
  const t = Date.parse(`${m[1]}T12:00:00Z`);
  return Number.isNaN(t) ? iso : formatter('UTC', false).format(new Date(t));
}

/** Empty or only spaces. */
export function blank(s: string | null | undefined): boolean {
  return !s || s.trim().length === 0;
}

/** The text, or a visible "Not recorded" (an empty answer must not look like a missing line). */
export function orNot(s: string | null | undefined, none = 'Not recorded'): string {
  return blank(s) ? none : s!;
}
