// One case's retention (SECURITY.md item 13): its review date and what it rests on, a legal hold,
// a review date set by hand, a review's "keep until", and the way to destroy it. The domain says
// what is allowed; this screen asks it (useStep) and shows its reasons.
import { useState } from 'react';
import { Link } from 'react-router';
import { stageOf } from '../../domain/machine';
import { retentionFacts, reviewDateFrom } from '../../domain/retention';
import type { Reason } from '../../domain/reasons';
import { Button, ButtonGroup, DateInput, EMPTY_DATE, ErrorSummary, InsetText, NotificationBanner, SummaryList, Textarea, WarningText, type DateParts } from '../components';
import { useStep } from '../data/useStep';
import { useDraftField } from '../data/drafts';
import { useSettings } from '../data/settings';
import { ReasonItem } from '../policy/PolicySays';
import { datesInWords, formatDate, formatDateTime } from '../format';
import { CaseHeader } from './CaseHeader';
import { dateFromParts } from './DeletionPage';
import { may } from '../../domain/permissions';

function HoldForm() {
  const s = useStep(() => 'hold-reason');
  const [reason, setReason] = useDraftField('hold-reason', '');
  const hold = retentionFacts(s.snapshot.context).hold;
  return (
    <section aria-labelledby="hold-heading">
      <h2 className="app-heading-m" id="hold-heading">
        Legal hold
      </h2>
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      {hold ? (
        <>
          <InsetText>
            On legal hold since {formatDateTime(hold.since)}. Why: {hold.reason}
          </InsetText>
          <p className="app-body">While the hold stands the case cannot be reviewed or destroyed.</p>
          <Textarea id="hold-reason" label="Why is the hold lifted?" hint="For example, who told you it is no longer needed, and when." value={reason} onChange={setReason} rows={3} />
          <ButtonGroup>
            <Button
              variant="secondary"
              disabled={s.busy}
              onClick={async () => {
                if ((await s.submit({ type: 'legal-hold.lifted', reason, occurredAt: new Date().toISOString() })).ok) setReason('');
              }}
            >
              Lift the legal hold
            </Button>
          </ButtonGroup>
        </>
      ) : (
        <>
          <p className="app-body">
            A legal hold freezes the case: it cannot be reviewed or destroyed until you lift the hold. Put one on when the police, a court, an inquiry or a claim may need the
            record kept.
          </p>
          <Textarea id="hold-reason" label="Why is the case on hold?" hint="Who asked, and their reference." value={reason} onChange={setReason} rows={3} />
          <ButtonGroup>
            <Button
              variant="secondary"
              disabled={s.busy}
              onClick={async () => {
                if ((await s.submit({ type: 'legal-hold.set', reason, occurredAt: new Date().toISOString() })).ok) setReason('');
              }}
            >
              Put the case on legal hold
            </Button>
          </ButtonGroup>
        </>
      )}
    </section>
  );
}

