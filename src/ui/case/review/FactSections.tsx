// The first four parts of the initial review: who is at the meeting and when it happened, the
// people involved (ages, needs, social care), what is known (the policy's and national guidance's
// questions, harm, spread), and the meeting's nine questions (R5).
import { PersonsEditor } from '../../policy/PersonsEditor';
import { Select, Textarea, TextInput, type FormError } from '../../components';
import { SPREAD_WORDS } from '../../../domain/describeWords';
import type { Spread } from '../../../domain/types';
import { useSettings } from '../../data/settings';
import { FactsQuestions } from '../../policy/FactsQuestions';
import { IncidentDateField } from '../../policy/DateOrNotKnown';
import type { Review } from './useReviewForm';
import { QUESTIONS } from './sections';

export interface SectionProps {
  r: Review;
  errors: FormError[];
}

const errorAt = (errors: FormError[], id: string) => errors.find((x) => x.fieldId === id)?.text;

export function MeetingSection({ r, errors }: SectionProps) {
  const { facts } = r;
  return (
    <>
      <Textarea
        id="attendees"
        label="Who is at the meeting?"
        hint="One person per line, with their role."
        value={r.form.attendees}
        onChange={r.set('attendees')}
        error={errorAt(errors, 'attendees')}
        rows={3}
      />
      <IncidentDateField
        value={facts.incidentDate}
        onChange={(incidentDate) => r.set('facts')({ ...facts, incidentDate })}
        error={errorAt(errors, 'incident-date-date')}
      />
    </>
  );
}

export function PeopleSection({ r, errors }: SectionProps) {
  const { facts } = r;
  const setFacts = r.set('facts');
  return (
    <>
      <p className="app-body">
        Ages are worked out on the date the imagery was made or shared, where you know it. Whether anyone is an adult,
        has special educational needs or is known to social care can change what the policy asks (R2, R6).
      </p>
      <PersonsEditor
        persons={facts.persons}
        onChange={(persons) => setFacts({ ...facts, persons })}
        errors={errors}
        detail="full"
        headingLevel={2}
      />
    </>
  );
}

export function FactsSection({ r }: SectionProps) {
  const settings = useSettings();
  const { facts } = r;
  const setFacts = r.set('facts');
  return (
    <>
      <FactsQuestions facts={facts} onChange={setFacts} riskTools={settings.riskTools} headingLevel={2} />
      <Select
        id="spread"
        label="How far has it spread?"
        // The words the chronology uses too (src/domain/describeWords.ts).
        options={(['unknown', 'contained', 'limited', 'wide'] as const).map((v) => ({
          value: v,
          label: SPREAD_WORDS[v].charAt(0).toUpperCase() + SPREAD_WORDS[v].slice(1),
        }))}
        value={facts.spread}
        onChange={(v) => setFacts({ ...facts, spread: v as Spread })}
      />
      <TextInput
        id="platforms"
        label="Services or platforms"
        hint="Separate with commas, for example Snapchat, AirDrop."
        value={facts.platforms.join(', ')}
        onChange={(v) =>
          setFacts({
            ...facts,
            platforms: v
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean),
          })
        }
      />
    </>
  );
}

export function QuestionsSection({ r, errors }: SectionProps) {
  const answers = r.form.answers;
  return (
    <>
      <p className="app-body">
        The questions the policy asks the meeting (R5). Answer what you can; you can come back.
      </p>
      {QUESTIONS.map((q) => (
        <Textarea
          key={q.key}
          id={`answer-${q.key}`}
          label={`${q.label} (${q.rule})`}
          hint={q.hint}
          value={answers[q.key] ?? ''}
          onChange={(v) => r.set('answers')({ ...answers, [q.key]: v })}
          error={errorAt(errors, `answer-${q.key}`)}
          rows={2}
        />
      ))}
    </>
  );
}
