// Test data builders for the model-based test: the events each role might try in a given case
// state, built from the case's own context (its people, decision, referrals, deletion plan,
// devices, viewings) so that the useful ones can be valid. Deterministic: ids and times derive
// from the event count, and each id ends with "@role" so a state can say who acted last.
import { transition } from 'xstate';
import { caseMachine, stageOf, type CaseSnapshot } from '../../src/domain/machine';
import { currentDecision, referenceDate } from '../../src/domain/case';
import type { CaseEvent, CaseEventOf, CaseEventType, ReferralAgency } from '../../src/domain/events';
import { assess } from '../../src/domain/rules/assess';
import { explainClosing, recommendedRoutesFor } from '../../src/domain/gates';
import { owedToPolicy } from '../../src/domain/owed';
import { isReferralDecision } from '../../src/domain/rules/routes';
import { youngPeople } from '../../src/domain/rules/triggers';
import { CURRENT_POLICY_VERSION, type Actor, type Person, type Role, type RouteId } from '../../src/domain/types';
import { calmFacts, person } from './facts';
import { DEPUTY, DSL, HEAD, STAFF, disclosure, typedSignature } from './events';
import { closedAsSameIncident } from '../../src/domain/sameIncident';
import { allSafeguards } from './flows';

export const ACTORS: readonly Actor[] = [DSL, DEPUTY, HEAD, STAFF];
/** A member of staff writing through the sealed inbox: the case names them by the disclosure's id. */
const STAFF_WRITER: Actor = { ...STAFF, userId: 'staff/disc-m' };

const BASE = Date.parse('2026-03-02T09:00:00Z');

type Payload<T extends CaseEventType> = Omit<CaseEventOf<T>, 'id' | 'type' | 'actor' | 'occurredAt' | 'recordedAt'>;

/** The people of the calm disclosure (E1) and the harmful one (E5), with fixed ids. */
const MAYA: Person = person({ id: 'maya', name: 'Maya', ageYears: 16 });
const LEO: Person = person({ id: 'leo', name: 'Leo', ageYears: 16, socialCare: 'past' });
const PRIYA: Person = person({ id: 'priya', name: 'Priya', ageYears: 15 });

const CALM = (({ persons: _p, ...rest }) => rest)(calmFacts());

const AGENCY_FOR: Partial<Record<RouteId, ReferralAgency>> = {
  'mash-referral': 'mash',
  police: 'police',
  lado: 'lado',
  'social-care-referral': 'social-care',
};

/** Who acted last, from the id of the last accepted event ("none" before any). */
export function lastRole(s: CaseSnapshot): Role | 'none' {
  const id = s.context.lastEventId;
  const role = id?.split('@')[1];
  return (role as Role | undefined) ?? 'none';
}

/**
 * A state of the model: the stage, who acted last (the role marker), whether the decision refers
 * and whether deletion is planned, and the closing checklist (what explainClosing still asks for). The checklist is a small projection of the context, not
 * the context: without it a traversal keeps only the first case it meets in each stage and can
 * never gather the several records that closing needs.
 */
export function modelKey(s: CaseSnapshot): string {
  const closing = explainClosing(s.context);
  const checklist = closing.allowed
    ? 'closable'
    : closing.reasons
        .map((r) => r.text)
        .sort()
        .join(' | ');
  const d = currentDecision(s.context);
  const decided = !d ? 'undecided' : isReferralDecision(d.routes) ? 'refers' : 'not referred';
  // A case closed as the same incident as another is closed, whatever stage its own steps reached.
  const value = closedAsSameIncident(s.context) ? 'closed: same incident' : String(s.value);
  return `${value} @${lastRole(s)} :: ${decided}${s.context.deletion ? ', deletion planned' : ''} :: ${checklist}`;
}

/** The routes a DSL following the policy would choose now: what is recommended, and school if offered. */
function followRoutes(s: CaseSnapshot): { typology: 'experimental' | 'aggravated'; routes: RouteId[] } {
  const c = s.context;
  const a = assess(c.facts, { referenceDate: referenceDate(c) });
  const typology = a.proposed.typology;
  const routes = recommendedRoutesFor(c, c.facts, typology);
  if (a.routes.schoolMayManage) routes.push('school-manage');
  return { typology, routes: routes.length > 0 ? routes : ['mash-advice'] };
}

/**
 * Every event each role might try now. Some are meant to be refused (blank answers, the wrong role,
 * the wrong stage). To keep the model small, of the events that would move the case on only the
 * first one in the order a DSL works through the checklist is offered when it would be accepted;
 * the others are offered only while they would be refused.
 */
