// Gates: each says whether an event may be recorded now, and why (issue 2). The machine's guards
// call `explain`; the UI shows its reasons. Nothing here reads the clock: times come from events.
import { explainMerge } from './merge';
import { assess } from './rules/assess';
import { isReferralDecision } from './rules/routes';
import { needsSignOff, validSignOff } from './owed';
import { needsNoConsentReconsideration } from './rules/typology';
import { youngPeople } from './rules/triggers';
import { allow, gate, reason, refuse, type Explanation, type Reason } from './reasons';
import { currentDecision, factsSetBack, referenceDate, type CaseRecord } from './case';
import type { CaseEvent, CaseEventOf, CaseEventType, Disclosure, ReviewDecision, Signature } from './events';
import { newDecisionNeeded, owedBlocking, parentsToInform, unansweredEscalations } from './owed';
import { mayRecord, may, refusalFor } from './permissions';
import { ROLE_LABELS, STAGE_ACCEPTS, STAGE_LABELS, type Stage } from './stages';
import type { RouteId } from './types';
import { explainRetentionEvent } from './retention';

export const EVENT_LABELS: Record<CaseEventType, string> = {
  'case.opened': 'Open the case',
  'disclosure.recorded': 'Record the disclosure',
  'facts.updated': 'Record new facts',
  'review.decided': 'Record the initial review decision',
  'referral.made': 'Record a referral',
  'referral.outcome': 'Record a referral outcome',
  'risk.assessed': 'Record the risk assessment',
  'advice.sought': 'Record advice from an agency',
  'parents.recorded': 'Record parents and carers',
  'conversation.recorded': 'Record a conversation with a young person',
  'viewing.justified': 'Justify viewing the imagery',
  'viewing.recorded': 'Record a viewing',
  'support.offered': 'Record support offered to staff',
  'deletion.planned': 'Plan deletion',
  'deletion.confirmed': 'Confirm a deletion',
  'deletion.refused': 'Record a refusal to delete',
  'device.secured': 'Secure a device',
  'device.collected': 'Record a device handed to the police',
  'social-care.contacted': "Record contact with children's social care",
  'removal.reported': 'Record an online removal report',
  'signoff.signed': 'Sign off the decision',
  escalated: 'Escalate now',
  'note.added': 'Add a note',
  'branches.merged': 'Merge the two tablets’ steps',
  'answer.amended': 'Amend an answer',
  'case.closed': 'Close the case',
  'case.reopened': 'Reopen the case',
  'case.discarded': 'Discard the case',
  'retention.date-set': 'Change the review date',
  'legal-hold.set': 'Put the case on legal hold',
  'legal-hold.lifted': 'Lift the legal hold',
  'retention.reviewed': 'Record a retention review',
};

const blank = (s: string | undefined | null): boolean => !s || s.trim().length === 0;

function stageRefusal(stage: Stage, type: CaseEventType): Reason {
  if (stage === 'closed')
    return reason('R14.1', `This case is closed. Reopen it, with a reason, to ${EVENT_LABELS[type].toLowerCase()}.`);
  if (stage === 'new') return reason('R14.1', 'The case has not been opened yet.');
  if (stage === 'disclosure')
    return reason('R4.1', `Record the disclosure first. "${EVENT_LABELS[type]}" comes after it.`);
  if (type === 'case.closed')
    return reason(
      'R14.1',
      `A case can be closed once the response is under way, not at the ${STAGE_LABELS[stage].toLowerCase()} stage.`,
    );
  if (type === 'case.reopened') return reason('R14.1', 'Only a closed case can be reopened.');
  if (type === 'risk.assessed') return reason('R8', 'The further risk assessment follows the initial review decision.');
  return reason('R4.2', `"${EVENT_LABELS[type]}" is not available at the ${STAGE_LABELS[stage].toLowerCase()} stage.`);
}

/** Routes the policy recommends (act now or recommended) for these facts and this typology. */
export function recommendedRoutesFor(
  c: CaseRecord,
  facts = c.facts,
  typology = currentDecision(c)?.typology ?? null,
): RouteId[] {
  const a = assess(facts, { confirmedTypology: typology, referenceDate: referenceDate(c) });
  return a.routes.routes.filter((r) => r.strength === 'act-now' || r.strength === 'recommended').map((r) => r.route);
}

