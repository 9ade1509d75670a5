// The response process as an XState v5 machine. Its context is the case record; every accepted
// event goes through the one reducer (`applyEvent`), and every guard asks the domain's gates.
import { and, assign, initialTransition, setup, transition, type SnapshotFrom } from 'xstate';
import { applyEvent, currentDecision, emptyCase, referenceDate, type CaseRecord } from './case';
import type { CaseEvent, CaseEventType } from './events';
import { explain } from './gates';
import { assess } from './rules/assess';
import { isReferralDecision } from './rules/routes';
import { STAGE_ACCEPTS, type Stage } from './stages';
import type { Explanation } from './reasons';

type StageParams = { stage: Stage };

/** After this event, do the facts meet an immediate-referral trigger while the decision is not to refer (R6.9)? */
function escalatesAfter(c: CaseRecord, e: CaseEvent): boolean {
  const next = applyEvent(c, e);
  const decision = currentDecision(next);
  if (!decision || isReferralDecision(decision.routes)) return false;
  return (
    assess(next.facts, { confirmedTypology: decision.typology, referenceDate: referenceDate(next) }).routes
      .immediateReferral === 'yes'
  );
}

export const caseMachine = setup({
  types: {
    context: {} as CaseRecord,
    events: {} as CaseEvent,
  },
  guards: {
    allowed: ({ context, event }, params: StageParams) => explain(params.stage, context, event).allowed,
    decisionRefers: ({ event }) => event.type === 'review.decided' && isReferralDecision(event.decision.routes),
    riskAssessed: ({ context }) => context.riskAssessments.length > 0,
    escalates: ({ context, event }) => escalatesAfter(context, event),
    /** The outcome being recorded is the last one outstanding. */
    lastOutcome: ({ context, event }) =>
      event.type === 'referral.outcome' &&
      context.referrals.every((r) => r.id === event.referralId || r.outcome !== undefined),
    lastOutcomeReturnsToSchool: ({ context, event }) =>
      event.type === 'referral.outcome' &&
      event.nextStep === 'return-to-school' &&
      context.riskAssessments.length === 0 &&
      context.referrals.every((r) => r.id === event.referralId || r.outcome !== undefined),
  },
  actions: {
    apply: assign(({ context, event }) => applyEvent(context, event)),
  },
}).createMachine({
  id: 'case',
  context: emptyCase,
  initial: 'new',
  states: {
    new: { on: transitions('new', { 'case.opened': [{ target: 'disclosure' }] }) },
    disclosure: {
      on: transitions('disclosure', {
        'disclosure.recorded': [{ target: 'initialReview' }],
        escalated: [{ target: 'referral' }],
      }),
    },
    initialReview: {
      on: transitions('initialReview', {
        'review.decided': [{ guard: 'decisionRefers', target: 'referral' }, { target: 'riskAssessment' }],
        escalated: [{ target: 'referral' }],
      }),
    },
    referral: {
      on: transitions('referral', {
        'review.decided': [
          { guard: 'decisionRefers' },
          { guard: 'riskAssessed', target: 'response' },
          { target: 'riskAssessment' },
        ],
        'referral.outcome': [
          { guard: 'lastOutcomeReturnsToSchool', target: 'riskAssessment' },
          { guard: 'lastOutcome', target: 'response' },
          {},
        ],
        escalated: [{}],
      }),
    },
    riskAssessment: {
      on: transitions('riskAssessment', {
        'risk.assessed': [{ guard: 'escalates', target: 'referral' }, { target: 'response' }],
        'review.decided': [{ guard: 'decisionRefers', target: 'referral' }, {}],
        escalated: [{ target: 'referral' }],
      }),
    },
    response: {
      on: transitions('response', {
        'review.decided': [{ guard: 'decisionRefers', target: 'referral' }, {}],
        'risk.assessed': [{ guard: 'escalates', target: 'referral' }, {}],
        'case.closed': [{ target: 'closed' }],
        escalated: [{ target: 'referral' }],
      }),
    },
    closed: { on: transitions('closed', { 'case.reopened': [{ target: 'response' }] }) },
  },
});

type Branch = { guard?: string; target?: Stage };

/**
 * Every event a stage accepts (STAGE_ACCEPTS) becomes a transition guarded by `explain`; the
 * branches given add targets. New facts re-run R6 everywhere after the decision (R4.5, R6.9).
 */
function transitions(stage: Stage, special: Partial<Record<CaseEventType, Branch[]>>) {
  const allowed = { type: 'allowed', params: { stage } } as const;
  const on: Record<string, unknown[]> = {};
  for (const type of STAGE_ACCEPTS[stage]) {
    let branches = special[type];
    if (!branches && (type === 'facts.updated' || type === 'referral.made' || type === 'disclosure.recorded')) {
      branches =
        stage === 'referral' || stage === 'initialReview' ? [{}] : [{ guard: 'escalates', target: 'referral' }, {}];
    }
    on[type] = (branches ?? [{}]).map((b) => ({
      guard: b.guard ? and([allowed, b.guard as never]) : allowed,
      ...(b.target ? { target: `#case.${b.target}` } : {}),
      actions: 'apply',
    }));
  }
  return on as never;
}

export type CaseSnapshot = SnapshotFrom<typeof caseMachine>;

export function stageOf(snapshot: CaseSnapshot): Stage {
  return snapshot.value as Stage;
}

/** Would the machine accept this event now, and why (not)? The UI asks this; it never repeats a rule. */
export function explainEvent(snapshot: CaseSnapshot, event: CaseEvent): Explanation {
  return explain(stageOf(snapshot), snapshot.context, event);
}

export class RejectedEventError extends Error {
  constructor(
    readonly event: CaseEvent,
    readonly explanation: Explanation,
  ) {
    super(
      `Event ${event.type} (${event.id}) was refused: ${explanation.reasons.map((r) => `${r.rule} ${r.text}`).join(' ')}`,
    );
    this.name = 'RejectedEventError';
  }
}

/**
 * Apply one event to a snapshot; throws RejectedEventError (with the domain's reasons) if refused.
 * Pure: xstate's `transition` computes the next snapshot without starting an actor (the machine's
 * only action, `apply`, is an assign, which `transition` applies).
 */
export function step(snapshot: CaseSnapshot, event: CaseEvent): CaseSnapshot {
  if (!snapshot.can(event)) throw new RejectedEventError(event, explainEvent(snapshot, event));
  return transition(caseMachine, snapshot, event)[0];
}

export function initialSnapshot(): CaseSnapshot {
  return initialTransition(caseMachine)[0];
}

/** Replaying a case's events from the initial state reproduces its snapshot (issue 2). */
export function replay(events: readonly CaseEvent[]): CaseSnapshot {
  let s = initialSnapshot();
  for (const e of events) s = step(s, e);
  return s;
}

/**
 * Restore a persisted snapshot (getPersistedSnapshot -> JSON -> here). The machine has no child
 * actors or history, so its state value and context are the whole of it.
 */
export function restore(persisted: unknown): CaseSnapshot {
  const p = persisted as Pick<CaseSnapshot, 'value' | 'context'>;
  return caseMachine.resolveState({ value: p.value, context: p.context });
}

export function persist(snapshot: CaseSnapshot): unknown {
  return JSON.parse(JSON.stringify(caseMachine.getPersistedSnapshot(snapshot)));
}
