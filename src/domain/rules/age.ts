// What the recorded facts say about each person's age: a range, so that "unknown" stays unknown.
// Every age rule (R1.1, R6.1, R6.2, R6.3, R17) is tested on ONE day: the day the imagery was made or
// shared where it is known (issue 11 item 6), else the day of the disclosure (or the day the case
// was opened). A date of birth gives the age on that day exactly; an age or a year group as told is
// what was true on the day it was told (the disclosure), so on an earlier incident day it allows a
// wider range (a pupil who is 13 now may have been 12 then).
import type { Person, Tri } from '../types';
import { dayInWords } from '../days';

export interface AgeRange {
  min: number;
  max: number;
}

/** The day a case's ages are worked out on, and which day that is (said in the reasons). */
export interface AgeDates {
  /** ISO date (YYYY-MM-DD) the age rules are tested on. */
  on: string;
  /** 'incident': when the imagery was made or shared; 'disclosure': when it was told; 'opened': when the case was opened. */
  basis: 'incident' | 'disclosure' | 'opened';
  /** ISO date an age or year group was told (the disclosure's, else the case's opening); `on` when absent. */
  toldOn?: string | undefined;
}

/** A plain ISO date (every age worked out and told on that day), the case's dates, or nothing known. */
export type AgeReference = string | AgeDates | undefined;

/** What a person's age was worked out from, for the reasons. */
export type AgeSource = 'date-of-birth' | 'age' | 'year-group' | 'adult' | 'online' | 'none';

const ANY_AGE: AgeRange = { min: 0, max: 120 };

const ISO = /^(\d{4})-(\d{2})-(\d{2})/;

/** Whole years between an ISO birth date and an ISO reference date; null when either is unusable. */
export function ageOn(dateOfBirth: string, onDate: string): number | null {
  const b = ISO.exec(dateOfBirth);
  const d = ISO.exec(onDate);
  if (!b || !d) return null;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [dy, dm, dd] = [Number(d[1]), Number(d[2]), Number(d[3])];
  let years = dy - by;
  if (dm < bm || (dm === bm && dd < bd)) years -= 1;
  return years >= 0 ? years : null;
}

function day(s: string | undefined): string | undefined {
  return s && ISO.test(s) ? s.slice(0, 10) : undefined;
}

/** The day ages are tested on, and the day an age or year group was told, from any reference. */
export function ageDays(ref: AgeReference): { on: string | undefined; toldOn: string | undefined } {
  if (ref === undefined) return { on: undefined, toldOn: undefined };
  if (typeof ref === 'string') return { on: day(ref), toldOn: day(ref) };
  const on = day(ref.on);
  return { on, toldOn: day(ref.toldOn) ?? on };
}