/** R14.1: a change that sets a fact back, or removes a person, is an amendment: it needs its reason. */
function explainSetBack(c: CaseRecord, facts: Parameters<typeof factsSetBack>[1], why: string | undefined): Reason[] {
  const setBack = factsSetBack(c, facts);
  if (setBack.length === 0 || !blank(why)) return [];
  const removed = setBack.filter((x) => x.field === 'facts.persons').map((x) => x.before);
  const lowered = setBack.filter((x) => x.field !== 'facts.persons').map((x) => x.label);
  return [
    reason(
      'R14.1',
      `${[removed.length > 0 && `This removes ${removed.join(', ')} from the case`, lowered.length > 0 && `This sets back ${lowered.join(', ')}`].filter(Boolean).join('; ')}: record why. The earlier answer stays in the chronology.`,
      { field: 'changeReason' },
    ),
  ];
}

/**
 * R4.5, R6.9: does this decision override the policy? The act-now referrals it leaves out, and
 * whether it answers an escalation without a referral. Either needs a consultation and sign-off.
 */
export function decisionOverride(
  c: CaseRecord,
  d: Pick<ReviewDecision, 'routes' | 'typology'>,
  facts = c.facts,
): { routes: RouteId[]; escalation: boolean } {
  const a = assess(facts, { confirmedTypology: d.typology, referenceDate: referenceDate(c) });
  const routes = a.routes.routes
    .filter(
      (r) =>
        r.strength === 'act-now' &&
        ['mash-referral', 'police', 'lado'].includes(r.route) &&
        !d.routes.includes(r.route),
    )
    .map((r) => r.route);
  return { routes, escalation: unansweredEscalations(c).length > 0 && !isReferralDecision(d.routes) };
}

/** R2.3, R2.4, R7.2, "recommendations never block": what a decision must say before it is recorded. */
export function explainDecision(c: CaseRecord, d: ReviewDecision, facts = c.facts, changeReason?: string): Explanation {
  const blockers: Reason[] = [];
  const a = assess(facts, { confirmedTypology: d.typology, referenceDate: referenceDate(c) });
  // R14.3: a changed decision is a new decision, signed again; it never takes an earlier one's id (or sign-off).
  if (c.decisions.some((x) => x.decisionId === d.decisionId))
    blockers.push(
      reason(
        'R14.3',
        'This decision has the id of an earlier one. A changed decision is a new decision, and is signed off again.',
        { field: 'rationale' },
      ),
    );
  if (d.attendees.filter((x) => !blank(x)).length === 0)
    blockers.push(reason('R4.2', 'Record who attended the initial review meeting.', { field: 'attendees' }));
  if (blank(d.rationale)) blockers.push(reason('R7.2', 'Record the reasons for the decision.', { field: 'rationale' }));
  if (d.typology !== a.proposed.typology && blank(d.typologyReason)) {
    blockers.push(
      reason('R2.3', `The app proposed ${a.proposed.typology}; record why you judge it ${d.typology}.`, {
        field: 'typologyReason',
      }),
    );
  }
  if (needsNoConsentReconsideration(facts, d.typology) && blank(d.noConsentReconsidered)) {
    blockers.push(
      reason(
        'R2.4',
        'The imagery was shared without consent, which the policy treats as aggravated. Please reconsider, and record why you still judge it experimental.',
        { reading: 'R2.4', field: 'noConsentReconsidered' },
      ),
    );
  }
  if (d.routes.length === 0) blockers.push(reason('R5.2', 'Choose at least one route.', { field: 'routes' }));
  const recommended = a.routes.routes
    .filter((r) => r.strength === 'act-now' || r.strength === 'recommended')
    .map((r) => r.route);
  const offered = new Set(a.routes.routes.map((r) => r.route));
  const leftOut = recommended.filter((r) => !d.routes.includes(r));
  // Choosing more than recommended is never questioned; managing in school when it is not offered is.
  const notOffered = d.routes.filter((r) => r === 'school-manage' && !offered.has(r));
  if ((leftOut.length > 0 || notOffered.length > 0) && blank(d.routeReason)) {
    blockers.push(
      reason(
        'R7.2',
        `Your choice differs from what the policy recommends (${[...leftOut.map((r) => `not ${r}`), ...notOffered.map((r) => `${r} not offered`)].join(', ')}). You may choose it: record why.`,
        { field: 'routeReason' },
      ),
    );
  }
  // R4.5, R6.9: going against an immediate referral, or answering an escalation without one, is an
  // override: it needs the agency consulted (who, when, what they advised) and the Headteacher's sign-off.
  const { routes: overridden, escalation: escalationUnanswered } = decisionOverride(c, d, facts);
  if (overridden.length > 0 || escalationUnanswered) {
    const k = d.consultation;
    if (!k || blank(k.who) || blank(k.at) || blank(k.advice)) {
      blockers.push(
        reason(
          overridden.length > 0 ? 'R4.5' : 'R6.9',
          `${overridden.length > 0 ? `The policy asks for this now: ${overridden.join(', ')}. Going against it` : 'The case was escalated. Answering it without a referral'} is an override: record who at the MASH or the police you consulted, when, and what they advised. The Headteacher then signs it off.`,
          { field: 'consultation' },
        ),
      );
    }
    if (escalationUnanswered && overridden.length === 0 && blank(d.routeReason))
      blockers.push(reason('R6.9', 'The case was escalated: record why it is not referred.', { field: 'routeReason' }));
  }
  blockers.push(...explainSetBack(c, facts, changeReason));
  return gate(blockers, reason('R7.2', 'The decision, who made it and why are recorded.'));
}

