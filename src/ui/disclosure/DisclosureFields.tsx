// The disclosure's questions (R4.6, R13): who told whom, when, how, what was said in their words,
// who is involved, platforms and spread. Shared by staff (from the lock screen) and the DSL.
import type { Disclosure, DisclosureChannel, Discloser } from '../../domain/events';
import type { Person } from '../../domain/types';
import type { AgeReference } from '../../domain/rules/age';
import { Button, Radios, Textarea, TextInput, WarningText, type FormError } from '../components';
import { localInputToIso } from '../format';
import { PersonEditor, newPerson, type PersonEditorProps } from '../policy/PersonEditor';
import { IncidentDateField } from '../policy/DateOrNotKnown';
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

type Set = (patch: Partial<DisclosureDraft>) => void;

export function WhoToldFields({ d, set, errors }: { d: DisclosureDraft; set: Set; errors: FormError[] }) {
  const e = (id: string) => errors.find((x) => x.fieldId === id)?.text;
  return (
    <>
      <TextInput
        id="disclosed-by"
        label="Who told you?"
        hint="Their name, and year group or relationship."
        value={d.disclosedBy}
        onChange={(v) => set({ disclosedBy: v })}
        error={e('disclosed-by')}
        autoComplete="off"
      />
      <Radios
        id="relation"
        legend="Who are they?"
        error={e('relation')}
        items={[
          { value: 'young-person', label: 'The young person it is about' },
          { value: 'friend', label: 'A friend or another young person' },
          { value: 'parent', label: 'A parent or carer' },
          { value: 'staff', label: 'A member of staff' },
          { value: 'police', label: 'The police' },
          { value: 'other', label: 'Someone else' },
        ]}
        value={d.discloserRelation}
        onChange={(v) => set({ discloserRelation: v as Discloser })}
      />
      <TextInput
        id="disclosed-to"
        label="Who did they tell?"
        hint="Usually you: your name."
        value={d.disclosedTo}
        onChange={(v) => set({ disclosedTo: v })}
        error={e('disclosed-to')}
        autoComplete="off"
      />
      <TextInput
        id="disclosed-at"
        label="When were you told?"
        {...({ type: 'datetime-local' } as object)}
        value={d.disclosedAtLocal}
        onChange={(v) => set({ disclosedAtLocal: v })}
        error={e('disclosed-at')}
        width="20"
      />
      <Radios
        id="channel"
        legend="How were you told?"
        error={e('channel')}
        items={[
          { value: 'in-person', label: 'In person' },
          { value: 'phone', label: 'By phone' },
          { value: 'online', label: 'Online or by message' },
          { value: 'written', label: 'In writing' },
          { value: 'overheard', label: 'I overheard it' },
          { value: 'other', label: 'Another way' },
        ]}
        value={d.channel}
        onChange={(v) => set({ channel: v as DisclosureChannel })}
      />
    </>
  );
}

export function WhatWasSaidFields({ d, set, errors }: { d: DisclosureDraft; set: Set; errors: FormError[] }) {
  const e = (id: string) => errors.find((x) => x.fieldId === id)?.text;
  return (
    <>
      <Textarea
        id="account"
        label="What did they say?"
        hint="In their own words, as closely as you can. Do not add your opinion."
        value={d.account}
        onChange={(v) => set({ account: v })}
        error={e('account')}
        rows={7}
      />
      <WarningText>Do not look at the image. Describe only what you were told.</WarningText>
      <Textarea
        id="imagery-description"
        label="What were you told the image or video shows?"
        hint="Optional. From what you were told, never by looking."
        value={d.imageryDescription}
        onChange={(v) => set({ imageryDescription: v })}
        error={e('imagery-description')}
        rows={3}
      />
      <IncidentDateField
        value={d.incidentDate}
        onChange={(incidentDate) => set({ incidentDate })}
        error={e('incident-date-date')}
      />
      <TextInput
        id="platforms"
        label="Which apps or services?"
        hint="Optional. Separate with commas, for example Snapchat, AirDrop."
        value={d.platforms}
        onChange={(v) => set({ platforms: v })}
      />
      <Textarea
        id="spread-notes"
        label="Who else has it, or has seen it?"
        hint="Optional. How far has it spread?"
        value={d.spreadNotes}
        onChange={(v) => set({ spreadNotes: v })}
        error={e('spread-notes')}
        rows={3}
      />
      <Textarea
        id="actions-taken"
        label="What have you done so far?"
        hint="Optional. For example “told the DSL in person at 10:40”."
        value={d.actionsTaken}
        onChange={(v) => set({ actionsTaken: v })}
        error={e('actions-taken')}
        rows={3}
      />
    </>
  );
}

export function PeopleFields({
  d,
  set,
  errors,
  detail = 'policy',
  headingLevel = 3,
}: {
  d: DisclosureDraft;
  set: Set;
  errors: FormError[];
  detail?: 'policy' | 'full';
  headingLevel?: 2 | 3;
}) {
  return (
    <>
      {d.persons.map((p, i) => {
        return (
          <PersonEditor
            key={p.id}
            person={p}
            index={i}
            detail={detail}
            headingLevel={headingLevel}
            errors={personEditorErrors(errors, i)}
            onChange={(np) => set({ persons: d.persons.map((x) => (x.id === p.id ? np : x)) })}
            onRemove={d.persons.length > 1 ? () => set({ persons: d.persons.filter((x) => x.id !== p.id) }) : undefined}
          />
        );
      })}
      <Button
        id="add-person"
        variant="secondary"
        onClick={() => set({ persons: [...d.persons, newPerson(`p-${crypto.randomUUID()}`)] })}
      >
        Add another person
      </Button>
    </>
  );
}