function shift(iso: string, years: number, days = 0): string {
  const [y, m, d] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  const t = new Date(Date.UTC(y + years, m - 1, d + days));
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

/** The ages on `on` of someone born between `earliest` and `latest` (inclusive). */
function agesBetweenBirths(earliest: string, latest: string, on: string): AgeRange | null {
  const min = ageOn(latest, on);
  const max = ageOn(earliest, on);
  if (max === null) return null;
  return { min: min ?? 0, max };
}

/** The birth dates an age told on `toldOn` allows: from the day after the (age+1)th birthday back, to the age-th. */
export function birthWindowOfAge(age: number, toldOn: string): { earliest: string; latest: string } {
  return { earliest: shift(toldOn, -(age + 1), 1), latest: shift(toldOn, -age) };
}

/** The birth dates an England year group in the school year of `toldOn` allows (Year N: 1 September Y-N-5 to 31 August Y-N-4). */
export function birthWindowOfYearGroup(yearGroup: number, toldOn: string): { earliest: string; latest: string } {
  const [y, m] = [Number(toldOn.slice(0, 4)), Number(toldOn.slice(5, 7))];
  const schoolYear = m >= 9 ? y : y - 1;
  return {
    earliest: `${String(schoolYear - yearGroup - 5).padStart(4, '0')}-09-01`,
    latest: `${String(schoolYear - yearGroup - 4).padStart(4, '0')}-08-31`,
  };
}

function usableDob(p: Person, on: string | undefined): number | null {
  return p.dateOfBirth && on ? ageOn(p.dateOfBirth, on) : null;
}

/**
 * The age range the facts allow on the reference day, and what it rests on. Order of trust: the date
 * of birth (exact on the day), then the age as told, then the England year group (Year N is aged
 * N+4 to N+5 during the school year), each moved to the incident day when that is earlier than the
 * day it was told; then whether the person is known to be an adult or a child.
 */
export function ageReading(person: Person, ref?: AgeReference): { range: AgeRange; source: AgeSource } {
  const { on, toldOn } = ageDays(ref);
  // Someone met online says what age they like: a claimed age under 18 cannot be relied on (E2).
  if (person.onlineContact) {
    if (person.adult === 'yes' || (typeof person.ageYears === 'number' && person.ageYears >= 18))
      return { range: { min: 18, max: ANY_AGE.max }, source: 'online' };
    // Only an explicit, checked "not an adult" narrows it.
    return { range: person.adult === 'no' ? { min: 0, max: 17 } : ANY_AGE, source: 'online' };
  }
  const dobAge = usableDob(person, on);
  if (dobAge !== null) return { range: { min: dobAge, max: dobAge }, source: 'date-of-birth' };
  const moved = on !== undefined && toldOn !== undefined && on !== toldOn;
  if (typeof person.ageYears === 'number' && Number.isFinite(person.ageYears)) {
    if (moved && Number.isInteger(person.ageYears) && person.ageYears >= 0) {
      const w = birthWindowOfAge(person.ageYears, toldOn);
      const r = agesBetweenBirths(w.earliest, w.latest, on);
      if (r) return { range: r, source: 'age' };
    }
    return { range: { min: person.ageYears, max: person.ageYears }, source: 'age' };
  }
  if (typeof person.yearGroup === 'number' && person.yearGroup >= 0 && person.yearGroup <= 14) {
    if (moved) {
      const w = birthWindowOfYearGroup(person.yearGroup, toldOn);
      const r = agesBetweenBirths(w.earliest, w.latest, on);
      if (r) return { range: r, source: 'year-group' };
    }
    return { range: { min: person.yearGroup + 4, max: person.yearGroup + 5 }, source: 'year-group' };
  }
  if (person.adult === 'yes') return { range: { min: 18, max: ANY_AGE.max }, source: 'adult' };
  if (person.adult === 'no') return { range: { min: 0, max: 17 }, source: 'adult' };
  return { range: ANY_AGE, source: 'none' };
}

/** The age range the facts allow on the reference day (see ageReading). */
export function ageRange(person: Person, ref?: AgeReference): AgeRange {
  return ageReading(person, ref).range;
}

function within(range: AgeRange, test: (age: number) => boolean): Tri {
  const lo = test(range.min);
  const hi = test(range.max);
  if (lo && hi) return 'yes';
  if (!lo && !hi) {
    // Both ends fail; for the monotonic tests used here no age between passes either.
    return 'no';
  }
  return 'unknown';
}

/** Is this person an adult (18 or over)? Unknown when the facts allow either. */
export function isAdult(person: Person, ref?: AgeReference): Tri {
  return within(ageRange(person, ref), (a) => a >= 18);
}

/** Is this person 12 or under (R6.1)? */
export function isTwelveOrUnder(person: Person, ref?: AgeReference): Tri {
  return within(ageRange(person, ref), (a) => a <= 12);
}

/** Is this person a young person (under 18)? */
export function isYoungPerson(person: Person, ref?: AgeReference): Tri {
  return within(ageRange(person, ref), (a) => a < 18);
}

const BASIS_WORDS: Record<AgeDates['basis'], string> = {
  incident: 'the day the imagery was made or shared',
  disclosure: 'the day of the disclosure (the incident date is not recorded)',
  opened: 'the day the case was opened (no disclosure or incident date is recorded)',
};

const SOURCE_WORDS: Record<AgeSource, string | null> = {
  'date-of-birth': 'from the date of birth',
  age: 'from the age as told',
  'year-group': 'from the year group',
  adult: null,
  online: null,
  none: null,
};

/**
 * Describe a person's age for a reason sentence: "aged 12". Given the case's dates (not a plain
 * date), it also says which day and what it was worked out from: "aged 12 on 3 March 2026, the day
 * the imagery was made or shared (from the date of birth)".
 */
export function describeAge(person: Person, ref?: AgeReference): string {
  const { range: r, source } = ageReading(person, ref);
  const base =
    r.min === r.max
      ? `aged ${r.min}`
      : r === ANY_AGE || (r.min === 0 && r.max === 120)
        ? 'of unknown age'
        : r.max >= 120
          ? `aged ${r.min} or over`
          : r.min === 0
            ? `aged ${r.max} or under`
            : r.max - r.min === 1
              ? `aged ${r.min} or ${r.max}`
              : `aged ${r.min} to ${r.max}`;
  if (ref === undefined || typeof ref === 'string' || !day(ref.on)) return base;
  const from = SOURCE_WORDS[source];
  if (!from) return base;
  return `${base} on ${dayInWords(ref.on)}, ${BASIS_WORDS[ref.basis]} (${from})`;
}

/** Which day the ages are worked out on, as a sentence for the reasons (null when no day is known). */
export function ageDayText(ref: AgeReference): string | null {
  if (ref === undefined) return null;
  if (typeof ref === 'string') return day(ref) ? `Ages are worked out on ${dayInWords(ref)}.` : null;
  return day(ref.on) ? `Ages are worked out on ${dayInWords(ref.on)}, ${BASIS_WORDS[ref.basis]}.` : null;
}

/** Combine answers: yes if any is yes, otherwise unknown if any is unknown, otherwise no. */
export function anyTri(values: Iterable<Tri>): Tri {
  let unknown = false;
  for (const v of values) {
    if (v === 'yes') return 'yes';
    if (v === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'no';
}
