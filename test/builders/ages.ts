// Test data builders: the ways a person's age can be recorded, for the rule tables. Dates of birth
// are relative to DISCLOSURE_DATE, the date the ages are worked out on (referenceDate).
import type { Person } from '../../src/domain/types';

/** The disclosure date of the event builders (disclosure().disclosedAt). */
export const DISCLOSURE_DATE = '2026-03-02';

export interface AgeCase {
  /** How a DSL would say it. */
  label: string;
  /** The fields of Person that record the age. */
  person: Partial<Person>;
}

const age = (label: string, person: Partial<Person>): AgeCase => ({ label, person });

export const AGED_12 = age('aged 12', { ageYears: 12, adult: 'no' });
export const AGED_13 = age('aged 13', { ageYears: 13, adult: 'no' });
export const AGED_17 = age('aged 17', { ageYears: 17, adult: 'no' });
export const AGED_18 = age('aged 18', { ageYears: 18, adult: 'yes' });
/** No age, no year group, no date of birth, and not known to be an adult or a child. */
export const UNKNOWN_AGE = age('of unknown age', { adult: 'unknown' });
/** Known to be a child, nothing else: 0 to 17. */
export const SOME_CHILD = age('a child of unknown age', { adult: 'no' });
/** Year 7: 11 or 12, so 12 or under. */
export const YEAR_7 = age('in Year 7', { yearGroup: 7, adult: 'no' });
/** Year 8: 12 or 13, so it is not known whether 12 or under. */
export const YEAR_8 = age('in Year 8', { yearGroup: 8, adult: 'no' });
/** Year 13: 17 or 18, so it is not known whether an adult. */
export const YEAR_13 = age('in Year 13', { yearGroup: 13, adult: 'no' });
/** Turns 13 the day after the disclosure: 12 on the disclosure date. */
export const BORN_13_YEARS_BEFORE_TOMORROW = age('12 on the disclosure date (13 the day after)', {
  dateOfBirth: '2013-03-03',
  adult: 'unknown',
});
/** Turned 13 on the disclosure date. */
export const BORN_13_YEARS_BEFORE = age('13 on the disclosure date (their birthday)', {
  dateOfBirth: '2013-03-02',
  adult: 'unknown',
});
/** Turns 18 the day after the disclosure: 17 on the disclosure date. */
export const BORN_18_YEARS_BEFORE_TOMORROW = age('17 on the disclosure date (18 the day after)', {
  dateOfBirth: '2008-03-03',
  adult: 'unknown',
});
/** Turned 18 on the disclosure date. */
export const BORN_18_YEARS_BEFORE = age('18 on the disclosure date (their birthday)', {
  dateOfBirth: '2008-03-02',
  adult: 'unknown',
});