function explainSignature(
  sig: Signature,
  who: string,
  field: 'signature' | 'viewerSignature' | 'witnessSignature',
): Reason[] {
  if (blank(sig.name)) return [reason('R14.3', `${who}: type the name of the person signing.`, { field })];
  if (sig.kind === 'drawn' && sig.strokes.every((s) => s.length < 2))
    return [reason('R14.3', `${who}: draw the signature, or type the name instead.`, { field })];
  return [];
}

/**
 * R4.6: what a disclosure must say, whoever records it: the DSL in a case, or a member of staff on
 * the sealed inbox page (which asks this before sealing, so the DSL never receives an empty one).
 */
export function disclosureAnswerProblems(
  d: Pick<Disclosure, 'disclosedBy' | 'disclosedTo' | 'account'>,
  persons: readonly unknown[],
): Reason[] {
  const blockers: Reason[] = [];
  if (blank(d.disclosedBy)) blockers.push(reason('R4.6', 'Record who disclosed.', { field: 'disclosedBy' }));
  if (blank(d.disclosedTo)) blockers.push(reason('R4.6', 'Record who they told.', { field: 'disclosedTo' }));
  if (blank(d.account))
    blockers.push(reason('R4.6', 'Record what was said, in their own words.', { field: 'account' }));
  if (persons.length === 0)
    blockers.push(reason('R4.6', 'Record at least one young person involved.', { field: 'persons' }));
  return blockers;
}

