// Test data builders: whole case flows (E1 managed in school, E5 referred), snapshots part
// way through them, and the payloads the gates ask for (viewing safeguards, signatures).
import { initialSnapshot, step, type CaseSnapshot } from '../../src/domain/machine';
import type { CaseEvent, ViewingSafeguards } from '../../src/domain/events';
import { E1, E5 } from './facts';
import { HEAD, STAFF, decision, disclosure, ev, opened, typedSignature } from './events';

/** Apply events one by one through the machine; throws (with the domain's reasons) on a refusal. */
export function run(events: readonly CaseEvent[]): CaseSnapshot {
  return events.reduce(step, initialSnapshot());
}

/** E1 from disclosure to closed, managed in school. */
export function experimentalFlow(): CaseEvent[] {
  const facts = E1();
  const [maya, leo] = facts.persons;
  const d = decision(facts, 'experimental', ['risk-assessment', 'school-manage']);
  return [
    opened(),
    ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }, STAFF),
    ev('review.decided', { decision: d, facts }),
    ev('risk.assessed', {
      tool: 'WSCB Risk Assessment Matrix',
      level: 'low',
      answers: { why: 'In a relationship.' },
      facts: {},
    }),
    ev('signoff.signed', { decisionId: d.decisionId, signature: typedSignature('Helen Okafor') }, HEAD),
    ev('parents.recorded', { personId: maya!.id, decision: 'informed', informedBy: 'Dana Shah' }),
    ev('parents.recorded', { personId: leo!.id, decision: 'young-person-will-tell' }),
    ev('deletion.planned', {
      deadline: '2026-03-05',
      items: [
        { personId: maya!.id, where: 'Phone' },
        { personId: leo!.id, where: 'Snapchat' },
      ],
      illegalityReminderGiven: true,
    }),
    ev('deletion.confirmed', { personId: maya!.id, where: 'Phone', how: 'Confirmed in person.' }),
    ev('deletion.confirmed', { personId: leo!.id, where: 'Snapchat', how: 'Confirmed in person.' }),
    ev('case.closed', { summary: 'Managed in school; both young people supported.' }),
  ];
}

/** E5 referred to the MASH at once, from disclosure to closed. */
export function referralFlow(): CaseEvent[] {
  const facts = E5();
  const d = decision(facts, 'aggravated', ['mash-referral', 'risk-assessment']);
  return [
    opened('YPSI-2026-002'),
    ev('disclosure.recorded', { disclosure: disclosure({ disclosedBy: 'Priya' }), persons: facts.persons }),
    ev('review.decided', { decision: d, facts }),
    ev('referral.made', {
      referralId: 'r1',
      agency: 'mash',
      to: 'Wolverhampton MASH',
      phone: '01902 555392',
      reference: 'M-123',
    }),
    ev('referral.outcome', {
      referralId: 'r1',
      outcome: 'Strategy discussion held; social worker allocated.',
      nextStep: 'agency-leads',
    }),
    ev('parents.recorded', { personId: facts.persons[0]!.id, decision: 'informed' }),
    ev('case.closed', { summary: 'Referred; social care leads.' }),
  ];
}

/**
 * E1 managed in school, up to the point where it could be closed: decision, risk assessment,
 * the Headteacher's sign-off and both sets of parents. Returns the events and the people.
 */
export function closableExperimental(): { events: CaseEvent[]; mayaId: string; leoId: string; decisionId: string } {
  const flow = experimentalFlow();
  const events = flow.filter((e) => !['deletion.planned', 'deletion.confirmed', 'case.closed'].includes(e.type));
  const decided = flow.find((e) => e.type === 'review.decided');
  const disclosed = flow.find((e) => e.type === 'disclosure.recorded');
  if (decided?.type !== 'review.decided' || disclosed?.type !== 'disclosure.recorded') throw new Error('flow changed');
  return {
    events,
    mayaId: disclosed.persons[0]!.id,
    leoId: disclosed.persons[1]!.id,
    decisionId: decided.decision.decisionId,
  };
}

/** Every R11.3 safeguard (and R11.1) in place. */
export function allSafeguards(overrides: Partial<ViewingSafeguards> = {}): ViewingSafeguards {
  return {
    discussedWithHeadteacher: true,
    viewerAuthorised: true,
    secondStaffPresent: true,
    onPremises: true,
    sameSexWherePossible: true,
    noCopyPrintShare: true,
    noSignificantDistress: true,
    ...overrides,
  };
}
