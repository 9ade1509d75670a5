// The case as a task list (GOV.UK pattern): every stage of the response with its status, worked
// out from the record and the gates, so the UI shows it without repeating a rule.
import { currentDecision, referenceDate, type CaseRecord } from './case';
import { sameIncidentStatus } from './sameIncident';
import { needsSignOff, owedBlocking, parentsToInform, owedToPolicy, type OwedItem, type OwedStep } from './owed';
import type { Reason } from './reasons';
import { assess } from './rules/assess';
import { isReferralDecision } from './rules/routes';
import type { Stage } from './stages';
import type { RuleId } from './rules/catalogue';

export type TaskId =
  | 'disclosure'
  | 'initial-review'
  | 'referrals'
  | 'risk-assessment'
  | 'parents'
  | 'conversations'
  | 'viewing'
  | 'deletion'
  | 'devices'
  | 'social-care'
  | 'online-removal'
  | 'sign-off'
  | 'close';

export type TaskState =
  | 'not-started'
  | 'in-progress'
  | 'completed'
  | 'overdue'
  | 'act-now'
  | 'cannot-start'
  | 'optional'
  | 'not-needed';

export interface CaseTask {
  id: TaskId;
  title: string;
  state: TaskState;
  /** The rule that asks for this step. */
  rule: RuleId;
  /** A short line under the title: what is left, or why it cannot start. */
  detail?: string;
  /** Why it cannot start yet (the gate's reasons). */
  blockedBy?: Reason[];
  /** What the case still owes the policy at this step (owed.ts). */
  owed?: OwedItem[];
}

/** The task whose screen is each step where an owed thing is done. */
const TASK_OF_STEP: Record<OwedStep, TaskId> = {
  disclosure: 'disclosure',
  review: 'initial-review',
  referrals: 'referrals',
  risk: 'risk-assessment',
  parents: 'parents',
  viewing: 'viewing',
  deletion: 'deletion',
  devices: 'devices',
  'social-care': 'social-care',
  'sign-off': 'sign-off',
  // Recorded on two tablets at once: the merge holds back closing (src/domain/merge.ts).
  branches: 'close',
  // Two cases of one disclosure closed into each other apart: deciding again holds back closing.
  'same-incident': 'close',
};