/** R14.3: a decision not to refer is signed off by the Headteacher (or, recorded, someone in their place). */
export function explainSignOff(
  c: CaseRecord,
  e: Pick<CaseEventOf<'signoff.signed'>, 'decisionId' | 'signature' | 'inPlaceOfHeadteacher' | 'actor'>,
): Explanation {
  const decision = c.decisions.find((d) => d.decisionId === e.decisionId);
  if (!decision) return refuse(reason('R14.3', 'There is no recorded decision to sign off.'));
  if (currentDecision(c)?.decisionId !== e.decisionId) {
    return refuse(reason('R14.3', 'This decision has been replaced by a later one; sign off the current decision.'));
  }
  if (!needsSignOff(c, decision))
    return refuse(reason('R14.3', 'This decision refers the case, so it needs no Headteacher sign-off.'));
  if (validSignOff(c, decision)) return refuse(reason('R14.3', 'This decision is already signed off.'));
  const stale = newDecisionNeeded(c);
  if (stale) return refuse(reason('R6.9', `${stale.text} Sign off the new decision once it is recorded.`));
  // R14.3: whoever made the decision never signs it off, as the Headteacher or in their place.
  if (e.actor.userId === decision.by.userId) {
    return refuse(
      reason(
        'R14.3',
        `${decision.by.name} made this decision, so cannot sign it off. The Headteacher signs it off, or someone else in their place, recording why.`,
      ),
    );
  }
  const blockers: Reason[] = [...explainSignature(e.signature, 'Signature', 'signature')];
  if (!may(e.actor.role, 'sign-off-as-headteacher') && blank(e.inPlaceOfHeadteacher)) {
    blockers.push(
      reason(
        'R14.3',
        `The Headteacher signs off a decision not to refer. As ${ROLE_LABELS[e.actor.role]}, record why you sign in their place (for example, the Headteacher is the DSL or is absent).`,
        { field: 'inPlaceOfHeadteacher' },
      ),
    );
  }
  return gate(blockers, reason('R14.3', 'The decision not to refer is signed off.'));
}

/**
 * R12.1, R8, R6.9, R14.3: deletion only once other agencies need not be involved, the risk assessment
 * is recorded, and the decision is current and signed off. Each reason is something the case still owes
 * (owed.ts), so this never repeats a rule.
 */
export function explainDeletion(c: CaseRecord): Explanation {
  return gate(
    owedBlocking(c, 'delete'),
    reason(
      'R12.1',
      'Other agencies need not be involved, and that decision is recorded and signed off: deletion may be considered.',
    ),
  );
}

function explainDeletionPlan(c: CaseRecord, e: CaseEventOf<'deletion.planned'>): Explanation {
  const base = explainDeletion(c);
  if (!base.allowed) return base;
  const blockers: Reason[] = [];
  if (blank(e.deadline) || e.deadline <= e.occurredAt.slice(0, e.deadline.length))
    blockers.push(reason('R12.3', 'Set a deadline for deletion, after today.', { field: 'deadline' }));
  if (e.items.length === 0)
    blockers.push(
      reason('R12.2', 'List, for each young person, every device or service the imagery must be deleted from.', {
        field: 'items',
      }),
    );
  if (e.items.some((i) => blank(i.where)))
    blockers.push(reason('R12.2', 'Say where each copy is (device or service).', { field: 'items.where' }));
  const yp = new Set(youngPeople(c.facts.persons, referenceDate(c)).map((p) => p.id));
  if (e.items.some((i) => !yp.has(i.personId)))
    blockers.push(
      reason('R12.2', 'Each deletion must name a young person involved in this case.', { field: 'items.personId' }),
    );
  // R12.5: re-planning keeps every unconfirmed item of the earlier plan, or records why it was dropped.
  const earlier = c.deletion;
  if (earlier) {
    const open = earlier.items.filter(
      (i) => !earlier.confirmations.some((x) => x.personId === i.personId && x.where === i.where),
    );
    const lost = open.filter(
      (i) =>
        !e.items.some((x) => x.personId === i.personId && x.where === i.where) &&
        !(e.dropped ?? []).some((x) => x.personId === i.personId && x.where === i.where && !blank(x.reason)),
    );
    if (lost.length > 0) {
      blockers.push(
        reason(
          'R12.5',
          `The new plan leaves out ${lost.map((i) => i.where).join(', ')}, not yet confirmed as deleted: keep it in the plan, or record why it is dropped.`,
          { field: 'items' },
        ),
      );
    }
  }
  if (!e.illegalityReminderGiven)
    blockers.push(
      reason(
        'R12.4',
        'Remind the young people that possessing the imagery is illegal, and that refusing to delete it is an offence the police may become involved in.',
        { field: 'illegalityReminderGiven' },
      ),
    );
  return gate(blockers, reason('R12.3', 'A deadline for deletion is set.'));
}