export function sampleEvents(s: CaseSnapshot): CaseEvent[] {
  const c = s.context;
  const stage = stageOf(s);
  const n = c.eventCount + 1;
  const at = new Date(BASE + n * 15 * 60_000).toISOString();
  const tomorrow = new Date(BASE + n * 15 * 60_000 + 86_400_000).toISOString().slice(0, 10);
  const mk = <T extends CaseEventType>(type: T, actor: Actor, payload: Payload<T>, variant = ''): CaseEvent =>
    ({
      id: `m${n}.${type}${variant}@${actor.role}`,
      type,
      actor,
      occurredAt: at,
      recordedAt: at,
      ...payload,
    }) as unknown as CaseEvent;

  const yp = youngPeople(c.facts.persons, referenceDate(c));
  const firstYp = yp[0]?.id ?? 'nobody';
  const d = currentDecision(c);
  const closing = explainClosing(c);
  const follow = followRoutes(s);
  const decide = (routes: RouteId[], rationale: string) => ({
    decision: {
      decisionId: `d${n}`,
      attendees: ['Dana Shah (DSL)', 'Helen Okafor (Headteacher)'],
      answers: { immediateRisk: 'As recorded.' },
      proposedTypology: follow.typology,
      typology: follow.typology,
      recommendedRoutes: follow.routes,
      routes,
      rationale,
    },
    facts: c.facts,
  });
  const owed = owedToPolicy(c);
  const mustDecide = !d || owed.some((x) => x.kind === 'new-decision');
  const referNow = owed.find((x) => x.kind === 'act-now' || x.kind === 'escalation');
  const missingAgency = referNow
    ? (referNow.route && AGENCY_FOR[referNow.route]) || 'mash'
    : (d?.routes ?? []).map((r) => AGENCY_FOR[r]).find((a) => a && !c.referrals.some((x) => x.agency === a));
  const openReferral = c.referrals.find((r) => !r.outcome);
  const noParents = yp.find((p) => !c.parents[p.id]);
  const unconfirmed = c.deletion?.items.find(
    (i) => !c.deletion?.confirmations.some((x) => x.personId === i.personId && x.where === i.where),
  );
  const held = c.devices.find((x) => !x.collected);
  const justified = c.viewings.find((v) => v.justification && !v.record);
  const sign = (actor: Actor, inPlaceOfHeadteacher?: string) =>
    mk(
      'signoff.signed',
      actor,
      {
        decisionId: d?.decisionId ?? 'none',
        signature: typedSignature(actor.name),
        ...(inPlaceOfHeadteacher ? { inPlaceOfHeadteacher } : {}),
      },
      inPlaceOfHeadteacher ? '.inplace' : '',
    );

  // Steps that move the case on, in the order a DSL works through them. Alternatives (a deputy's
  // decision to refer, an outcome returning the case to school, a deputy signing in place) are
  // offered beside the step they replace.
  const steps: CaseEvent[][] = [
    [mk('case.opened', DSL, { caseId: 'case-m', reference: 'YPSI-M-001', policyVersion: CURRENT_POLICY_VERSION })],
    [
      mk('disclosure.recorded', DSL, { disclosure: disclosure(), persons: [MAYA, LEO], facts: CALM }),
      // A member of staff's disclosure names its writer by the sealed disclosure's id (storage/inbox.ts).
      mk('disclosure.recorded', STAFF_WRITER, {
        disclosure: disclosure({
          disclosedBy: 'Priya',
          account: 'She said the picture went round the year and she has been cutting herself.',
        }),
        persons: [PRIYA],
        facts: {
          ...CALM,
          sharedWithoutConsent: 'yes',
          immediateRiskOfHarm: 'yes',
          harmOrDistress: 'yes',
          spread: 'wide',
        },
      }),
    ],
    mustDecide
      ? [
          mk('review.decided', DSL, decide(follow.routes, 'We follow the policy’s recommendation.')),
          mk(
            'review.decided',
            DEPUTY,
            decide([...new Set<RouteId>([...follow.routes, 'mash-referral'])], 'We refer to be safe.'),
            '.refer',
          ),
        ]
      : [],
    missingAgency
      ? [
          mk('referral.made', DSL, {
            referralId: `r-${missingAgency}-${n}`,
            agency: missingAgency,
            to: `The ${missingAgency}`,
          }),
        ]
      : // Escalated after every referral had its outcome: refer again (R4.5), which also leaves the referral stage.
        stage === 'referral' && d && isReferralDecision(d.routes) && !openReferral
        ? [mk('referral.made', DSL, { referralId: `r-again-${n}`, agency: 'mash', to: 'The mash' })]
        : [],
    openReferral
      ? [
          mk('referral.outcome', DSL, {
            referralId: openReferral.id,
            outcome: 'The agency leads.',
            nextStep: 'agency-leads',
          }),
          mk('referral.outcome', DEPUTY, {
            referralId: openReferral.id,
            outcome: 'Returned to the school to manage.',
            nextStep: 'return-to-school',
          }),
        ]
      : [],
    c.riskAssessments.length === 0 || stage === 'riskAssessment'
      ? [
          mk('risk.assessed', DSL, {
            tool: 'WSCB Risk Assessment Matrix',
            level: 'low',
            answers: { why: 'In a relationship.' },
            facts: {},
          }),
        ]
      : [],
    [sign(HEAD), sign(DEPUTY, 'The Headteacher is on leave this week.')],
    noParents
      ? [mk('parents.recorded', DSL, { personId: noParents.id, decision: 'informed', informedBy: 'Dana Shah' })]
      : [],
    justified
      ? [
          mk('viewing.recorded', DSL, {
            viewingId: justified.id,
            unavoidable: false,
            viewer: 'Dana Shah',
            witness: 'Helen Okafor',
            present: ['Dana Shah', 'Helen Okafor'],
            why: 'To report it.',
            actions: 'Reported to the platform.',
            viewerSignature: typedSignature('Dana Shah'),
            witnessSignature: typedSignature('Helen Okafor'),
          }),
        ]
      : [],
    c.viewings.some((v) => v.record) && c.supportOffered.length === 0
      ? [mk('support.offered', DSL, { to: 'Dana Shah' })]
      : [],
    held ? [mk('device.collected', DSL, { deviceId: held.id, collectedBy: 'PC Jones' })] : [],
    closing.reasons.some((r) => r.rule === 'R10.3')
      ? [mk('social-care.contacted', DSL, { to: 'Duty social worker', outcome: 'Noted.' })]
      : [],
    closing.reasons.some((r) => r.rule === 'R7.4')
      ? [
          mk('advice.sought', DSL, {
            agency: 'mash',
            who: 'Duty MASH social worker',
            advice: 'The school may manage it.',
          }),
        ]
      : [],
    c.deletion
      ? []
      : [
          mk('deletion.planned', DSL, {
            deadline: tomorrow,
            items: yp.map((p) => ({ personId: p.id, where: 'Phone' })),
            illegalityReminderGiven: true,
          }),
        ],
    unconfirmed
      ? [
          mk('deletion.confirmed', DSL, {
            personId: unconfirmed.personId,
            where: unconfirmed.where,
            how: 'Confirmed in person.',
          }),
        ]
      : [],
    [mk('case.closed', DSL, { summary: 'Everything the policy asks is done.' })],
    [mk('case.reopened', DSL, { reason: 'A parent brought new information.' })],
  ];
  const key = modelKey(s);
  const next = steps.find((group) => group.some((e) => s.can(e) && modelKey(transition(caseMachine, s, e)[0]) !== key));
  const progress = steps.flat().filter((e) => next?.includes(e) || !s.can(e));

  // Detours: things that can happen along the way, offered where they start a short side path.
  const detours: CaseEvent[] = [
    ...(stage === 'initialReview' && c.viewings.length === 0
      ? [
          mk('viewing.justified', DSL, {
            viewingId: 'v1',
            grounds: ['report-takedown'],
            reason: 'To report it for take-down.',
            safeguards: allSafeguards(),
          }),
        ]
      : []),
    ...(stage === 'initialReview' && c.devices.length === 0
      ? [
          mk('device.secured', DSL, {
            deviceId: 'dev1',
            description: 'A school iPad',
            switchedOff: true,
            lockedAway: true,
            where: 'Office safe',
          }),
        ]
      : []),
    ...(stage === 'response'
      ? [
          mk('facts.updated', DSL, {
            facts: { immediateRiskOfHarm: 'yes' },
            source: 'new-information',
            note: 'She has been self-harming.',
          }),
        ]
      : []),
    ...(stage === 'disclosure' || stage === 'response'
      ? [mk('escalated', DEPUTY, { reason: 'A new concern from a parent.' })]
      : []),
    // Retention (docs/SECURITY.md item 13), on a closed case: a hold set by the deputy (the only way to a
    // closed state the deputy left), lifted by the DSL; a review date set by hand; a review.
    ...(stage === 'closed'
      ? [
          mk('legal-hold.set', DEPUTY, { reason: 'Police investigation, ref 44/2026.' }),
          mk('legal-hold.lifted', DSL, { reason: 'The police closed their investigation.' }),
          mk('retention.date-set', DSL, {
            reviewDate: '2045-09-01',
            reason: 'The local authority asked us to keep it longer.',
          }),
          mk('retention.reviewed', DSL, { keepUntil: '2050-01-01', reason: 'A sibling case is still open.' }),
        ]
      : []),
  ];

  // Things that change nothing that matters here, and things that must be refused.
  const others: CaseEvent[] = [
    mk('note.added', DSL, { text: 'Spoke with the form tutor.' }),
    // Two tablets' branches (src/domain/dag.ts): accepted by the machine; storage checks the heads.
    mk('branches.merged', DSL, { heads: ['h-a', 'h-b'], reconciliation: 'Both notes stand.' }),
    // One staff disclosure accepted on two tablets apart (src/domain/sameIncident.ts): accepted only
    // in a case made of that disclosure; storage checks the other case.
    mk('same-incident.recorded', DSL, {
      disclosureId: 'disc-m',
      closed: { caseId: c.id, reference: c.reference },
      kept: { caseId: 'case-twin', reference: 'YPSI-T-001' },
      reason: 'Accepted on two tablets that could not reach each other.',
      carriedOver: 'Nothing else was recorded in it.',
      laterSteps: [],
      replaces: [],
    }),
    // The Headteacher's note is offered only once the case is closed (elsewhere it would double the model).
    ...(stage === 'closed'
      ? [mk('note.added', HEAD, { text: 'Read the file.' })]
      : [mk('note.added', HEAD, { text: ' ' }, '.blank')]),
    mk('conversation.recorded', DSL, {
      personId: firstYp,
      conductedBy: 'Dana Shah',
      summary: 'Talked through consent and trust.',
    }),
    mk('removal.reported', DSL, { service: 'report-remove', note: 'Helped Maya use Report Remove.' }),
    mk('answer.amended', DSL, {
      targetEventId: c.lastEventId ?? 'none',
      field: 'note',
      before: '',
      after: 'Two friends saw it.',
      reason: 'Corrected after talking to Leo.',
    }),
    // Meant to be refused:
    mk('disclosure.recorded', DSL, { disclosure: disclosure({ account: ' ' }), persons: [MAYA, LEO] }, '.blank'),
    mk('facts.updated', STAFF, { facts: { malice: 'no' }, source: 'review' }),
    mk('referral.made', DSL, { referralId: 'r-blank', agency: 'mash', to: '' }, '.blank'),
    mk(
      'referral.outcome',
      DSL,
      { referralId: 'no-such-referral', outcome: 'x', nextStep: 'no-further-action' },
      '.none',
    ),
    mk('parents.recorded', DSL, { personId: firstYp, decision: 'not-informed' }, '.noreason'),
    mk('viewing.justified', DSL, { viewingId: 'v2', grounds: [], reason: '', safeguards: allSafeguards() }, '.blank'),
    mk(
      'viewing.recorded',
      DSL,
      {
        viewingId: 'v3',
        unavoidable: false,
        viewer: 'Dana Shah',
        witness: 'Dana Shah',
        present: [],
        why: '',
        actions: '',
        viewerSignature: typedSignature(''),
        witnessSignature: typedSignature(''),
      },
      '.blank',
    ),
    mk('support.offered', DSL, { to: ' ' }, '.blank'),
    mk('deletion.planned', DSL, { deadline: at.slice(0, 10), items: [], illegalityReminderGiven: false }, '.blank'),
    mk('deletion.confirmed', DSL, { personId: 'nobody', where: 'Nowhere', how: '' }, '.blank'),
    ...(unconfirmed
      ? [
          mk('deletion.refused', DSL, {
            personId: unconfirmed.personId,
            where: unconfirmed.where,
            note: 'Says it is theirs to keep.',
            reminderGiven: true,
          }),
        ]
      : []),
    mk('advice.sought', DSL, { agency: 'mash', who: ' ', advice: '' }, '.blank'),
    mk('advice.sought', DSL, { agency: 'mash', who: 'Duty MASH social worker', advice: 'Keep us informed.' }, '.any'),
    mk(
      'device.secured',
      DSL,
      { deviceId: 'dev2', description: '', switchedOff: false, lockedAway: false, where: '' },
      '.blank',
    ),
    mk('device.collected', DSL, { deviceId: 'no-device', collectedBy: 'PC Jones' }, '.none'),
    mk('social-care.contacted', DSL, { to: '', outcome: '' }, '.blank'),
    sign(DSL),
    mk('escalated', DSL, { reason: ' ' }, '.blank'),
    mk('note.added', STAFF, { text: 'I want to read it back.' }),
    mk('case.closed', DSL, { summary: '' }, '.blank'),
    mk('case.closed', HEAD, { summary: 'Closing.' }),
    mk('case.closed', STAFF, { summary: 'Closing.' }),
    mk('case.reopened', DSL, { reason: '' }, '.blank'),
    // Discarding: accepted only while nothing but the opening is recorded (issue 14).
    mk('case.discarded', DSL, { reason: 'Opened by mistake.' }),
    mk('case.discarded', DSL, { reason: '' }, '.blank'),
    mk('review.decided', HEAD, decide(follow.routes, 'Head decides.')),
    mk('case.opened', STAFF, { caseId: 'case-x', reference: 'X', policyVersion: CURRENT_POLICY_VERSION }),
  ];
  return [...progress, ...detours, ...others];
}
