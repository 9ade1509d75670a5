// What the recorded facts say about each person's age: a range, so that "unknown" stays unknown.
import type { Person, Tri } from '../types';

export interface AgeRange {
  min: number;
  max: number;
}

const ANY_AGE: AgeRange = { min: 0, max: 120 };

/** Whole years between an ISO birth date and an ISO reference date; null when either is unusable. */
export function ageOn(dateOfBirth: string, onDate: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(dateOfBirth);
  const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(onDate);
  if (!b || !d) return null;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [dy, dm, dd] = [Number(d[1]), Number(d[2]), Number(d[3])];
  let years = dy - by;
  if (dm < bm || (dm === bm && dd < bd)) years -= 1;
  return years >= 0 ? years : null;
}

/**
 * The age range the facts allow. Order of trust: the stated age, then the date of birth on the
 * reference date, then the England year group (Year N is aged N+4 to N+5 during the school year),
 * then whether the person is known to be an adult or a child.
 */
export function ageRange(person: Person, referenceDate?: string): AgeRange {
  // Someone met online says what age they like: a claimed age under 18 cannot be relied on (E2).
  if (person.onlineContact) {
    if (person.adult === 'yes' || (typeof person.ageYears === 'number' && person.ageYears >= 18)) return { min: 18, max: ANY_AGE.max };
    // Only an explicit, checked "not an adult" narrows it.
    return person.adult === 'no' ? { min: 0, max: 17 } : ANY_AGE;
  }
  if (typeof person.ageYears === 'number' && Number.isFinite(person.ageYears)) {
    return { min: person.ageYears, max: person.ageYears };
  }
  if (person.dateOfBirth && referenceDate) {
    const years = ageOn(person.dateOfBirth, referenceDate);
    if (years !== null) return { min: years, max: years };
  }
  if (typeof person.yearGroup === 'number' && person.yearGroup >= 0 && person.yearGroup <= 14) {
    return { min: person.yearGroup + 4, max: person.yearGroup + 5 };
  }
  if (person.adult === 'yes') return { min: 18, max: ANY_AGE.max };
  if (person.adult === 'no') return { min: 0, max: 17 };
  return ANY_AGE;
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
export function isAdult(person: Person, referenceDate?: string): Tri {
  return within(ageRange(person, referenceDate), (a) => a >= 18);
}

/** Is this person 12 or under (R6.1)? */
export function isTwelveOrUnder(person: Person, referenceDate?: string): Tri {
  return within(ageRange(person, referenceDate), (a) => a <= 12);
}

/** Is this person a young person (under 18)? */
export function isYoungPerson(person: Person, referenceDate?: string): Tri {
  return within(ageRange(person, referenceDate), (a) => a < 18);
}

/** Describe a person's age for a reason sentence. */
export function describeAge(person: Person, referenceDate?: string): string {
  const r = ageRange(person, referenceDate);
  if (r.min === r.max) return `aged ${r.min}`;
  if (r === ANY_AGE || (r.min === 0 && r.max === 120)) return 'of unknown age';
  if (r.max >= 120) return `aged ${r.min} or over`;
  if (r.min === 0) return `aged ${r.max} or under`;
  return `aged ${r.min} or ${r.max}`;
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
