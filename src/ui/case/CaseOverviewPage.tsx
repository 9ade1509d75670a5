// A case as a task list (GOV.UK pattern): every stage of the response with its status.
import { Link } from 'react-router';
import { stageOf } from '../../domain/machine';
import { caseTasks, type CaseTask, type TaskState } from '../../domain/tasks';
import { owedToPolicy } from '../../domain/owed';
import { NotificationBanner, TaskList, type TaskListItem, type TaskStatus } from '../components';
import { useCase } from '../data/CaseContext';
import { formatDate, todayIso } from '../format';
import { retentionFacts } from '../../domain/retention';
import { CaseHeader } from './CaseHeader';
import { OwedList } from './OwedList';
import { DiscardNotice } from './DiscardPage';
import { BranchesNotice } from './BranchesPage';
import { SameIncidentNotice } from './sameIncident/SameIncidentNotice';
import { closedAsSameIncident } from '../../domain/sameIncident';
import './case.css';
import { may } from '../../domain/permissions';

const TASK_PATHS: Record<CaseTask['id'], string> = {
  disclosure: 'disclosure',
  'initial-review': 'review',
  referrals: 'referrals',
  'risk-assessment': 'risk',
  parents: 'parents',
  conversations: 'conversations',
  viewing: 'viewing',
  deletion: 'deletion',
  devices: 'devices',
  'social-care': 'social-care',
  'online-removal': 'removal',
  'sign-off': 'sign-off',
  close: 'close',
};

function status(state: TaskState): { status: TaskStatus; statusText?: string } {
  if (state === 'optional') return { status: 'not-started', statusText: 'Optional' };
  if (state === 'not-needed') return { status: 'cannot-start', statusText: 'Not needed' };
  return { status: state };
}

export function CaseOverviewPage() {
  const { snapshot, caseId, gateway } = useCase();
  const c = snapshot.context;
  const stage = stageOf(snapshot);
  const tasks = caseTasks(c, stage, todayIso());
  const owed = owedToPolicy(c);
  const newDecision = owed.find((x) => x.kind === 'new-decision');
  const referNow = owed.filter((x) => x.kind === 'act-now' || x.kind === 'escalation');
  const items: TaskListItem[] = tasks.map((t) => ({
    id: t.id,
    title: t.title,
    href: t.id === 'close' && c.closed ? `/cases/${caseId}/reopen` : `/cases/${caseId}/${TASK_PATHS[t.id]}`,
    ...status(t.state),
    ...(t.id === 'viewing' && t.state === 'optional' && { statusText: 'Only if justified' }),
    ...(t.detail && { hint: t.detail }),
  }));
  return (
    <div className="app-page">
      <CaseHeader />
      <h1 className="app-heading-l">The response</h1>
      <DiscardNotice />
      <BranchesNotice />
      <SameIncidentNotice />
      {may(gateway.actor.role, 'sign-off-as-headteacher') && (
        <p className="app-body">
          As Headteacher you can read this case and sign off a decision not to refer (R14.3). The DSL and deputies
          record every other step.
        </p>
      )}
      {newDecision && !c.closed && (
        <NotificationBanner variant="urgent" heading="A new decision is needed">
          <p className="app-body" dir="auto">
            {newDecision.text}
          </p>
          <p className="app-body">
            Nothing can be deleted, and the case cannot be closed, until a new decision is recorded (R6.9).
          </p>
          <p className="app-body">
            <Link className="app-link app-link--block" to={`/cases/${caseId}/review`}>
              Record a new decision
            </Link>
          </p>
          {referNow.length > 0 && <OwedList caseId={caseId} items={referNow} />}
        </NotificationBanner>
      )}
      {/* One urgent banner at a time (each is a landmark): the new decision above includes the referrals. */}
      {referNow.length > 0 && !newDecision && !c.closed && (
        <NotificationBanner
          variant="urgent"
          heading={
            referNow.some((x) => x.route === 'mash-referral')
              ? 'The facts meet an immediate-referral trigger: refer to the MASH now, or record an accountable override.'
              : 'Refer now, or record an accountable override.'
          }
        >
          <OwedList caseId={caseId} items={referNow} />
        </NotificationBanner>
      )}
      {c.retention?.hold && (
        <NotificationBanner heading="This case is on legal hold: it cannot be reviewed or destroyed while the hold stands.">
          <p className="app-body">
            Since {formatDate(retentionFacts(c).hold?.since)}. Why: {c.retention.hold.reason}
          </p>
          <p className="app-body">
            <Link className="app-link app-link--block" to={`/cases/${caseId}/retention`}>
              See the case’s retention
            </Link>
          </p>
        </NotificationBanner>
      )}
      {/* A case closed as the same incident owes nothing: its steps are not offered (src/domain/sameIncident.ts). */}
      {!closedAsSameIncident(c) && <TaskList items={items} />}
      <h2 className="app-heading-m">Record</h2>
      <ul className="app-list app-case-actions">
        <li>
          <Link className="app-link" to={`/cases/${caseId}/chronology`}>
            Chronology: every event, who, when and why
          </Link>
        </li>
        <li>
          <Link className="app-link" to={`/cases/${caseId}/export`}>
            Export the case record (signed PDF)
          </Link>
        </li>
        <li>
          <Link className="app-link" to={`/cases/${caseId}/retention`}>
            Retention: review date, legal hold{c.closed ? ', review or destroy' : ''}
          </Link>
        </li>
        <li>
          <Link className="app-link" to={`/cases/${caseId}/transfer`}>
            Transfer this case (for a pupil's next school or another DSL)
          </Link>
        </li>
        {!c.closed && !closedAsSameIncident(c) && (
          <>
            <li>
              <Link className="app-link" to={`/cases/${caseId}/facts`}>
                Record new facts (the triggers are re-checked)
              </Link>
            </li>
            <li>
              <Link className="app-link" to={`/cases/${caseId}/note`}>
                Add a note
              </Link>
            </li>
            <li>
              <Link className="app-link" to={`/cases/${caseId}/amend`}>
                Amend an answer
              </Link>
            </li>
          </>
        )}
      </ul>
    </div>
  );
}
