import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addCalendarDays,
  addSchoolDays,
  isIsoDate,
  isSchoolDay,
  schoolDaysBetween,
  termDateProblems,
  type SchoolCalendar,
} from './schoolDays';

const RUNS = { numRuns: 100, seed: 20261125 } as const;

// Autumn term 2026 with a half term (26-30 October) and an INSET day (Friday 2 October).
const AUTUMN: SchoolCalendar = {
  terms: [
    { start: '2026-09-02', end: '2026-10-23' },
    { start: '2026-11-02', end: '2026-12-18' },
  ],
  closures: ['2026-10-02'],
};
const NONE: SchoolCalendar = { terms: [] };

describe('isIsoDate', () => {
  it('accepts real dates and refuses impossible or mis-written ones', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
    expect(isIsoDate('2026-1-1')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});

describe('school days from term dates', () => {
  it('a weekday in term is a school day; weekends, half term, INSET days and holidays are not', () => {
    expect(isSchoolDay('2026-09-02', AUTUMN)).toBe(true); // Wednesday, first day
    expect(isSchoolDay('2026-09-05', AUTUMN)).toBe(false); // Saturday
    expect(isSchoolDay('2026-10-02', AUTUMN)).toBe(false); // INSET
    expect(isSchoolDay('2026-10-27', AUTUMN)).toBe(false); // half term
    expect(isSchoolDay('2026-12-18', AUTUMN)).toBe(true); // last day
  });

  it('5 school days from the Friday before half term is the second Friday after it', () => {
    // Fri 23 Oct; half term 26-30 Oct; Mon 2 Nov is day 1 ... Fri 6 Nov is day 5.
    expect(addSchoolDays('2026-10-23', 5, AUTUMN)).toEqual({ date: '2026-11-06', basis: 'term-dates' });
  });

  it('skips the INSET day: 5 school days from Monday 28 September is Tuesday 6 October', () => {
    expect(addSchoolDays('2026-09-28', 5, AUTUMN).date).toBe('2026-10-06');
  });

  it('counts the days between, excluding the start and including the end', () => {
    expect(schoolDaysBetween('2026-10-23', '2026-11-06', AUTUMN)).toBe(5);
    expect(schoolDaysBetween('2026-11-06', '2026-10-23', AUTUMN)).toBe(-5);
    expect(schoolDaysBetween('2026-10-26', '2026-10-30', AUTUMN)).toBe(0);
  });

  it('with no term dates, counts weekdays and says so', () => {
    // Friday 20 November 2026 + 5 weekdays = Friday 27 November.
    expect(addSchoolDays('2026-11-20', 5, NONE)).toEqual({ date: '2026-11-27', basis: 'weekdays-no-terms' });
    expect(isSchoolDay('2026-12-25', NONE)).toBe(true); // a Friday: without term dates, the app cannot know
  });

  it('beyond the last term entered, counts weekdays and says so', () => {
    // Thu 17 Dec, Fri 18 Dec in term, then Mon 21 - Wed 23 Dec counted as weekdays.
    expect(addSchoolDays('2026-12-16', 5, AUTUMN)).toEqual({ date: '2026-12-23', basis: 'weekdays-outside-terms' });
  });

  it('INSET days entered without term dates are still not school days', () => {
    expect(addSchoolDays('2026-11-20', 5, { terms: [], closures: ['2026-11-23'] }).date).toBe('2026-11-30');
  });
});

const day = fc.integer({ min: 0, max: 2000 }).map((n) => addCalendarDays('2025-01-01', n));
const calendar = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 80 })), { maxLength: 6 })
  .map((gaps) => {
    let at = '2025-01-01';
    const terms = gaps.map(([gap, len]) => {
      const start = addCalendarDays(at, gap + 1);
      const end = addCalendarDays(start, len);
      at = end;
      return { start, end };
    });
    return { terms } satisfies SchoolCalendar;
  });

describe('properties of school days, for any term dates', () => {
  it('adding n school days lands on a school day exactly n school days later (or the start for n = 0)', () => {
    fc.assert(
      fc.property(calendar, day, fc.integer({ min: 0, max: 15 }), (cal, from, n) => {
        const { date } = addSchoolDays(from, n, cal);
        expect(schoolDaysBetween(from, date, cal)).toBe(n);
        expect(n > 0 ? isSchoolDay(date, cal) : date === from).toBe(true);
      }),
      RUNS,
    );
  });

  it('never falls on a weekend, and is never earlier than the same number of weekdays', () => {
    fc.assert(
      fc.property(calendar, day, fc.integer({ min: 1, max: 15 }), (cal, from, n) => {
        const withTerms = addSchoolDays(from, n, cal).date;
        const weekdays = addSchoolDays(from, n, { terms: [] }).date;
        expect(withTerms >= weekdays).toBe(true);
        const dow = new Date(`${withTerms}T00:00:00Z`).getUTCDay();
        expect(dow === 0 || dow === 6).toBe(false);
      }),
      RUNS,
    );
  });

  it('school days between are additive and antisymmetric', () => {
    fc.assert(
      fc.property(calendar, day, day, day, (cal, a, b, c) => {
        expect(schoolDaysBetween(a, b, cal) + schoolDaysBetween(b, a, cal)).toBe(0);
        expect(schoolDaysBetween(a, b, cal) + schoolDaysBetween(b, c, cal)).toBe(schoolDaysBetween(a, c, cal));
      }),
      RUNS,
    );
  });

  it('generated non-overlapping terms are accepted as entered', () => {
    fc.assert(
      fc.property(calendar, (cal) => {
        expect(termDateProblems(cal.terms)).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('term date problems, one per field', () => {
  it('names an impossible date, an end not after its start, and an overlap', () => {
    expect(
      termDateProblems(
        [
          { start: '2026-09-02', end: '2026-10-23' },
          { start: '2026-10-20', end: '2026-12-18' },
          { start: '2027-01-05', end: '2027-01-05' },
          { start: '2027-02-30', end: '' },
        ],
        ['2026-10-02', 'next Friday'],
      ),
    ).toEqual([
      { index: 2, field: 'end', message: 'The last day of term 3 must be after its first day' },
      { index: 3, field: 'start', message: 'Enter the first day of term 4 as a real date' },
      { index: 3, field: 'end', message: 'Enter the last day of term 4 as a real date' },
      { index: 1, field: 'start', message: 'Term 2 overlaps term 1: terms cannot share days' },
      { index: 1, field: 'closure', message: 'Enter closure day 2 as a real date' },
    ]);
  });
});