function explainDeletionConfirmed(c: CaseRecord, e: CaseEventOf<'deletion.confirmed'>): Explanation {
  if (!c.deletion) return refuse(reason('R12.1', 'Plan the deletion first (decision, deadline, reminder).'));
  const base = explainDeletion(c);
  if (!base.allowed) return base;
  if (!c.deletion.items.some((i) => i.personId === e.personId && i.where === e.where)) {
    return refuse(reason('R12.2', 'This device or service is not in the deletion plan.'));
  }
  if (c.deletion.confirmations.some((x) => x.personId === e.personId && x.where === e.where)) {
    return refuse(reason('R12.2', 'This deletion is already confirmed.'));
  }
  if (blank(e.how))
    return refuse(
      reason('R12.2', 'Record how the deletion was confirmed (for example, the young person confirmed it in person).', {
        field: 'how',
      }),
    );
  return allow(reason('R12.5', 'The deletion is confirmed and recorded.'));
}

/** R11.1-R11.3: viewing only on a stated ground and with every safeguard. */
function explainViewingJustified(c: CaseRecord, e: CaseEventOf<'viewing.justified'>): Explanation {
  const blockers: Reason[] = [];
  if (c.viewings.some((v) => v.id === e.viewingId && v.record)) {
    return refuse(
      reason(
        'R11.4',
        'This viewing is already recorded and signed; its record is never overwritten. A new viewing is justified and recorded on its own.',
      ),
    );
  }
  if (e.grounds.length === 0)
    blockers.push(
      reason(
        'R11.2',
        'Viewing is justified only on one of the grounds listed. In most cases imagery should not be viewed (R5.3).',
        { field: 'grounds' },
      ),
    );
  if (blank(e.reason)) blockers.push(reason('R11.2', 'Record why viewing is necessary.', { field: 'reason' }));
  if (e.grounds.includes('only-way-to-decide') && !e.factsNotFromYoungPeople) {
    blockers.push(
      reason(
        'R11.2',
        'Viewing to decide on other agencies is justified only when the facts cannot be established from the young people.',
        { field: 'factsNotFromYoungPeople' },
      ),
    );
  }
  // Only a viewing that was purely unavoidable skips the safeguards; a planned one never does.
  if (e.grounds.some((g) => g !== 'unavoidable')) {
    const s = e.safeguards;
    if (!s.noSignificantDistress)
      blockers.push(
        reason('R11.1', 'Never view if it would cause the young person significant distress or harm.', {
          field: 'safeguards.noSignificantDistress',
        }),
      );
    if (!s.discussedWithHeadteacher)
      blockers.push(
        reason('R11.3', 'Discuss the decision with the Headteacher first.', {
          field: 'safeguards.discussedWithHeadteacher',
        }),
      );
    if (!s.viewerAuthorised)
      blockers.push(
        reason(
          'R11.3',
          'Only the DSL, or a member of the safeguarding team with delegated authority from the Headteacher, views.',
          { field: 'safeguards.viewerAuthorised' },
        ),
      );
    if (!s.secondStaffPresent)
      blockers.push(
        reason(
          'R11.3',
          'Another member of staff must be present (ideally the Headteacher or a senior leader); they need not view.',
          { field: 'safeguards.secondStaffPresent' },
        ),
      );
    if (!s.onPremises)
      blockers.push(
        reason('R11.3', "View on the premises, ideally in the Headteacher's or a senior leader's office.", {
          field: 'safeguards.onPremises',
        }),
      );
    if (!s.sameSexWherePossible)
      blockers.push(
        reason('R11.3', 'Where possible the viewer is the same sex as the young person: confirm this was considered.', {
          field: 'safeguards.sameSexWherePossible',
        }),
      );
    if (!s.noCopyPrintShare)
      blockers.push(
        reason('R11.3', 'Never copy, print or share the imagery: that is illegal.', {
          field: 'safeguards.noCopyPrintShare',
        }),
      );
  }
  return gate(blockers, reason('R11.2', 'Viewing is justified and the safeguards are in place.'));
}

