// One case's retention (docs/SECURITY.md item 13): its review date and what it rests on, a legal hold,
// a review date set by hand, a review's "keep until", and the way to destroy it. The domain says
// what is allowed; this screen asks it (useStep) and shows its reasons.
import { Link } from 'react-router';
import { stageOf } from '../../domain/machine';
import { retentionFacts, reviewDateFrom } from '../../domain/retention';
import { retentionActions, type RetentionAction } from '../../domain/retentionGates';
import type { Reason } from '../../domain/reasons';
import { InsetText, NotificationBanner, SummaryList, WarningText } from '../components';
import { useStep } from '../data/useStep';
import { useSettings } from '../data/settings';
import { ReasonItem } from '../policy/PolicySays';
import { datesInWords, formatDate } from '../format';
import { CaseHeader } from './CaseHeader';
import { may } from '../../domain/permissions';
import { HoldForm } from './retention/HoldForm';
import { DateForm } from './retention/DateForm';

/** An action a legal hold (or the case's stage) blocks: shown with why, never offered (issue 15). */
function Blocked({ title, why }: { title: string; why: Reason }) {
  return (
    <section aria-label={`${title}: blocked`}>
      <h2 className="app-heading-m">{title}</h2>
      <InsetText>
        <strong>Blocked.</strong> {datesInWords(why.text)} ({why.rule})
      </InsetText>
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
  const stage = stageOf(s.snapshot);
  const closed = stage === 'closed';
  const blocked = Object.fromEntries(retentionActions(c, stage).map((a) => [a.action, a.blocked])) as Record<
    RetentionAction,
    Reason | null
  >;
  return (
    <div className="app-page">
      <CaseHeader />
      <h1 className="app-heading-l">Retention</h1>
      {facts.hold && (
        <NotificationBanner heading="This case is on legal hold.">
          <p className="app-body">
            It cannot be reviewed or destroyed, and its review date cannot be brought forward, until the hold is lifted.
            Hold: {facts.hold.reason}
          </p>
        </NotificationBanner>
      )}
      <SummaryList
        rows={[
          {
            key: 'Review date',
            value: reading.date ? formatDate(reading.date) : 'Not set: the app cannot work it out',
          },
          {
            key: 'Worked out from',
            value:
              reading.source === 'set'
                ? `Set by hand (${facts.set?.kind === 'reviewed' ? 'at a review' : 'changed'})`
                : reading.source === 'birthday'
                  ? `The youngest young person's ${settings.retentionYears}th birthday`
                  : 'Nothing: set it below',
          },
          ...(reading.source === 'set' && reading.birthdayDate
            ? [
                {
                  key: `${settings.retentionYears}th birthday of the youngest`,
                  value: formatDate(reading.birthdayDate),
                },
              ]
            : []),
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
          {closed &&
            (blocked.review ? (
              <Blocked title="Record a retention review" why={blocked.review} />
            ) : (
              <DateForm kind="reviewed" />
            ))}
          {blocked.destroy ? (
            <Blocked title="Destroy the case" why={blocked.destroy} />
          ) : (
            <>
              <h2 className="app-heading-m">Destroy the case</h2>
              <p className="app-body">
                When a review finds the case is no longer needed, you and a second key holder can destroy it. What stays
                is a signed note that the record existed and was destroyed: its reference, dates, who destroyed it, who
                agreed and why.
              </p>
              <WarningText>
                Older backups and exported PDFs are outside the app’s reach: they still hold the case after it is
                destroyed here.
              </WarningText>
              <p className="app-body">
                <Link className="app-link app-link--block" to={`/cases/${s.caseId}/destroy`}>
                  Destroy this case
                </Link>
              </p>
            </>
          )}
        </>
      )}
    </div>
  );
}
