// Everyone involved in an incident: young people and adults, with age or "unknown" (issue 2).
import type { Person, Sex, SocialCareInvolvement, Tri, WorksWithChildren } from '../../domain/types';
import { DateOrNotKnown } from './DateOrNotKnown';
import { Button, Checkboxes, Radios, Select, TextInput } from '../components';
import { TRI_ITEMS } from './labels';

export type PersonKind = 'pupil' | 'young-person' | 'adult' | 'online-contact';

export const PERSON_KIND_LABELS: Record<PersonKind, string> = {
  pupil: 'A pupil here',
  'young-person': 'A young person from elsewhere',
  adult: 'An adult',
  'online-contact': 'Someone met online (age not verified)',
};

export function kindOf(p: Person): PersonKind {
  if (p.onlineContact) return 'online-contact';
  if (p.adult === 'yes') return 'adult';
  return p.atEstablishment ? 'pupil' : 'young-person';
}

/** Switching kind sets the facts that the kind implies, and leaves the others as they were. */
export function withKind(p: Person, kind: PersonKind): Person {
  switch (kind) {
    case 'pupil':
      return { ...p, atEstablishment: true, onlineContact: false, adult: 'no' };
    case 'young-person':
      return { ...p, atEstablishment: false, onlineContact: false, adult: 'no' };
    case 'adult':
      return {
        ...p,
        atEstablishment: p.worksWithChildren === 'staff' || p.worksWithChildren === 'volunteer',
        onlineContact: false,
        adult: 'yes',
      };
    case 'online-contact':
      return { ...p, atEstablishment: false, onlineContact: true, adult: 'unknown', worksWithChildren: 'unknown' };
  }
}

export function newPerson(id: string, kind: PersonKind = 'pupil'): Person {
  return withKind(
    {
      id,
      name: '',
      atEstablishment: true,
      involvement: [],
      adult: 'no',
      worksWithChildren: 'no',
      sen: 'unknown',
      socialCare: 'unknown',
    },
    kind,
  );
}

const YEAR_OPTIONS = [
  { value: '', label: 'Not known' },
  { value: '0', label: 'Reception' },
  ...Array.from({ length: 13 }, (_, i) => ({ value: String(i + 1), label: `Year ${i + 1}` })),
];

/** Sex as the school records it (issue 15); an old record's "not recorded" is never offered as a choice. */
export const SEX_ITEMS: { value: Exclude<Sex, 'not-recorded'>; label: string }[] = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other or prefer not to say' },
  { value: 'not-known', label: 'Not known' },
];

const SOCIAL_CARE_OPTIONS: { value: SocialCareInvolvement; label: string }[] = [
  { value: 'unknown', label: 'Not known yet' },
  { value: 'none', label: 'No' },
  { value: 'current', label: 'Yes, now' },
  { value: 'past', label: 'Yes, in the past' },
  { value: 'possible', label: 'Possibly' },
];

const WORKS_OPTIONS: { value: WorksWithChildren; label: string }[] = [
  { value: 'unknown', label: 'Not known yet' },
  { value: 'no', label: 'No' },
  { value: 'staff', label: 'Works here' },
  { value: 'volunteer', label: 'Volunteers here' },
  { value: 'elsewhere', label: 'Works or volunteers with children elsewhere' },
];

const INVOLVEMENT_ITEMS = [
  { value: 'pictured', label: 'Pictured in the imagery' },
  { value: 'shared', label: 'Shared or sent it' },
  { value: 'received', label: 'Received or saw it' },
  { value: 'requested', label: 'Asked for it' },
  { value: 'possessed', label: 'Has a copy' },
  { value: 'disclosed', label: 'Told us about it' },
];

export interface PersonEditorProps {
  person: Person;
  index: number;
  onChange: (p: Person) => void;
  onRemove?: (() => void) | undefined;
  errors?: Partial<Record<'name' | 'ageYears' | 'dateOfBirth' | 'sex', string>>;
  /** Show the full set of questions (disclosure), or the ones the policy decides on (policy check). */
  detail?: 'full' | 'policy';
  /** The heading level for "Person n": 3 under an h2 section, 2 directly under the page's h1. */
  headingLevel?: 2 | 3;
}

