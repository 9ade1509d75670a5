// What the record can hold, as policy: the ages a young person and an adult can have, that a step
// cannot happen in the future, before the disclosure or before a person was born, and how long
// one answer may be. Pure: the forms ask these and show the message at the field; nothing is
// stored while any problem remains. Ages follow R1.1 (a young person is under 18).
import { DATE_NOT_KNOWN, SEX_ANSWERS, type Person } from './types';
import { ageDays, ageOn, birthWindowOfYearGroup, type AgeReference } from './rules/age';
import { dayInWords } from './days';

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
 * young person 0-17, an adult 18-120; someone met online may claim any age), a sex from the school's
 * list, and a date of birth ('unknown' is an answer) that is a real date, not in the future, not
 * after the incident, and consistent with the age and year group as told and with being a young
 * person or an adult on the incident day (issue 15). `referenceDate` is the case's age reference
 * (src/domain/rules/age.ts): the incident day, and the day the age and year group were told.
 * `label` names the person in messages, e.g. "person 2". Fields: name, age, dateOfBirth, sex.
 */
export function personProblems(
  p: Person,
  label: string,
  opts: { now?: Date; referenceDate?: AgeReference } = {},
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!p.name.trim()) out.push({ field: 'name', text: `Enter a name or description for ${label}` });
  else if (p.name.length > SHORT_TEXT_LIMIT)
    out.push({
      field: 'name',
      text: `The name or description of ${label} is too long: keep it to ${SHORT_TEXT_LIMIT} characters or fewer`,
    });
  const age = p.ageYears;
  let ageOk = false;
  if (age !== undefined) {
    if (!Number.isInteger(age) || age < 0 || age > MAX_AGE)
      out.push({ field: 'age', text: `Enter an age from 0 to ${MAX_AGE} for ${label}` });
    else if (!p.onlineContact && p.adult === 'no' && age >= ADULT_AGE)
      out.push({
        field: 'age',
        text: `A young person is 17 or under: check the age of ${label}, or mark them as an adult`,
      });
    else if (!p.onlineContact && p.adult === 'yes' && age < ADULT_AGE)
      out.push({ field: 'age', text: `An adult is 18 or over: check the age of ${label}` });
    else ageOk = true;
  }
  if (p.sex !== undefined && !([...SEX_ANSWERS, 'not-recorded'] as string[]).includes(p.sex))
    out.push({ field: 'sex', text: `Choose the sex of ${label} as the school records it, or “Not known”` });
  const dobProblem = dateOfBirthProblem(p, label, opts, ageOk);
  if (dobProblem) out.push({ field: 'dateOfBirth', text: dobProblem });
  return out;
}

function dateOfBirthProblem(
  p: Person,
  label: string,
  opts: { now?: Date; referenceDate?: AgeReference },
  ageOk: boolean,
): string | null {
  if (p.dateOfBirth === undefined || p.dateOfBirth === '' || p.dateOfBirth === DATE_NOT_KNOWN) return null;
  const dob = isoDay(p.dateOfBirth);
  const today = isoDay((opts.now ?? new Date()).toISOString());
  if (!dob || p.dateOfBirth.length !== 10)
    return `Enter the date of birth of ${label} as a real date, for example 27 3 2012`;
  if (today && dob > today) return `The date of birth of ${label} cannot be in the future`;
  if (today && ageOn(dob, today) !== null && (ageOn(dob, today) ?? 0) > MAX_AGE)
    return `Enter a date of birth for ${label} within the last ${MAX_AGE} years`;
  const { on, toldOn } = ageDays(opts.referenceDate);
  if (on && dob > on) return `The date of birth of ${label} is after the incident (${dayInWords(on)}): check it`;
  if (toldOn && ageOk && p.ageYears !== undefined) {
    const then = ageOn(dob, toldOn);
    if (then !== null && then !== p.ageYears) {
      return `The date of birth of ${label} makes them ${then} on ${dayInWords(toldOn)}, but their age is given as ${p.ageYears}: correct the age or the date of birth`;
    }
  }
  if (toldOn && typeof p.yearGroup === 'number' && p.yearGroup >= 0 && p.yearGroup <= 13) {
    const w = birthWindowOfYearGroup(p.yearGroup, toldOn);
    if (dob < w.earliest || dob > w.latest) {
      const year = p.yearGroup === 0 ? 'Reception' : `Year ${p.yearGroup}`;
      return `The date of birth of ${label} does not fit ${year} (born ${dayInWords(w.earliest)} to ${dayInWords(w.latest)}): correct the year group or the date of birth, or choose “Not known” for the year group if they are taught out of their age group`;
    }
  }
  if (on && !p.onlineContact) {
    const then = ageOn(dob, on);
    if (then !== null && p.adult === 'no' && then >= ADULT_AGE)
      return `The date of birth of ${label} makes them ${then} on ${dayInWords(on)}, an adult: correct the date of birth, or mark them as an adult`;
    if (then !== null && p.adult === 'yes' && then < ADULT_AGE)
      return `The date of birth of ${label} makes them ${then} on ${dayInWords(on)}, a young person: correct the date of birth, or who they are`;
  }
  return null;
}

/**
 * When the imagery was made or shared (issue 11 item 6): empty or 'unknown' is an answer (not known);
 * else a real date, not in the future, not before 2000 and not after the disclosure (`disclosedAt`).
 */
export function incidentDateProblem(
  value: string | undefined,
  opts: { now?: Date; disclosedAt?: string | undefined } = {},
): string | null {
  if (value === undefined || value === '' || value === DATE_NOT_KNOWN) return null;
  const d = isoDay(value);
  if (!d || value.length !== 10)
    return 'Enter the date the imagery was made or shared as a real date, for example 27 3 2026, or choose “Not known”';
  const today = isoDay((opts.now ?? new Date()).toISOString());
  if (today && d > today) return 'The date the imagery was made or shared cannot be in the future';
  if (d < EARLIEST_DATE) return 'Enter a date after 1 January 2000';
  const told = opts.disclosedAt ? isoDay(opts.disclosedAt) : null;
  if (told && d > told)
    return `The imagery was made or shared before it was disclosed (${dayInWords(told)}): check the date`;
  return null;
}

/**
 * When a step happened (an ISO instant, or null when the field is not a real date and time):
 * not in the future, not before 2000, and, when `notBefore` is given (the disclosure), not before
 * it. `what` completes "The time ... cannot be in the future", e.g. "it happened".
 */
export function whenProblem(
  iso: string | null,
  opts: { now?: Date; notBefore?: { iso: string; what: string } | undefined; what?: string } = {},
): string | null {
  const what = opts.what ?? 'it happened';
  if (!iso || Number.isNaN(Date.parse(iso))) return `Enter the date and time ${what}, for example 14/03/2026 09:30`;
  const t = Date.parse(iso);
  if (t > (opts.now ?? new Date()).getTime() + CLOCK_SKEW_MS) return `The time ${what} cannot be in the future`;
  if (t < Date.parse(EARLIEST_DATE)) return 'Enter a date after 1 January 2000';
  const nb = opts.notBefore;
  // Whole minutes: the form's field has no seconds.
  if (nb && !Number.isNaN(Date.parse(nb.iso)) && t < Math.floor(Date.parse(nb.iso) / 60_000) * 60_000)
    return `The time ${what} cannot be before ${nb.what}`;
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
