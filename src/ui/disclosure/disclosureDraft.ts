// A disclosure as the form holds it: empty, checked field by field (the domain's limits), and turned into the disclosure and persons recorded.
import type { Disclosure, DisclosureChannel, Discloser } from '../../domain/events';
import type { Person } from '../../domain/types';
import type { AgeReference } from '../../domain/rules/age';
import { type FormError } from '../components';
import { localInputToIso } from '../format';
import { newPerson, type PersonEditorProps } from '../policy/PersonEditor';
import {
  incidentDateProblem,
  personProblems,
  SHORT_TEXT_LIMIT,
  TEXT_LIMIT,
  textProblems,
  whenProblem,
} from '../../domain/validation';
import { ageDatesFrom } from '../../domain/case';
import { disclosureAnswerProblems } from '../../domain/gates';
import { type FieldIds, reasonsToErrors } from '../data/reasonFields';

export interface DisclosureDraft {
  disclosedBy: string;
  discloserRelation: Discloser | '';
  disclosedTo: string;
  disclosedAtLocal: string;
  channel: DisclosureChannel | '';
  account: string;
  platforms: string;
  spreadNotes: string;
  imageryDescription: string;
  actionsTaken: string;
  /** When the imagery was made or shared (issue 11 item 6): typed date, 'unknown', or unanswered. */
  incidentDate?: string | undefined;
  persons: Person[];
}

export function emptyDisclosureDraft(nowLocal: string, disclosedTo = ''): DisclosureDraft {
  return {
    disclosedBy: '',
    discloserRelation: '',
    disclosedTo,
    disclosedAtLocal: nowLocal,
    channel: '',
    account: '',
    platforms: '',
    spreadNotes: '',
    imageryDescription: '',
    actionsTaken: '',
    persons: [newPerson(`p-${crypto.randomUUID()}`)],
  };
}

/** The longest answer (the domain's limit). */
export const MAX_TEXT = TEXT_LIMIT;

/** Field-level checks (input, not policy): a clear message at each field. */
export function disclosureErrors(
  d: DisclosureDraft,
  part: 'who' | 'what' | 'people' | 'all' = 'all',
  now = new Date(),
): FormError[] {
  const errs: FormError[] = [];
  const who = part === 'who' || part === 'all';
  const what = part === 'what' || part === 'all';
  const people = part === 'people' || part === 'all';
  if (who) {
    if (!d.discloserRelation) errs.push({ fieldId: 'relation', text: 'Choose who they are' });
    for (const x of textProblems({ 'disclosed-by': d.disclosedBy, 'disclosed-to': d.disclosedTo }, SHORT_TEXT_LIMIT))
      errs.push({ fieldId: x.field, text: x.text });
    const when = whenProblem(localInputToIso(d.disclosedAtLocal), { now, what: 'you were told' });
    if (when) errs.push({ fieldId: 'disclosed-at', text: when });
    if (!d.channel) errs.push({ fieldId: 'channel', text: 'Choose how you were told' });
  }
  if (what) {
    const long = textProblems({
      account: d.account,
      'imagery-description': d.imageryDescription,
      'spread-notes': d.spreadNotes,
      'actions-taken': d.actionsTaken,
    });
    for (const x of [...long, ...textProblems({ platforms: d.platforms }, SHORT_TEXT_LIMIT)])
      errs.push({ fieldId: x.field, text: x.text });
  }
  const disclosedAt = localInputToIso(d.disclosedAtLocal) ?? undefined;
  if (what) {
    const incident = incidentDateProblem(d.incidentDate, { now, disclosedAt });
    if (incident) errs.push({ fieldId: 'incident-date-date', text: incident });
  }
  if (people) {
    // Ages and dates of birth are checked on the incident date where it is known (issue 11 item 6).
    const ref = ageDatesFrom({ incidentDate: d.incidentDate, disclosedAt });
    d.persons.forEach((p, i) => errs.push(...personFieldErrors(p, i, now, ref)));
  }
  // What the disclosure must say is the domain's (R4.6), placed at each field; this page's part only.
  const mine: Record<string, boolean> = { disclosedBy: who, disclosedTo: who, account: what, persons: people };
  const domain = disclosureAnswerProblems(
    { disclosedBy: d.disclosedBy, disclosedTo: d.disclosedTo, account: d.account },
    d.persons,
  ).filter((r) => r.field && mine[r.field]);
  return [...reasonsToErrors(domain, DISCLOSURE_FIELDS), ...errs];
}

/** Where the disclosure pages show each answer the disclosure's reasons can name (src/domain/reasons.ts). */
export const DISCLOSURE_FIELDS = {
  disclosedBy: 'disclosed-by',
  disclosedTo: 'disclosed-to',
  account: 'account',
  persons: 'add-person',
} satisfies FieldIds;

/** The person editor's field for each of the domain's person fields (src/domain/validation.ts). */
const PERSON_FIELD_IDS: Record<string, string> = { dateOfBirth: 'dob-date', sex: 'sex' };

/** The messages for person `index`'s editor, from a form's errors. */
export function personEditorErrors(
  errors: readonly FormError[],
  index: number,
): NonNullable<PersonEditorProps['errors']> {
  const pe = (f: string) => errors.find((x) => x.fieldId === `person-${index + 1}-${f}`)?.text;
  const out: NonNullable<PersonEditorProps['errors']> = {};
  if (pe('name')) out.name = pe('name');
  if (pe('age')) out.ageYears = pe('age');
  if (pe('dob-date')) out.dateOfBirth = pe('dob-date');
  if (pe('sex')) out.sex = pe('sex');
  return out;
}

/** One person's problems (the domain's rules), linked to the person editor's fields. */
export function personFieldErrors(
  p: Person,
  index: number,
  now = new Date(),
  referenceDate?: AgeReference,
): FormError[] {
  const id = `person-${index + 1}`;
  const errs: FormError[] = personProblems(p, `person ${index + 1}`, { now, referenceDate }).map((x) => ({
    fieldId: `${id}-${PERSON_FIELD_IDS[x.field] ?? x.field}`,
    text: x.text,
  }));
  if (p.otherVulnerabilities)
    for (const x of textProblems({ vulnerabilities: p.otherVulnerabilities }, SHORT_TEXT_LIMIT))
      errs.push({ fieldId: `${id}-${x.field}`, text: x.text });
  return errs;
}

export function toDisclosure(d: DisclosureDraft): { disclosure: Disclosure; persons: Person[] } {
  return {
    disclosure: {
      disclosedBy: d.disclosedBy.trim(),
      discloserRelation: (d.discloserRelation || 'other') as Discloser,
      disclosedTo: d.disclosedTo.trim(),
      disclosedAt: localInputToIso(d.disclosedAtLocal) ?? '',
      channel: (d.channel || 'other') as DisclosureChannel,
      account: d.account,
      platforms: d.platforms
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      spreadNotes: d.spreadNotes,
      imageryDescription: d.imageryDescription,
      actionsTaken: d.actionsTaken,
      ...(d.incidentDate !== undefined ? { incidentDate: d.incidentDate } : {}),
    },
    persons: d.persons.map((p) => ({ ...p, name: p.name.trim(), involvement: p.involvement ?? [] })),
  };
}