function DateForm({ kind }: { kind: 'date-set' | 'reviewed' }) {
  const id = kind === 'date-set' ? 'review-date' : 'keep-until';
  const fieldFor = (r: Reason) => (/reason|why/i.test(r.text) ? `${id}-reason` : id);
  const s = useStep(fieldFor);
  const [date, setDate] = useState<DateParts>(EMPTY_DATE);
  const [reason, setReason] = useDraftField(`${id}-reason`, '');
  const heading = kind === 'date-set' ? 'Change the review date' : 'Record a retention review: keep the case';
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 className="app-heading-m" id={`${id}-heading`}>
        {heading}
      </h2>
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      {kind === 'reviewed' && <p className="app-body">You have reviewed the case and it is still needed. Say until when, and why; it will be reviewed again then.</p>}
      <DateInput
        id={id}
        legend={kind === 'date-set' ? 'New review date' : 'Keep until'}
        legendSize="s"
        hint="For example, 1 9 2040"
        value={date}
        onChange={setDate}
        error={s.errors.find((e) => e.fieldId === id)?.text}
      />
      <Textarea
        id={`${id}-reason`}
        label={kind === 'date-set' ? 'Why is the date changed?' : 'Why is it kept?'}
        value={reason}
        onChange={setReason}
        rows={3}
        error={s.errors.find((e) => e.fieldId === `${id}-reason`)?.text}
      />
      <ButtonGroup>
        <Button
          variant="secondary"
          disabled={s.busy}
          onClick={async () => {
            const iso = dateFromParts(date);
            const fe = iso ? [] : [{ fieldId: id, text: 'Enter the date as a real date, for example 1 9 2040' }];
            const occurredAt = new Date().toISOString();
            const draft = kind === 'date-set' ? { type: 'retention.date-set' as const, reviewDate: iso ?? '', reason, occurredAt } : { type: 'retention.reviewed' as const, keepUntil: iso ?? '', reason, occurredAt };
            if ((await s.submit(draft, fe)).ok) {
              setDate(EMPTY_DATE);
              setReason('');
            }
          }}
        >
          {kind === 'date-set' ? 'Save the review date' : 'Record the review'}
        </Button>
      </ButtonGroup>
    </section>
  );
}

export function RetentionCasePage() {
  const s = useStep();
  const settings = useSettings();
  const c = s.snapshot.context;
  const facts = retentionFacts(c);
  const reading = reviewDateFrom(facts, settings.retentionYears);
  const manages = may(s.gateway.actor.role, 'record:retention.reviewed');
  const closed = stageOf(s.snapshot) === 'closed';
  return (
    <div className="app-page">
      <CaseHeader />
      <h1 className="app-heading-l">Retention</h1>
      {facts.hold && (
        <NotificationBanner heading="This case is on legal hold.">
          <p className="app-body">It cannot be reviewed or destroyed until the hold is lifted.</p>
        </NotificationBanner>
      )}
      <SummaryList
        rows={[
          { key: 'Review date', value: reading.date ? formatDate(reading.date) : 'Not set: the app cannot work it out' },
          { key: 'Worked out from', value: reading.source === 'set' ? `Set by hand (${facts.set?.kind === 'reviewed' ? 'at a review' : 'changed'})` : reading.source === 'birthday' ? `The youngest young person's ${settings.retentionYears}th birthday` : 'Nothing: set it below' },
          ...(reading.source === 'set' && reading.birthdayDate ? [{ key: `${settings.retentionYears}th birthday of the youngest`, value: formatDate(reading.birthdayDate) }] : []),
          { key: 'Legal hold', value: facts.hold ? `Since ${formatDate(facts.hold.since)}` : 'None' },
          { key: 'Case', value: closed ? `Closed ${formatDate(facts.closedAt)}` : 'Open' },
        ]}
      />
      <h2 className="app-heading-s">Why this date</h2>
      <ul className="app-list">
        {reading.reasons.map((r) => (
          <ReasonItem key={r.text} r={{ ...r, text: datesInWords(r.text) }} />
        ))}
      </ul>
      {!manages ? (
        <p className="app-body">The DSL or a deputy records legal holds, review dates and reviews.</p>
      ) : (
        <>
          <HoldForm />
          <DateForm kind="date-set" />
          {closed && !facts.hold && <DateForm kind="reviewed" />}
          <h2 className="app-heading-m">Destroy the case</h2>
          {closed ? (
            <>
              <p className="app-body">
                When a review finds the case is no longer needed, you and a second key holder can destroy it. What stays is a signed note that the record existed and was
                destroyed: its reference, dates, who destroyed it, who agreed and why.
              </p>
              <WarningText>Older backups and exported PDFs are outside the app’s reach: they still hold the case after it is destroyed here.</WarningText>
              <p className="app-body">
                <Link className="app-link app-link--block" to={`/cases/${s.caseId}/destroy`}>
                  Destroy this case
                </Link>
              </p>
            </>
          ) : (
            <p className="app-body">Only a closed case can be destroyed, after its review date.</p>
          )}
        </>
      )}
    </div>
  );
}