/** `today` (ISO date) only marks deadlines overdue; it never changes what is allowed. */
export function caseTasks(c: CaseRecord, stage: Stage, today: string): CaseTask[] {
  const decision = currentDecision(c);
  const refers = decision ? isReferralDecision(decision.routes) : false;
  const yp = parentsToInform(c);
  const tasks: CaseTask[] = [];
  const owed = owedToPolicy(c);
  const owedAt = (id: TaskId) => owed.filter((x) => TASK_OF_STEP[x.step] === id && x.kind !== 'evidence');
  const newDecision = owed.find((x) => x.kind === 'new-decision');
  const referNow = owed.some((x) => x.kind === 'act-now' || x.kind === 'escalation');

  tasks.push({
    id: 'disclosure',
    title: 'Disclosure',
    rule: 'R4.6',
    state: c.disclosure ? 'completed' : 'not-started',
  });

  const a = assess(c.facts, { confirmedTypology: decision?.typology ?? null, referenceDate: referenceDate(c) });
  tasks.push({
    id: 'initial-review',
    title: 'Initial review meeting',
    rule: 'R4.2',
    state: !c.disclosure
      ? 'cannot-start'
      : newDecision
        ? 'act-now'
        : decision
          ? 'completed'
          : a.routes.immediateReferral === 'yes'
            ? 'act-now'
            : 'not-started',
    ...(decision && {
      detail: newDecision
        ? 'A new decision is needed'
        : `Decided ${decision.typology}; ${decision.routes.length} route${decision.routes.length === 1 ? '' : 's'}`,
    }),
  });

  const wantsReferral = refers || stage === 'referral' || (decision?.routes.includes('lado') ?? false);
  const open = c.referrals.filter((r) => !r.outcome);
  tasks.push({
    id: 'referrals',
    title: 'Referrals (MASH, police, LADO)',
    rule: 'R5.2',
    state: referNow
      ? 'act-now'
      : c.referrals.length > 0
        ? open.length > 0 || owedAt('referrals').length > 0
          ? 'in-progress'
          : 'completed'
        : wantsReferral || owedAt('referrals').length > 0
          ? 'not-started'
          : decision
            ? 'not-needed'
            : 'optional',
    ...(referNow
      ? { detail: 'Refer now, or record an accountable override' }
      : open.length > 0 && { detail: `${open.length} outcome${open.length === 1 ? '' : 's'} to record` }),
  });

  const raNeeded = !!decision && !refers;
  tasks.push({
    id: 'risk-assessment',
    title: 'Risk assessment',
    rule: 'R8',
    state:
      c.riskAssessments.length > 0
        ? 'completed'
        : !decision
          ? 'cannot-start'
          : raNeeded || stage === 'riskAssessment'
            ? 'not-started'
            : 'optional',
  });

  const parentsDone = yp.filter((p) => c.parents[p.id]).length;
  tasks.push({
    id: 'parents',
    title: 'Parents and carers',
    rule: 'R9.1',
    state: !c.disclosure
      ? 'cannot-start'
      : yp.length > 0 && parentsDone === yp.length
        ? 'completed'
        : parentsDone > 0
          ? 'in-progress'
          : 'not-started',
    detail: `${parentsDone} of ${yp.length} young people recorded`,
  });

  tasks.push({
    id: 'conversations',
    title: 'Talking with the young people',
    rule: 'R13.1',
    state: !c.disclosure ? 'cannot-start' : c.conversations.length > 0 ? 'completed' : 'optional',
    ...(c.conversations.length > 0 && { detail: `${c.conversations.length} recorded` }),
  });

  const viewingsOpen = c.viewings.filter((v) => !v.record).length;
  tasks.push({
    id: 'viewing',
    title: 'Viewing the imagery (only if justified)',
    rule: 'R11.1',
    // Reachable, never "not needed": an unavoidable viewing must be recordable after the fact (R11.4).
    state:
      c.viewings.length === 0
        ? 'optional'
        : viewingsOpen > 0
          ? 'in-progress'
          : c.supportOffered.length > 0
            ? 'completed'
            : 'in-progress',
    detail:
      c.viewings.length === 0
        ? 'In most cases imagery should not be viewed'
        : viewingsOpen > 0
          ? 'Record the viewing'
          : c.supportOffered.length === 0
            ? 'Record support offered to staff who viewed'
            : 'Recorded',
  });

  const delBlockers = owedBlocking(c, 'delete', owed);
  const pending = c.deletion
    ? c.deletion.items.filter(
        (i) => !c.deletion?.confirmations.some((x) => x.personId === i.personId && x.where === i.where),
      )
    : [];
  tasks.push({
    id: 'deletion',
    title: 'Deleting the imagery',
    rule: 'R12.1',
    state: c.deletion
      ? pending.length === 0
        ? 'completed'
        : c.deletion.deadline < today
          ? 'overdue'
          : 'in-progress'
      : delBlockers.length === 0
        ? 'not-started'
        : refers
          ? 'not-needed'
          : 'cannot-start',
    ...(c.deletion && pending.length > 0 && { detail: `${pending.length} to confirm by ${c.deletion.deadline}` }),
    ...(!c.deletion && delBlockers.length > 0 && { blockedBy: delBlockers }),
  });

  const held = c.devices.filter((d) => !d.collected).length;
  tasks.push({
    id: 'devices',
    title: 'Devices for the police',
    rule: 'R10.2',
    state:
      c.devices.length > 0
        ? held > 0
          ? 'in-progress'
          : 'completed'
        : decision?.routes.includes('police')
          ? 'not-started'
          : 'optional',
    ...(held > 0 && { detail: `${held} held, awaiting collection` }),
  });

  const careOwed = owedAt('social-care').length > 0;
  tasks.push({
    id: 'social-care',
    title: "Children's social care",
    rule: 'R10.3',
    state: careOwed
      ? c.socialCareContacts.length > 0
        ? 'in-progress'
        : 'not-started'
      : c.socialCareContacts.length > 0
        ? 'completed'
        : 'optional',
  });

  tasks.push({
    id: 'online-removal',
    title: 'Removing imagery online',
    rule: 'R15.1',
    state: c.removals.length > 0 ? 'completed' : 'optional',
  });

  const signOwed = owedAt('sign-off')[0];
  const needs = decision ? needsSignOff(c, decision) : false;
  tasks.push({
    id: 'sign-off',
    title: 'Headteacher sign-off',
    rule: 'R14.3',
    state: !decision
      ? 'cannot-start'
      : !needs
        ? 'not-needed'
        : signOwed
          ? newDecision
            ? 'cannot-start'
            : 'not-started'
          : 'completed',
    ...(signOwed && { detail: newDecision ? 'A new decision is needed first' : signOwed.text }),
  });

  const closing = owedBlocking(c, 'close', owed);
  // A case closed as the same incident as another is closed (src/domain/sameIncident.ts).
  const closed = c.closed || !!sameIncidentStatus(c);
  tasks.push({
    id: 'close',
    title: sameIncidentStatus(c) ?? (c.closed ? 'Closed' : 'Close the case'),
    rule: 'R14.1',
    state: closed ? 'completed' : closing.length === 0 ? 'not-started' : 'cannot-start',
    ...(!closed &&
      closing.length > 0 && {
        blockedBy: closing,
        detail: `${closing.length} thing${closing.length === 1 ? '' : 's'} to do first`,
      }),
  });
  for (const t of tasks) {
    const here = owedAt(t.id);
    if (here.length > 0) t.owed = here;
  }
  return tasks;
}
