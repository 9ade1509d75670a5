// Referrals (R5.2, R6, R10, R17): who referred, when, to whom, the reference and the outcome; the
// MASH, police and LADO contacts from settings, large and tappable. Every referral and outcome is
// recorded here without leaving: once one is saved it joins the list, with "Record the outcome"
// under it and "Record another referral" below.
import { useEffect, useRef, useState } from 'react';
import { owedToPolicy } from '../../domain/owed';
import {
  ActionBar,
  Button,
  ButtonLink,
  ErrorSummary,
  InsetText,
  NotificationBanner,
  PhoneLink,
  SummaryList,
  WarningText,
} from '../components';
import { type FieldIds, useStep } from '../data/useStep';
import { useSettings } from '../data/settings';
import { formatDateTime } from '../format';
import { CaseReminders } from '../reminders/CaseReminders';
import { CaseHeader } from './CaseHeader';
import { OwedList } from './OwedList';
import { AdviceSection } from './referrals/AdviceSection';
import { NEXT } from './referrals/choices';
import { OutcomeForm } from './referrals/OutcomeForm';
import { ReferralForm } from './referrals/ReferralForm';

/** Where this page shows each answer a referral's reasons can name (src/domain/reasons.ts). */
export const REFERRAL_FIELDS = { to: 'to', outcome: 'outcome', who: 'advice-who', advice: 'advice' } satisfies FieldIds;

export function ReferralsPage() {
  const s = useStep(REFERRAL_FIELDS, 'to');
  const settings = useSettings();
  const c = s.snapshot.context;
  // The new-referral form is open until the first referral is saved, then on "Record another referral".
  const [adding, setAdding] = useState(c.referrals.length === 0);
  const [outcomeFor, setOutcomeFor] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ text: string; n: number } | null>(null);
  const banner = useRef<HTMLDivElement>(null);
  // Where focus goes after an action: the confirmation, or the form just opened.
  const [focus, setFocus] = useState<{ id: string; n: number } | null>(null);
  useEffect(() => {
    if (!focus) return;
    const el = focus.id === 'saved' ? banner.current : document.getElementById(focus.id);
    el?.focus();
    el?.scrollIntoView?.({ block: 'start' });
  }, [focus]);
  const moveFocus = (id: string) => setFocus((f) => ({ id, n: (f?.n ?? 0) + 1 }));
  const confirm = (text: string) => {
    setSaved((x) => ({ text, n: (x?.n ?? 0) + 1 }));
    moveFocus('saved');
  };
  const owedHere = owedToPolicy(c).filter((x) => x.step === 'referrals' && x.kind !== 'evidence');

  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Referrals</h1>
      {saved && (
        <div ref={banner} tabIndex={-1} key={saved.n}>
          <NotificationBanner variant="success" heading={saved.text} />
        </div>
      )}
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
        <section aria-labelledby="made-heading">
          <h2 className="app-heading-m" id="made-heading">
            Referrals made ({c.referrals.length})
          </h2>
          <ol className="app-referrals">
            {c.referrals.map((r) => (
              <li key={r.id} className="app-referral" data-referral={r.id}>
                <SummaryList
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
                {!r.outcome &&
                  (outcomeFor === r.id ? (
                    <OutcomeForm
                      s={s}
                      referral={r}
                      onSaved={() => {
                        setOutcomeFor(null);
                        confirm(`The outcome of the referral to ${r.to} is saved.`);
                      }}
                      onCancel={() => setOutcomeFor(null)}
                    />
                  ) : (
                    <Button
                      variant="secondary"
                      aria-label={`Record the outcome of the referral to ${r.to}`}
                      onClick={() => {
                        s.setErrors([]);
                        setOutcomeFor(r.id);
                        moveFocus('outcome');
                      }}
                    >
                      Record the outcome
                    </Button>
                  ))}
              </li>
            ))}
          </ol>
        </section>
      )}

      {adding ? (
        <ReferralForm
          s={s}
          another={c.referrals.length > 0}
          onSaved={(to) => {
            setAdding(false);
            confirm(`The referral to ${to} is saved. Record its outcome here when you hear back.`);
          }}
          onCancel={c.referrals.length > 0 ? () => setAdding(false) : undefined}
        />
      ) : (
        <Button
          variant="secondary"
          onClick={() => {
            s.setErrors([]);
            setAdding(true);
            moveFocus('new-referral-heading');
          }}
        >
          Record another referral
        </Button>
      )}

      <CaseReminders caseId={s.caseId} kinds={['referral-outcome']} heading="Outcomes to chase" />

      <AdviceSection s={s} onSaved={() => confirm('The advice is saved.')} />

      <ActionBar>
        <ButtonLink variant="secondary" to={`/cases/${s.caseId}`}>
          Back to the case
        </ButtonLink>
      </ActionBar>
    </div>
  );
}