export function PersonEditor({
  person: p,
  index,
  onChange,
  onRemove,
  errors = {},
  detail = 'policy',
  headingLevel = 3,
}: PersonEditorProps) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const id = `person-${index + 1}`;
  const kind = kindOf(p);
  const set = (patch: Partial<Person>) => onChange({ ...p, ...patch });
  const youngPerson = kind === 'pupil' || kind === 'young-person';
  return (
    <section className="app-person" aria-labelledby={`${id}-heading`}>
      <H className="app-heading-s" id={`${id}-heading`}>
        Person {index + 1}
        {p.name.trim() ? (
          <>
            : <bdi>{p.name}</bdi>
          </>
        ) : null}
      </H>
      <TextInput
        id={`${id}-name`}
        label="Name or description"
        hint="For example “Maya, Year 11” or “the account ‘sk8r_boi’”."
        value={p.name}
        onChange={(name) => set({ name })}
        error={errors.name}
        autoComplete="off"
        spellCheck={false}
      />
      <Radios
        id={`${id}-kind`}
        legend="Who are they?"
        legendSize="s"
        items={Object.entries(PERSON_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        value={kind}
        onChange={(k) => onChange(withKind(p, k as PersonKind))}
      />
      <div className="app-person__row">
        <TextInput
          id={`${id}-age`}
          label="Age in years"
          hint="Leave empty if not known."
          inputMode="numeric"
          width="3"
          value={p.ageYears === undefined ? '' : String(p.ageYears)}
          onChange={(v) => {
            const t = v.trim();
            set({ ageYears: t === '' ? undefined : /^\d{1,3}$/.test(t) ? Number(t) : (p.ageYears ?? undefined) });
          }}
          error={errors.ageYears}
        />
        {youngPerson && (
          <Select
            id={`${id}-year`}
            label="Year group"
            options={YEAR_OPTIONS}
            value={p.yearGroup === undefined ? '' : String(p.yearGroup)}
            onChange={(v) => set({ yearGroup: v === '' ? undefined : Number(v) })}
          />
        )}
      </div>
      {kind !== 'online-contact' && (
        <DateOrNotKnown
          id={`${id}-dob`}
          legend="Date of birth"
          hint="As the school records it. Leave unanswered if you have not checked."
          value={p.dateOfBirth}
          onChange={(dateOfBirth) => set({ dateOfBirth })}
          error={errors.dateOfBirth}
        />
      )}
      <Radios
        id={`${id}-sex`}
        legend="Sex, as the school records it"
        legendSize="s"
        inline
        items={SEX_ITEMS}
        value={p.sex === undefined || p.sex === 'not-recorded' ? '' : p.sex}
        onChange={(v) => set({ sex: v as Sex })}
        error={errors.sex}
      />
      {(kind === 'adult' || kind === 'online-contact') && (
        <Select
          id={`${id}-works`}
          label="Do they work or volunteer with children?"
          options={WORKS_OPTIONS}
          value={p.worksWithChildren}
          onChange={(v) =>
            set({ worksWithChildren: v as WorksWithChildren, atEstablishment: v === 'staff' || v === 'volunteer' })
          }
        />
      )}
      {kind === 'adult' && (p.worksWithChildren === 'staff' || p.worksWithChildren === 'volunteer') && (
        <Checkboxes
          id={`${id}-head`}
          legend="Role"
          legendSize="s"
          items={[{ value: 'head', label: 'This is the Headteacher' }]}
          values={p.isHeadteacher ? ['head'] : []}
          onChange={(v) => set({ isHeadteacher: v.includes('head') })}
        />
      )}
      {youngPerson && (
        <>
          <Radios
            id={`${id}-sen`}
            legend="Special educational needs?"
            legendSize="s"
            inline
            items={TRI_ITEMS}
            value={p.sen ?? 'unknown'}
            onChange={(v) => set({ sen: v as Tri })}
          />
          <Select
            id={`${id}-social-care`}
            label="Is children's social care involved with them?"
            options={SOCIAL_CARE_OPTIONS}
            value={p.socialCare ?? 'unknown'}
            onChange={(v) => set({ socialCare: v as SocialCareInvolvement })}
          />
          <TextInput
            id={`${id}-vulnerabilities`}
            label="Other vulnerabilities"
            hint="Optional. For example a young carer, or looked after."
            value={p.otherVulnerabilities ?? ''}
            onChange={(v) => set({ otherVulnerabilities: v })}
          />
        </>
      )}
      {detail === 'full' && (
        <Checkboxes
          id={`${id}-involvement`}
          legend="How are they involved?"
          legendSize="s"
          items={INVOLVEMENT_ITEMS}
          values={p.involvement}
          onChange={(v) => set({ involvement: v as Person['involvement'] })}
        />
      )}
      {onRemove && (
        <Button variant="secondary" onClick={onRemove}>
          Remove person {index + 1}
          {p.name.trim() ? (
            <>
              {' ('}
              <bdi>{p.name}</bdi>)
            </>
          ) : null}
        </Button>
      )}
    </section>
  );
}
