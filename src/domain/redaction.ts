// What both redactions of a case's events share: the sharing copy's (src/pdf/redaction.ts) and a
// transfer's one-young-person part (src/storage/files/redact.ts). Which values are structure, not
// prose; the persons named in a log; whole-word name patterns; and a left-out person's date of birth
// turned into their age on the case's date, so the policy reads the copy as it read the case. Pure.
import type { CaseEvent } from './events';
import type { Person } from './types';
import { ageOn } from './rules/age';

/** Values that are ids, dates, enumerations or field names, never prose: names are not searched for there. */
export const STRUCTURAL_KEYS: ReadonlySet<string> = new Set([
  'type',
  'id',
  'caseId',
  'personId',
  'referralId',
  'viewingId',
  'deviceId',
  'decisionId',
  'targetEventId',
  'ownerPersonId',
  'field',
  'policyVersion',
  'occurredAt',
  'recordedAt',
  'disclosedAt',
  'incidentDate',
  'deadline',
  'dateOfBirth',
  'channel',
  'discloserRelation',
  'agency',
  'nextStep',
  'level',
  'decision',
  'typology',
  'proposedTypology',
  'routes',
  'recommendedRoutes',
  'involvement',
  'adult',
  'worksWithChildren',
  'sex',
  'sen',
  'socialCare',
  'spread',
  'service',
  'grounds',
  'source',
  'kind',
  'agreedWith',
  'userId',
  'role',
  'reference',
]);

export function isPerson(v: unknown): v is Person {
  const p = v as Partial<Person> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.id === 'string' &&
    typeof p.name === 'string' &&
    typeof p.atEstablishment === 'boolean' &&
    Array.isArray(p.involvement)
  );
}

/** Every version of every person anywhere in `v` (facts are recorded again as they change), by id. */
export function personsIn(v: unknown, into = new Map<string, Person[]>()): Map<string, Person[]> {
  if (Array.isArray(v)) v.forEach((x) => personsIn(x, into));
  else if (typeof v === 'object' && v !== null) {
    if (isPerson(v)) into.set(v.id, [...(into.get(v.id) ?? []), v]);
    Object.values(v).forEach((x) => personsIn(x, into));
  }
  return into;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `word` as a whole word, any case: "Leo's" holds "Leo", "Leon" does not. */
export function wholeWord(word: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${escapeRegExp(word)}(?![\\p{L}\\p{N}\\p{M}])`, 'giu');
}

/** The day ages are worked out on: the disclosure's, else the day the case was opened ('YYYY-MM-DD'). */
export function caseDay(events: readonly CaseEvent[]): string | undefined {
  const disclosure = events.find((e) => e.type === 'disclosure.recorded');
  const opened = events.find((e) => e.type === 'case.opened');
  return (disclosure?.type === 'disclosure.recorded' ? disclosure.disclosure.disclosedAt : opened?.occurredAt)?.slice(
    0,
    10,
  );
}

/** `out` (a copy of `p`) without the date of birth, with the age it gave on `day` unless an age is told. */
export function ageForBirthDate(p: Person, out: Person, day: string | undefined): void {
  if (!p.dateOfBirth) return;
  const age = day ? ageOn(p.dateOfBirth, day) : null;
  delete out.dateOfBirth;
  if (out.ageYears === undefined && age !== null) out.ageYears = age;
}