/** R11.4: the viewing record; an unavoidable viewing is recorded after the fact. */
function explainViewingRecorded(c: CaseRecord, e: CaseEventOf<'viewing.recorded'>): Explanation {
  const viewing = c.viewings.find((v) => v.id === e.viewingId);
  if (viewing?.record)
    return refuse(reason('R11.4', 'This viewing is already recorded; amend it with a reason instead.'));
  const blockers: Reason[] = [];
  if (!e.unavoidable && !viewing?.justification) {
    blockers.push(
      reason(
        'R11.2',
        'Record why viewing is justified, and the safeguards, before viewing. An unavoidable viewing is recorded after the fact.',
      ),
    );
  }
  if (blank(e.viewer)) blockers.push(reason('R11.4', 'Record who viewed the imagery.', { field: 'viewer' }));
  if (blank(e.why)) blockers.push(reason('R11.4', 'Record why it was viewed.', { field: 'why' }));
  if (blank(e.actions)) blockers.push(reason('R11.4', 'Record the actions that followed.', { field: 'actions' }));
  if (!e.unavoidable && blank(e.witness))
    blockers.push(reason('R11.3', 'Record the other member of staff who was present.', { field: 'witness' }));
  if (!blank(e.witness) && e.witness.trim().toLowerCase() === e.viewer.trim().toLowerCase())
    blockers.push(reason('R11.3', 'The witness must be someone other than the viewer.', { field: 'witness' }));
  blockers.push(...explainSignature(e.viewerSignature, 'Viewer', 'viewerSignature'));
  if (!blank(e.witness)) blockers.push(...explainSignature(e.witnessSignature, 'Witness', 'witnessSignature'));
  return gate(blockers, reason('R11.4', 'The viewing is recorded, signed and dated.'));
}

/** R9: parents informed, unless that would put the young person at risk (recorded with its reason). */
function explainParents(c: CaseRecord, e: CaseEventOf<'parents.recorded'>): Explanation {
  const person = youngPeople(c.facts.persons, referenceDate(c)).find((p) => p.id === e.personId);
  if (!person) return refuse(reason('R9.1', 'Choose a young person involved in this case.', { field: 'personId' }));
  if (!parentsToInform(c).some((p) => p.id === person.id))
    return refuse(
      reason(
        'R9.1',
        'This is someone met online: the school does not inform their parents. Tell the MASH or the police what is known.',
        { field: 'personId' },
      ),
    );
  if (e.decision === 'not-informed') {
    const blockers: Reason[] = [];
    if (blank(e.reason))
      blockers.push(
        reason('R9.1', 'Record why informing the parents or carers would put the young person at risk of harm.', {
          field: 'reason',
        }),
      );
    if (!e.agreedWith || e.agreedWith === 'none')
      blockers.push(
        reason(
          'R9.2',
          'Not telling parents because of a risk needs the agency consulted: record whether the MASH or the police agreed it; they generally lead on when parents are told.',
          { field: 'agreedWith' },
        ),
      );
    return gate(blockers, reason('R9.2', 'The decision not to inform parents, and its reason, are recorded.'));
  }
  return allow(reason(e.decision === 'informed' ? 'R9.1' : 'R9.3', 'Parents and carers: recorded.'));
}

/** What must be true before a case is closed (R14.1): nothing is owed to the policy (owed.ts). */
export function explainClosing(c: CaseRecord): Explanation {
  return gate(
    owedBlocking(c, 'close'),
    reason('R14.1', 'Everything the policy asks for is recorded: the case can be closed.'),
  );
}

/**
 * Discarding a case opened by mistake (issue 14): only while nothing but its opening is recorded,
 * so no record of an incident is ever discarded (R14.1: every incident is recorded; a case with
 * anything in it is closed with a summary instead). The case and its chain stay; it leaves the list.
 */
export function explainDiscard(c: CaseRecord, e: CaseEventOf<'case.discarded'>): Explanation {
  const recorded = c.eventCount - 1;
  if (recorded > 0) {
    return refuse(
      reason(
        'R14.1',
        `Only a case with nothing recorded in it can be discarded. This one has ${recorded} thing${recorded === 1 ? '' : 's'} recorded: close it with a summary instead.`,
      ),
    );
  }
  if (blank(e.reason)) return refuse(reason('R14.1', 'Say why the case is discarded.', { field: 'reason' }));
  return allow(
    reason(
      'R14.1',
      'The empty case is discarded: it leaves the list of cases, and the record that it was opened and discarded is kept.',
    ),
  );
}

