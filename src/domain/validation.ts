// What the record can hold, as policy: the ages a young person and an adult can have, that a step
// cannot happen in the future, before the disclosure or before a person was born, and how long
// one answer may be. Pure: the forms ask these and show the message at the field; nothing is
// stored while any problem remains. Ages follow R1.1 (a young person is under 18).
import type { Person } from './types';

/** The longest answer one field can hold, in characters (about 10 pages of text). */
export const TEXT_LIMIT = 20_000;
/** The longest name or short answer (one line), in characters. */
export const SHORT_TEXT_LIMIT = 500;
/** The oldest age the app accepts (anything above is a typing slip). */
export const MAX_AGE = 120;
/** R1.1: a young person is 17 or under; an adult is 18 or over. */
export const ADULT_AGE = 18;
/** A step may be recorded up to five minutes "in the future" (clocks drift between devices). */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Nothing in a record happened before this (a typing slip such as 1026 for 2026). */
export const EARLIEST_DATE = '2000-01-01';

/** A problem with one answer: which part of it, and what to do, in plain words. */
export interface FieldProblem {
  field: string;
  text: string;
}

/** "This answer is too long" when a text is over its limit, else null. */
export function textTooLong(value: string, limit = TEXT_LIMIT): string | null {
  if (value.length <= limit) return null;
  return `This answer is too long (${value.length.toLocaleString('en-GB')} characters): keep it to ${limit.toLocaleString('en-GB')} characters or fewer`;
}

/** Problems with the given texts, keyed by field: each field over its limit, once. */
export function textProblems(fields: Record<string, string | undefined>, limit = TEXT_LIMIT): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const t = value === undefined ? null : textTooLong(value, limit);
    if (t) out.push({ field, text: t });
  }
  return out;
}

/**
 * One person's answers: a name (not too long), an age from 0 to 120 that fits what they are (a
 * young person 0-17, an adult 18-120; someone met online may claim any age), and a date of birth
 * that is a real date, not in the future and not after the incident's reference date.
 * `label` names the person in messages, e.g. "person 2". Fields: name, age, dateOfBirth.
 */
export function personProblems(p: Person, label: string, opts: { now?: Date; referenceDate?: string | undefined } = {}): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!p.name.trim()) out.push({ field: 'name', text: `Enter a name or description for ${label}` });
  else if (p.name.length > SHORT_TEXT_LIMIT) out.push({ field: 'name', text: `The name or description of ${label} is too long: keep it to ${SHORT_TEXT_LIMIT} characters or fewer` });
  const age = p.ageYears;
  if (age !== undefined) {
    if (!Number.isInteger(age) || age < 0 || age > MAX_AGE) out.push({ field: 'age', text: `Enter an age from 0 to ${MAX_AGE} for ${label}` });
    else if (!p.onlineContact && p.adult === 'no' && age >= ADULT_AGE) out.push({ field: 'age', text: `A young person is 17 or under: check the age of ${label}, or mark them as an adult` });
    else if (!p.onlineContact && p.adult === 'yes' && age < ADULT_AGE) out.push({ field: 'age', text: `An adult is 18 or over: check the age of ${label}` });
  }
  if (p.dateOfBirth !== undefined && p.dateOfBirth !== '') {
    const dob = isoDay(p.dateOfBirth);
    const today = isoDay((opts.now ?? new Date()).toISOString());
    if (!dob) out.push({ field: 'dateOfBirth', text: `Enter the date of birth of ${label} as a real date` });
    else if (today && dob > today) out.push({ field: 'dateOfBirth', text: `The date of birth of ${label} cannot be in the future` });
    else if (opts.referenceDate && dob > opts.referenceDate.slice(0, 10)) out.push({ field: 'dateOfBirth', text: `The date of birth of ${label} is after the incident: check it` });
  }
  return out;
}

/**
 * When a step happened (an ISO instant, or null when the field is not a real date and time):
 * not in the future, not before 2000, and, when `notBefore` is given (the disclosure), not before
 * it. `what` completes "The time ... cannot be in the future", e.g. "it happened".
 */
export function whenProblem(iso: string | null, opts: { now?: Date; notBefore?: { iso: string; what: string } | undefined; what?: string } = {}): string | null {
  const what = opts.what ?? 'it happened';
  if (!iso || Number.isNaN(Date.parse(iso))) return `Enter the date and time ${what}, for example 14/03/2026 09:30`;
  const t = Date.parse(iso);
  if (t > (opts.now ?? new Date()).getTime() + CLOCK_SKEW_MS) return `The time ${what} cannot be in the future`;
  if (t < Date.parse(EARLIEST_DATE)) return 'Enter a date after 1 January 2000';
  const nb = opts.notBefore;
  // Whole minutes: the form's field has no seconds.
  if (nb && !Number.isNaN(Date.parse(nb.iso)) && t < Math.floor(Date.parse(nb.iso) / 60_000) * 60_000) return `The time ${what} cannot be before ${nb.what}`;
  return null;
}

/** YYYY-MM-DD of an ISO date or instant when it is a real calendar day, else null. */
export function isoDay(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}
