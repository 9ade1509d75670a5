// Small one-question steps: escalate now, add a note, reopen, record new facts.
import { PersonsEditor } from '../policy/PersonsEditor';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { assess } from '../../domain/rules/assess';
import { currentDecision, factsSetBack, referenceDate } from '../../domain/case';
import type { IncidentFacts } from '../../domain/types';
import { ActionBar, Button, PhoneLink, Textarea, WarningText } from '../components';
import { type FieldIds, useStep } from '../data/useStep';
import { useDraftField } from '../data/drafts';
import { nowLocalInput } from '../format';
import { FactsQuestions } from '../policy/FactsQuestions';
import { PolicySays } from '../policy/PolicySays';
import { useSettings } from '../data/settings';
import { StepPage, RecordBar } from './StepPage';
import { OccurredAt, occurredAtIso, whenErrors } from './OccurredAt';
import { personFieldErrors } from '../disclosure/disclosureDraft';
import { IncidentDateField } from '../policy/DateOrNotKnown';
import { incidentDateProblem } from '../../domain/validation';

/** Escalate, note, reopen and new facts: each page's one text answer has the id "text". */
export const SIMPLE_FIELDS = { reason: 'text', text: 'text' } satisfies FieldIds;

function useBack() {
  const navigate = useNavigate();
  const step = useStep(SIMPLE_FIELDS, 'text');
  return { navigate, ...step, done: () => navigate(`/cases/${step.caseId}`) };
}

export function EscalatePage() {
  const s = useBack();
  const settings = useSettings();
  const [reason, setReason] = useDraftField('reason', '');
  const [when, setWhen] = useState(nowLocalInput());
  return (
    <StepPage title="Escalate now" s={s}>
      <WarningText>If someone is in danger right now, call 999 first.</WarningText>
      <PhoneLink number="999" label="Emergency" urgent />
      <PhoneLink number={settings.mashPhone} label={`Call ${settings.mashName}`} />
      <p className="app-body">
        A concern that a young person has been harmed or is at risk of harm means an immediate referral to children's
        social care and/or the police, at any stage (R4.5). Recording this moves the case to referral.
      </p>
      <Textarea
        id="text"
        label="What has happened? Why are you escalating?"
        value={reason}
        onChange={setReason}
        rows={5}
      />
      <RecordBar
        s={s}
        when={when}
        onWhen={setWhen}
        variant="warning"
        label="Escalate and record the referral"
        draft={() => ({ type: 'escalated', reason, occurredAt: occurredAtIso(when) })}
        onRecorded={() => s.navigate(`/cases/${s.caseId}/referrals`)}
      />
    </StepPage>
  );
}

export function NotePage() {
  const s = useBack();
  const [text, setText] = useDraftField('text', '');
  const [when, setWhen] = useState(nowLocalInput());
  return (
    <StepPage title="Add a note" s={s}>
      <Textarea
        id="text"
        label="Note"
        hint="Describe; never paste or attach an image."
        value={text}
        onChange={setText}
        rows={6}
      />
      <RecordBar
        s={s}
        when={when}
        onWhen={setWhen}
        label="Save the note"
        draft={() => ({ type: 'note.added', text, occurredAt: occurredAtIso(when) })}
        onRecorded={s.done}
      />
    </StepPage>
  );
}

export function ReopenPage() {
  const s = useBack();
  const [reason, setReason] = useDraftField('reason', '');
  return (
    <StepPage title="Reopen the case" s={s}>
      <Textarea id="text" label="Why are you reopening it?" value={reason} onChange={setReason} rows={4} />
      <ActionBar>
        <Button
          disabled={s.busy}
          onClick={async () => {
            if ((await s.submit({ type: 'case.reopened', reason, occurredAt: new Date().toISOString() })).ok) s.done();
          }}
        >
          Reopen the case
        </Button>
      </ActionBar>
    </StepPage>
  );
}

/** New facts at any stage: the triggers are re-checked (R6.9), and escalate the case if they fire. */
export function FactsPage() {
  const s = useBack();
  const c = s.snapshot.context;
  const [facts, setFacts] = useState<IncidentFacts>(c.facts);
  const [note, setNote] = useDraftField('note', '');
  const [when, setWhen] = useState(nowLocalInput());
  const decision = currentDecision(c);
  const ref = referenceDate({ ...c, facts });
  const a = assess(facts, { confirmedTypology: decision?.typology ?? null, referenceDate: ref });
  const setBack = factsSetBack(c, facts);
  const settings = useSettings();
  return (
    <StepPage title="Record new facts" s={s}>
      <p className="app-body">
        Change what is now known. The policy's triggers are checked again as you answer (R6.9).
      </p>
      <div className="app-split">
        <div>
          <IncidentDateField
            value={facts.incidentDate}
            onChange={(incidentDate) => setFacts({ ...facts, incidentDate })}
            error={s.errors.find((x) => x.fieldId === 'incident-date-date')?.text}
          />
          <PersonsEditor
            persons={facts.persons}
            onChange={(persons) => setFacts({ ...facts, persons })}
            errors={s.errors}
            detail="full"
            headingLevel={2}
          />
          <FactsQuestions facts={facts} onChange={setFacts} riskTools={settings.riskTools} />
          <Textarea
            id="text"
            label={
              setBack.length > 0
                ? 'What is new, how do you know, and why are earlier answers changing?'
                : 'What is new, and how do you know?'
            }
            hint={
              setBack.length > 0
                ? `This sets back or removes: ${setBack.map((x) => x.label).join('; ')}. It is an amendment: say why. The earlier answer stays in the chronology (R14.1).`
                : undefined
            }
            value={note}
            onChange={setNote}
            rows={4}
          />
          <OccurredAt value={when} onChange={setWhen} error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text} />
        </div>
        <div className="app-split__aside" tabIndex={0} role="region" aria-label="What the policy says">
          <PolicySays assessment={a} phones={{ mashName: settings.mashName, mashPhone: settings.mashPhone }} />
        </div>
      </div>
      <ActionBar>
        <Button
          disabled={s.busy}
          onClick={async () => {
            if (
              (
                await s.submit(
                  { type: 'facts.updated', facts, source: 'new-information', note, occurredAt: occurredAtIso(when) },
                  [
                    ...whenErrors(when),
                    ...[incidentDateProblem(facts.incidentDate, { disclosedAt: c.disclosure?.disclosedAt })].flatMap(
                      (t) => (t ? [{ fieldId: 'incident-date-date', text: t }] : []),
                    ),
                    ...facts.persons.flatMap((p, i) => personFieldErrors(p, i, new Date(), ref)),
                  ],
                )
              ).ok
            )
              s.done();
          }}
        >
          Save the new facts
        </Button>
      </ActionBar>
    </StepPage>
  );
}