/** Explain any event: is it allowed now, and why (not)? */
export function explain(stage: Stage, c: CaseRecord, e: CaseEvent): Explanation {
  if (!mayRecord(e.actor.role, e.type)) {
    const refusal = refusalFor(e.actor.role, e.type);
    return refuse(
      reason(
        refusal.rule,
        `As ${ROLE_LABELS[e.actor.role]} you cannot ${EVENT_LABELS[e.type].toLowerCase()}. ${refusal.instead}`,
      ),
    );
  }
  if (c.discarded)
    return refuse(
      reason('R14.1', 'This case was discarded: it was opened by mistake and nothing can be recorded in it.'),
    );
  // Past the first stage a case always holds something: say so, rather than name the stage.
  if (e.type === 'case.discarded' && stage !== 'new' && !STAGE_ACCEPTS[stage].includes(e.type))
    return explainDiscard(c, e);
  if (!STAGE_ACCEPTS[stage].includes(e.type)) return refuse(stageRefusal(stage, e.type));
  const ok = (rule: Parameters<typeof reason>[0], text: string): Explanation => allow(reason(rule, text));
  switch (e.type) {
    case 'case.opened':
      return blank(e.reference)
        ? refuse(reason('R14.1', 'A case needs a reference.'))
        : ok('R14.1', 'Every incident is recorded.');
    case 'disclosure.recorded': {
      if (c.disclosure)
        return refuse(
          reason(
            'R14.1',
            'The disclosure is already recorded. Amend an answer instead; the earlier answer stays visible.',
          ),
        );
      return gate(
        disclosureAnswerProblems(e.disclosure, e.persons),
        reason('R4.1', 'The disclosure is recorded for the DSL.'),
      );
    }
    case 'facts.updated':
      return gate(
        explainSetBack(c, e.facts, e.note),
        reason('R6.9', 'New facts are recorded and the triggers re-checked.'),
      );
    case 'review.decided':
      return explainDecision(c, e.decision, e.facts, e.changeReason);
    case 'advice.sought':
      return blank(e.who) || blank(e.advice)
        ? refuse(
            reason(e.agency === 'social-care' ? 'R10.3' : 'R7.4', 'Record who you spoke to and what they advised.', {
              field: blank(e.who) ? 'who' : 'advice',
            }),
          )
        : ok(e.agency === 'social-care' ? 'R10.3' : 'R7.4', 'The advice is recorded.');
    case 'deletion.refused': {
      if (!c.deletion?.items.some((i) => i.personId === e.personId && i.where === e.where))
        return refuse(reason('R12.2', 'This device or service is not in the deletion plan.'));
      const blockers: Reason[] = [];
      if (blank(e.note)) blockers.push(reason('R12.4', 'Record what the young person said.', { field: 'note' }));
      if (!e.reminderGiven)
        blockers.push(
          reason(
            'R12.4',
            'Remind the young person that keeping the imagery is illegal, and that refusing to delete it is an offence the police may become involved in.',
            { field: 'illegalityReminderGiven' },
          ),
        );
      return gate(blockers, reason('R12.4', 'The refusal, and the reminder given, are recorded.'));
    }
    case 'referral.made':
      if (c.referrals.some((r) => r.id === e.referralId))
        return refuse(reason('R14.2', 'This referral is already recorded.'));
      return blank(e.to)
        ? refuse(reason('R14.2', 'Record who the referral was made to.', { field: 'to' }))
        : ok('R14.2', 'The referral is recorded.');
    case 'referral.outcome': {
      const r = c.referrals.find((x) => x.id === e.referralId);
      if (!r) return refuse(reason('R14.2', 'There is no such referral.'));
      if (r.outcome) return refuse(reason('R14.2', 'This referral already has an outcome; amend it with a reason.'));
      return blank(e.outcome)
        ? refuse(reason('R14.2', 'Record the outcome.', { field: 'outcome' }))
        : ok('R14.2', 'The outcome is recorded (tenacity in follow-up).');
    }
    case 'risk.assessed':
      return blank(e.tool)
        ? refuse(reason('R6.3', 'Name the local risk tool used.', { field: 'tool' }))
        : gate(explainSetBack(c, e.facts, e.changeReason), reason('R8', 'The risk assessment is recorded.'));
    case 'parents.recorded':
      return explainParents(c, e);
    case 'conversation.recorded': {
      const blockers: Reason[] = [];
      if (blank(e.conductedBy))
        blockers.push(reason('R13.1', 'Record who spoke with the young person.', { field: 'conductedBy' }));
      if (blank(e.summary))
        blockers.push(reason('R13.1', 'Record a summary of the conversation.', { field: 'summary' }));
      return gate(blockers, reason('R13.3', 'The conversation is recorded.'));
    }
    case 'viewing.justified':
      return explainViewingJustified(c, e);
    case 'viewing.recorded':
      return explainViewingRecorded(c, e);
    case 'support.offered':
      return blank(e.to)
        ? refuse(reason('R11.5', 'Record who was offered support.', { field: 'to' }))
        : ok('R11.5', 'Support offered is recorded.');
    case 'deletion.planned':
      return explainDeletionPlan(c, e);
    case 'deletion.confirmed':
      return explainDeletionConfirmed(c, e);
    case 'device.secured': {
      const blockers: Reason[] = [];
      if (blank(e.description))
        blockers.push(reason('R10.2', 'Describe the device (never its contents).', { field: 'description' }));
      if (!e.switchedOff) blockers.push(reason('R10.2', 'Turn the device off.', { field: 'switchedOff' }));
      if (!e.lockedAway)
        blockers.push(
          reason('R10.2', 'Place it under lock and key until the police collect it.', { field: 'lockedAway' }),
        );
      return gate(blockers, reason('R10.2', 'The device is switched off and locked away for the police.'));
    }
    case 'device.collected': {
      const d = c.devices.find((x) => x.id === e.deviceId);
      if (!d) return refuse(reason('R10.2', 'There is no such secured device.'));
      if (d.collected) return refuse(reason('R10.2', 'This device has already been collected.'));
      return blank(e.collectedBy)
        ? refuse(reason('R10.2', 'Record who collected the device.', { field: 'collectedBy' }))
        : ok('R10.2', 'The handover is recorded.');
    }
    case 'social-care.contacted':
      return blank(e.to)
        ? refuse(reason('R10.3', "Record who at children's social care was contacted.", { field: 'to' }))
        : ok('R10.3', 'The contact is recorded.');
    case 'removal.reported':
      return blank(e.note)
        ? refuse(reason('R15.1', 'Describe what was done, and by whom.', { field: 'note' }))
        : ok('R15.1', 'The report is recorded. The app uploads nothing.');
    case 'signoff.signed':
      return explainSignOff(c, e);
    case 'escalated':
      return blank(e.reason)
        ? refuse(reason('R4.5', 'Record why you are escalating.', { field: 'reason' }))
        : ok('R4.5', 'Escalated: make the referral now.');
    case 'branches.merged':
      return explainMerge(c, e);
    case 'note.added':
      return blank(e.text)
        ? refuse(reason('R14.1', 'The note is empty.', { field: 'text' }))
        : ok('R14.1', 'The note is recorded.');
    case 'answer.amended':
      return blank(e.reason)
        ? refuse(reason('R14.1', 'An amendment needs a reason; the earlier answer stays visible.', { field: 'reason' }))
        : ok('R14.1', 'The amendment is recorded beside the original.');
    case 'case.closed':
      return blank(e.summary)
        ? refuse(reason('R14.1', 'Write a closing summary.', { field: 'summary' }))
        : explainClosing(c);
    case 'case.reopened':
      return blank(e.reason)
        ? refuse(reason('R14.1', 'Record why the case is reopened.', { field: 'reason' }))
        : ok('R7.2', 'The case is reopened; the decision is reviewed.');
    case 'case.discarded':
      return explainDiscard(c, e);
    case 'retention.date-set':
    case 'legal-hold.set':
    case 'legal-hold.lifted':
    case 'retention.reviewed':
      return explainRetentionEvent(stage, c, e);
  }
}
