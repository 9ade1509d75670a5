// The disclosure's questions (R4.6, R13): who told whom, when, how, what was said in their words,
// who is involved, platforms and spread. Shared by staff (from the lock screen) and the DSL.
import { PersonsEditor } from '../policy/PersonsEditor';
import type { DisclosureChannel, Discloser } from '../../domain/events';
import { Radios, Textarea, TextInput, WarningText, type FormError } from '../components';
import { IncidentDateField } from '../policy/DateOrNotKnown';
import { type DisclosureDraft } from './disclosureDraft';

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
      <PersonsEditor
        persons={d.persons}
        onChange={(persons) => set({ persons })}
        errors={errors}
        detail={detail}
        headingLevel={headingLevel}
        addId="add-person"
      />
    </>
  );
}
