// Referrals (R5.2, R6, R10, R17): who referred, when, to whom, the reference and the outcome;
// the MASH, police and LADO contacts from settings, large and tappable.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { AdviceAgency, ReferralAgency, ReferralNextStep } from '../../domain/events';
import { currentDecision } from '../../domain/case';
import { owedToPolicy } from '../../domain/owed';
import { OwedList } from './OwedList';
import {
  ActionBar,
  Button,
  ErrorSummary,
  InsetText,
  PhoneLink,
  Radios,
  SummaryList,
  Textarea,
  TextInput,
  WarningText,
} from '../components';
import { type FieldIds, useStep } from '../data/useStep';
import { useDraftField } from '../data/drafts';
import { useSettings } from '../data/settings';
import { formatDateTime, nowLocalInput } from '../format';
import { CaseReminders } from '../reminders/CaseReminders';
import { CaseHeader } from './CaseHeader';
import { OccurredAt, occurredAtIso, whenErrors } from './OccurredAt';

const AGENCIES: { value: ReferralAgency; label: string }[] = [
  { value: 'mash', label: 'The MASH (children’s social care front door)' },
  { value: 'police', label: 'The police' },
  { value: 'social-care', label: "Children's social care (direct)" },
  { value: 'lado', label: 'The LADO (allegation against an adult who works with children)' },
  { value: 'chair-of-governors', label: 'The chair of governors (the allegation is about the Headteacher)' },
];

const ADVICE_FROM: { value: AdviceAgency; label: string }[] = [
  { value: 'mash', label: 'The MASH' },
  { value: 'police', label: 'The police' },
  { value: 'social-care', label: "Children's social care" },
  { value: 'lado', label: 'The LADO' },
];

const NEXT: { value: ReferralNextStep; label: string }[] = [
  { value: 'agency-leads', label: 'The agency leads; the school supports' },
  { value: 'return-to-school', label: 'Returned to the school to manage' },
  { value: 'no-further-action', label: 'No further action by the agency' },
];

/** Where this page shows each answer a referral's reasons can name (src/domain/reasons.ts). */
export const REFERRAL_FIELDS = { to: 'to', outcome: 'outcome', who: 'advice-who', advice: 'advice' } satisfies FieldIds;

export function ReferralsPage() {
  const s = useStep(REFERRAL_FIELDS, 'to');
  const navigate = useNavigate();
  const settings = useSettings();
  const c = s.snapshot.context;
  const decision = currentDecision(c);
  const suggested: ReferralAgency =
    decision?.routes.includes('mash-referral') || !decision
      ? 'mash'
      : decision.routes.includes('police')
        ? 'police'
        : decision.routes.includes('lado')
          ? 'lado'
          : 'mash';
  const [agency, setAgency] = useState<ReferralAgency>(suggested);
  const defaultTo = (a: ReferralAgency) =>
    a === 'mash'
      ? settings.mashName
      : a === 'police'
        ? 'Police'
        : a === 'lado'
          ? settings.ladoName
          : a === 'chair-of-governors'
            ? settings.chairOfGovernors.name
            : "Children's social care";
  const [to, setTo] = useState(defaultTo(suggested));
  const [phone, setPhone] = useDraftField('phone', '');
  const [reference, setReference] = useDraftField('reference', '');
  const [note, setNote] = useDraftField('note', '');
  const [when, setWhen] = useState(nowLocalInput());
  const open = c.referrals.filter((r) => !r.outcome);
  const [outcomeFor, setOutcomeFor] = useState<string>(open[0]?.id ?? '');
  const [outcome, setOutcome] = useDraftField('outcome', '');
  const [next, setNext] = useState<ReferralNextStep>('agency-leads');
  const [outcomeWhen, setOutcomeWhen] = useState(nowLocalInput());
  const [adviceFrom, setAdviceFrom] = useState<AdviceAgency>('mash');
  const [adviceWho, setAdviceWho] = useDraftField('adviceWho', '');
  const [advice, setAdvice] = useDraftField('advice', '');
  const [adviceWhen, setAdviceWhen] = useState(nowLocalInput());
  const owedHere = owedToPolicy(c).filter((x) => x.step === 'referrals' && x.kind !== 'evidence');

  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Referrals</h1>
      {owedHere.length > 0 && (
        <section aria-labelledby="owed-heading">
          <h2 className="app-heading-m" id="owed-heading">
            Still to do here
          </h2>
          <OwedList caseId={s.caseId} items={owedHere} here="referrals" />
        </section>
      )}
      <h2 className="app-heading-m">Who to call</h2>
      <PhoneLink number={settings.policeEmergency} label="Someone in danger now: 999" urgent />
      <PhoneLink number={settings.mashPhone} label={settings.mashName} />
      <PhoneLink number={settings.policeNonEmergency} label="Police (non-emergency)" />
      {settings.ladoPhone && <PhoneLink number={settings.ladoPhone} label={settings.ladoName} />}
      <InsetText>
        <strong>Police will be informed</strong> of a MASH referral (R17); the MASH may involve them at this stage
        (R6.8). Never promise a family that the police will not be involved.
      </InsetText>
      <WarningText>
        Do not delete anything that may be evidence. If a device must go to the police, switch it off and lock it away
        (R10.2).
      </WarningText>

      {c.referrals.length > 0 && (
        <>
          <h2 className="app-heading-m">Referrals made</h2>
          {c.referrals.map((r) => (
            <SummaryList
              key={r.id}
              rows={[
                { key: 'To', value: `${r.to}${r.phone ? ` (${r.phone})` : ''}` },
                { key: 'When', value: formatDateTime(r.at) },
                { key: 'By', value: r.by.name },
                { key: 'Reference', value: r.reference || 'None given' },
                {
                  key: 'Outcome',
                  value: r.outcome
                    ? `${r.outcome.text} (${NEXT.find((n) => n.value === r.outcome?.nextStep)?.label})`
                    : 'Not recorded yet',
                },
              ]}
            />
          ))}
        </>
      )}

      <CaseReminders caseId={s.caseId} kinds={['referral-outcome']} heading="Outcomes to chase" />

      {open.length > 0 && (
        <section aria-labelledby="outcome-heading">
          <h2 className="app-heading-m" id="outcome-heading">
            Record an outcome
          </h2>
          {open.length > 1 && (
            <Radios
              id="outcome-for"
              legend="Which referral?"
              items={open.map((r) => ({ value: r.id, label: `${r.to}, ${formatDateTime(r.at)}` }))}
              value={outcomeFor}
              onChange={setOutcomeFor}
            />
          )}
          <Textarea id="outcome" label="What did they say or decide?" value={outcome} onChange={setOutcome} rows={3} />
          <Radios
            id="next-step"
            legend="What happens next?"
            items={NEXT}
            value={next}
            onChange={(v) => setNext(v as ReferralNextStep)}
          />
          <OccurredAt
            id="outcome-at"
            value={outcomeWhen}
            onChange={setOutcomeWhen}
            label="When did you hear?"
            error={s.errors.find((x) => x.fieldId === 'outcome-at')?.text}
          />
          <Button
            disabled={s.busy}
            onClick={async () => {
              const r = await s.submit(
                {
                  type: 'referral.outcome',
                  referralId: outcomeFor || open[0]!.id,
                  outcome,
                  nextStep: next,
                  occurredAt: occurredAtIso(outcomeWhen),
                },
                whenErrors(outcomeWhen, 'outcome-at'),
              );
              if (r.ok) navigate(`/cases/${s.caseId}`);
            }}
          >
            Save the outcome
          </Button>
        </section>
      )}

      <section aria-labelledby="advice-heading">
        <h2 className="app-heading-m" id="advice-heading">
          Record advice from an agency
        </h2>
        <p className="app-body">
          Liaising with the MASH for advice (R7.4), or contacting children's social care (R10.3), short of a referral:
          who you spoke to and what they advised.
        </p>
        {(c.advice ?? []).length > 0 && (
          <SummaryList
            rows={(c.advice ?? []).map((x) => ({
              key: `${ADVICE_FROM.find((a) => a.value === x.agency)?.label ?? x.agency}, ${formatDateTime(x.at)}`,
              value: `${x.who}: ${x.advice}`,
            }))}
          />
        )}
        <Radios
          id="advice-from"
          legend="Who did you ask?"
          items={ADVICE_FROM}
          value={adviceFrom}
          onChange={(v) => setAdviceFrom(v as AdviceAgency)}
        />
        <TextInput id="advice-who" label="Who did you speak to?" value={adviceWho} onChange={setAdviceWho} />
        <Textarea id="advice" label="What did they advise?" value={advice} onChange={setAdvice} rows={3} />
        <OccurredAt
          id="advice-at"
          value={adviceWhen}
          onChange={setAdviceWhen}
          label="When did you speak to them?"
          error={s.errors.find((x) => x.fieldId === 'advice-at')?.text}
        />
        <Button
          variant="secondary"
          disabled={s.busy}
          onClick={async () => {
            const r = await s.submit(
              {
                type: 'advice.sought',
                agency: adviceFrom,
                who: adviceWho,
                advice,
                occurredAt: occurredAtIso(adviceWhen),
              },
              [
                ...whenErrors(adviceWhen, 'advice-at'),
                ...(adviceWho.trim() ? [] : [{ fieldId: 'advice-who', text: 'Enter who you spoke to' }]),
                ...(advice.trim() ? [] : [{ fieldId: 'advice', text: 'Enter what they advised' }]),
              ],
            );
            if (r.ok) navigate(`/cases/${s.caseId}`);
          }}
        >
          Save the advice
        </Button>
      </section>

      <h2 className="app-heading-m">Record a referral</h2>
      <Radios
        id="agency"
        legend="Who did you refer to?"
        items={AGENCIES}
        value={agency}
        onChange={(v) => {
          setAgency(v as ReferralAgency);
          setTo(defaultTo(v as ReferralAgency));
        }}
      />
      <TextInput id="to" label="Name of the service or person" value={to} onChange={setTo} />
      <TextInput
        id="phone"
        label="Number called"
        hint="Optional."
        type="tel"
        value={phone}
        onChange={setPhone}
        width="20"
      />
      <TextInput
        id="reference"
        label="Their reference number"
        hint="If they gave one."
        value={reference}
        onChange={setReference}
        width="20"
      />
      <Textarea
        id="note"
        label="What you told them and what they said"
        hint="Optional."
        value={note}
        onChange={setNote}
        rows={3}
      />
      <OccurredAt
        value={when}
        onChange={setWhen}
        label="When did you refer?"
        error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text}
      />
      <ActionBar>
        <Button
          disabled={s.busy}
          onClick={async () => {
            const r = await s.submit(
              {
                type: 'referral.made',
                referralId: `r-${crypto.randomUUID()}`,
                agency,
                to,
                ...(phone.trim() && { phone }),
                ...(reference.trim() && { reference }),
                ...(note.trim() && { note }),
                occurredAt: occurredAtIso(when),
              },
              [
                // A referral follows the disclosure: one dated before it is a typing slip.
                ...whenErrors(
                  when,
                  'occurred-at',
                  new Date(),
                  c.disclosure
                    ? { iso: c.disclosure.disclosedAt, what: 'you were told about it (the disclosure)' }
                    : undefined,
                ),
              ],
            );
            if (r.ok) navigate(`/cases/${s.caseId}`);
          }}
        >
          Save the referral
        </Button>
      </ActionBar>
    </div>
  );
}
