// What the case still owes the policy (issue 11): one list, worked out from the current facts and
// the whole record, never from the last decision alone. The closing, deletion and sign-off gates,
// the task list, the reminders and the PDF all read it; none of them repeats it.
//
// Every item is typed: what kind of thing is owed, the rule that asks for it, one plain sentence,
// and the step of the case where it is done (so a screen links to it and never matches text).
import {
  currentDecision,
  recordedAfter,
  referenceDate,
  routeCauses,
  seqOf,
  type CaseRecord,
  type RecordedDecision,
  type Stamp,
} from './case';
import type { ReferralAgency } from './events';
import { may } from './permissions';
import { branchOwed } from './merge';
import { reason, type Reason } from './reasons';
import { assess } from './rules/assess';
import type { RuleId } from './rules/catalogue';
import { isReferralDecision, type RouteAssessment, type RouteRecommendation } from './rules/routes';
import { youngPeople, type TriggerResult } from './rules/triggers';
import type { IncidentFacts, RouteId } from './types';
import { blank } from './blank';

export type OwedKind =
  | 'disclosure'
  | 'decision'
  | 'new-decision'
  | 'act-now'
  | 'escalation'
  | 'referral'
  | 'referral-outcome'
  | 'liaison'
  | 'risk-assessment'
  | 'sign-off'
  | 'parents'
  | 'viewing'
  | 'support'
  | 'deletion'
  | 'device'
  | 'evidence'
  /** Recorded on two tablets at once: a key holder merges the branches (src/domain/merge.ts). */
  | 'merge';

/** The step of the case (its screen under /cases/:id/) where the owed thing is done. */
export type OwedStep =
  | 'disclosure'
  | 'review'
  | 'referrals'
  | 'risk'
  | 'parents'
  | 'viewing'
  | 'deletion'
  | 'devices'
  | 'social-care'
  | 'sign-off'
  | 'branches';

/** What an owed item holds back: closing the case, deleting anything, signing off the current decision. */
export type OwedBlock = 'close' | 'delete' | 'sign-off';

export interface OwedItem {
  kind: OwedKind;
  rule: RuleId;
  /** One plain sentence: what is owed. */
  text: string;
  step: OwedStep;
  /** The route it is about, where it is about one. */
  route?: RouteId | undefined;
  /** Which referral, person, device, deletion item or escalation it is about (stable, for reminders). */
  ref?: string | undefined;
  /** When what it waits on began (ISO). */
  since?: string | undefined;
  /** ISO date it falls due, where it has one (a deletion deadline). */
  due?: string | undefined;
  blocks: readonly OwedBlock[];
}

const ALL: readonly OwedBlock[] = ['close', 'delete'];

/** The agencies whose referral answers a route. The chair of governors answers the LADO only for the Headteacher. */
function answersRoute(route: RouteId, agency: ReferralAgency, rec?: RouteRecommendation): boolean {
  switch (route) {
    case 'mash-referral':
      return agency === 'mash';
    case 'police':
      return agency === 'police';
    case 'lado':
      return agency === 'lado' || (agency === 'chair-of-governors' && rec?.lead === 'chair-of-governors');
    case 'social-care-referral':
      return agency === 'social-care' || agency === 'mash';
    default:
      return false;
  }
}

const ROUTE_ACT: Record<RouteId, string> = {
  'mash-referral': 'Refer to the MASH',
  police: 'Tell the police',
  'social-care-contact': "Contact children's social care",
  'social-care-referral': "Refer to children's social care",
  lado: 'Tell the LADO',
  'risk-assessment': 'Assess the risks',
  'mash-advice': 'Liaise with the MASH for advice',
  'school-manage': 'Manage in school',
};

/** Routes that are referrals to make now when act-now: answered by a referral or an accountable override. */
const REFERRAL_ACT_NOW: readonly RouteId[] = ['mash-referral', 'police', 'lado'];

/** The policy engine's routes for these facts under the current decision's typology (or the proposal). */
export function currentAssessment(c: CaseRecord, facts: IncidentFacts = c.facts): RouteAssessment {
  return assess(facts, { confirmedTypology: currentDecision(c)?.typology ?? null, referenceDate: referenceDate(c) })
    .routes;
}

// Records are never mutated (case.ts builds a new one for every event), so what is worked out from
// one is kept with it: the gates, the task list and the summary ask about the same record often.
const causesOf = new WeakMap<CaseRecord, Map<RouteId, string[]>>();
const owedOf = new WeakMap<CaseRecord, OwedItem[]>();

/** When a route's causes, as they stand now, arose: the latest of them (-1 when none is dated, as in older records). */
function onsetOf(c: CaseRecord, route: RouteId): number {
  let causes = causesOf.get(c);
  if (!causes) causesOf.set(c, (causes = routeCauses(c)));
  const keys = causes.get(route) ?? [];
  return Math.max(-1, ...keys.map((k) => c.onsets?.[k] ?? -1));
}

/** R14.3: a valid sign-off of this decision: after it, by someone other than its maker, as or in place of the Headteacher. */
export function validSignOff(c: CaseRecord, d: RecordedDecision) {
  return c.signOffs.find(
    (s) =>
      s.decisionId === d.decisionId &&
      recordedAfter(s, d) &&
      s.by.userId !== d.by.userId &&
      (may(s.by.role, 'sign-off-as-headteacher') || !blank(s.inPlaceOfHeadteacher)),
  );
}

/** The act-now referral routes a decision went against, on the facts it was made on. */
export function overriddenRoutes(c: CaseRecord, d: RecordedDecision): RouteId[] {
  const actNow =
    d.actNowRoutes ??
    currentAssessment(c, d.facts ?? c.facts)
      .routes.filter((r) => r.strength === 'act-now')
      .map((r) => r.route);
  return actNow.filter((r) => REFERRAL_ACT_NOW.includes(r) && !d.routes.includes(r));
}

/** Escalations not yet answered by a referral, or by a decision after them that is an accountable override (R4.5, R6.9). */
export function unansweredEscalations(c: CaseRecord): CaseRecord['escalations'] {
  return c.escalations.filter(
    (x) =>
      !c.referrals.some(
        (r) => (r.agency === 'mash' || r.agency === 'police' || r.agency === 'social-care') && recordedAfter(r, x),
      ) && !c.decisions.some((d) => recordedAfter(d, x) && !isReferralDecision(d.routes) && accountable(c, d)),
  );
}

/** A decision that goes against the policy's referral is accountable: its reason, a consultation, a valid sign-off (R4.5, R14.3). */
export function accountable(c: CaseRecord, d: RecordedDecision): boolean {
  const k = d.consultation;
  return (
    !blank(d.routeReason) &&
    !!k &&
    !blank(k.who) &&
    !blank(k.advice) &&
    !blank(k.at) &&
    validSignOff(c, d) !== undefined
  );
}

/** Does this decision need the Headteacher's sign-off (R14.3)? A decision not to refer, or one that overrides a referral. */
export function needsSignOff(c: CaseRecord, d: RecordedDecision): boolean {
  return !isReferralDecision(d.routes) || overriddenRoutes(c, d).length > 0;
}

function triggerChange(now: TriggerResult, then: TriggerResult | undefined): string | null {
  const was = then?.fires ?? 'no';
  const first = now.reasons[0]?.text ?? now.id;
  if (now.fires === 'yes' && was !== 'yes') return `${now.id}: ${first}`;
  if (now.fires === 'unknown' && was === 'no') return `${now.id} is now not known: ${first}`;
  return null;
}

/**
 * R6.9, R4.5: what has changed since the current decision that the decision did not weigh: a trigger
 * that now applies or is not known, a new person, a route the policy now asks for at once.
 */
export function changesSinceDecision(c: CaseRecord): string[] {
  const d = currentDecision(c);
  if (!d?.facts) return [];
  const ref = referenceDate(c);
  const then = assess(d.facts, { confirmedTypology: d.typology, referenceDate: ref }).routes;
  const now = assess(c.facts, { confirmedTypology: d.typology, referenceDate: ref }).routes;
  const out: string[] = [];
  for (const t of now.triggers) {
    const change = triggerChange(
      t,
      then.triggers.find((x) => x.id === t.id),
    );
    if (change) out.push(change);
  }
  for (const p of c.facts.persons)
    if (!d.facts.persons.some((x) => x.id === p.id)) out.push(`${p.name.trim() || 'A person'} was added to the case.`);
  const thenActNow = new Set(then.routes.filter((r) => r.strength === 'act-now').map((r) => r.route));
  for (const r of now.routes)
    if (r.strength === 'act-now' && !thenActNow.has(r.route))
      out.push(`${ROUTE_ACT[r.route]}: the policy now asks for this at once.`);
  return out;
}

/** R9.1: the young people whose parents or carers the school informs; never someone met online (their parents are not the school's to tell). */
export function parentsToInform(c: CaseRecord): ReturnType<typeof youngPeople> {
  return youngPeople(c.facts.persons, referenceDate(c)).filter((p) => !p.onlineContact);
}

/** Everything the case still owes the policy, most urgent first. */
export function owedToPolicy(c: CaseRecord): readonly OwedItem[] {
  const known = owedOf.get(c);
  if (known) return known;
  const out = workOut(c);
  owedOf.set(c, out);
  return out;
}

function workOut(c: CaseRecord): OwedItem[] {
  const out: OwedItem[] = branchOwed(c);
  const d = currentDecision(c);
  const a = currentAssessment(c);
  const refers = !!d && isReferralDecision(d.routes);

  if (!c.disclosure)
    out.push({
      kind: 'disclosure',
      rule: 'R14.1',
      text: 'The disclosure is not recorded.',
      step: 'disclosure',
      blocks: ['close'],
    });
  if (!d)
    out.push({
      kind: 'decision',
      rule: 'R4.2',
      text: 'The initial review decision is not recorded.',
      step: 'review',
      blocks: ALL,
    });

  // R6.9, R4.5: new facts since the decision need a new decision before anything is closed or deleted.
  const changes = changesSinceDecision(c);
  if (d && changes.length > 0) {
    out.push({
      kind: 'new-decision',
      rule: 'R6.9',
      text: `A new decision is needed: the facts have changed since the decision of ${d.at.slice(0, 10)}. ${changes.join(' ')}`,
      step: 'review',
      ref: d.decisionId,
      blocks: ['close', 'delete', 'sign-off'],
    });
  }

  // R4.5, R6.9: an escalation is answered only by a referral or an accountable override.
  for (const x of unansweredEscalations(c)) {
    out.push({
      kind: 'escalation',
      rule: 'R6.9',
      text: `The case was escalated (${x.reason.trim()}): make the referral now, or record a decision against it with its reason, the agency consulted and the Headteacher's sign-off.`,
      step: 'referrals',
      ref: x.eventId,
      since: x.at,
      blocks: ALL,
    });
  }

  // Act-now referrals: a referral made after their causes arose, or an accountable override.
  for (const r of a.routes) {
    if (r.strength !== 'act-now' || !REFERRAL_ACT_NOW.includes(r.route)) continue;
    const onset = onsetOf(c, r.route);
    const referred = c.referrals.some((x) => answersRoute(r.route, x.agency, r) && seqOf(x) > onset);
    const overridden = !!d && !d.routes.includes(r.route) && seqOf(d) >= onset && accountable(c, d);
    if (referred || overridden) continue;
    const earlier = c.referrals.some((x) => answersRoute(r.route, x.agency, r));
    const against = !!d && !d.routes.includes(r.route) && seqOf(d) >= onset;
    const chosen = !!d && d.routes.includes(r.route) && seqOf(d) >= onset;
    out.push({
      kind: 'act-now',
      // R14.2 when the decision already chose it and only the referral is missing.
      rule: chosen ? 'R14.2' : (r.reasons[0]?.rule ?? 'R6.9'),
      text: `${ROUTE_ACT[r.route]}: act now${r.phone ? ` (${r.phone})` : ''}. ${
        earlier
          ? 'The facts have changed since the earlier referral, and no referral is recorded since. '
          : 'No referral is recorded. '
      }${
        against
          ? "The decision goes against it: it stands only with its reason, who at the MASH or the police was consulted, and the Headteacher's sign-off."
          : "Make the referral, or record a decision against it with its reason, who at the MASH or the police you consulted, and the Headteacher's sign-off."
      }`,
      step: 'referrals',
      route: r.route,
      blocks: ALL,
    });
  }
  // R6.3: the local risk tool decides the route: apply it now (the decision, once recorded, weighs it).
  if (d && a.routes.some((r) => r.route === 'risk-assessment' && r.strength === 'act-now')) {
    out.push({
      kind: 'risk-assessment',
      rule: 'R6.3',
      text: 'Apply the local risk tool now: a high result means an immediate MASH referral.',
      step: 'risk',
      route: 'risk-assessment',
      blocks: ALL,
    });
  }

  // Referrals the decision chose, not yet made (R14.2).
  if (d) {
    for (const route of d.routes) {
      if (!['mash-referral', 'police', 'lado', 'social-care-referral'].includes(route)) continue;
      if (out.some((x) => x.kind === 'act-now' && x.route === route)) continue;
      const rec = a.routes.find((r) => r.route === route);
      if (!c.referrals.some((x) => answersRoute(route, x.agency, rec) || (route === 'police' && x.agency === 'mash'))) {
        out.push({
          kind: 'referral',
          rule: 'R14.2',
          text: `The decision includes: ${ROUTE_ACT[route].toLowerCase()}. No such referral is recorded.`,
          step: 'referrals',
          route,
          blocks: ['close'],
        });
      }
    }
  }
  for (const r of c.referrals) {
    if (!r.outcome)
      out.push({
        kind: 'referral-outcome',
        rule: 'R14.2',
        text: `The outcome of the referral to ${r.to} is not recorded.`,
        step: 'referrals',
        ref: r.id,
        since: r.at,
        blocks: ['close'],
      });
  }

  // Liaisons the policy recommends now, with no record made after their causes arose (R7.4, R10.3).
  for (const r of d ? a.routes : []) {
    if (r.strength !== 'act-now' && r.strength !== 'recommended') continue;
    const onset = onsetOf(c, r.route);
    const after = (s: Stamp) => seqOf(s) > onset;
    if (r.route === 'mash-advice') {
      const liaised =
        (c.advice ?? []).some((x) => x.agency === 'mash' && after(x)) ||
        c.referrals.some((x) => x.agency === 'mash' && after(x)) ||
        c.decisions.some((x) => x.consultation?.agency === 'mash' && after(x));
      if (!liaised) {
        out.push({
          kind: 'liaison',
          rule: 'R7.4',
          text: 'Liaising with the MASH for advice is recommended: record who you spoke to and what they advised.',
          step: 'referrals',
          route: r.route,
          blocks: ['close'],
        });
      }
    }
    if (r.route === 'social-care-contact') {
      const contacted =
        c.socialCareContacts.some(after) ||
        (c.advice ?? []).some((x) => x.agency === 'social-care' && after(x)) ||
        c.referrals.some((x) => (x.agency === 'social-care' || x.agency === 'mash') && after(x));
      if (!contacted) {
        out.push({
          kind: 'liaison',
          rule: 'R10.3',
          text: "Children's social care is, may be or has been involved: contact them before the case is closed, whatever the route.",
          step: 'social-care',
          route: r.route,
          blocks: ['close'],
        });
      }
    }
  }
  // The decision chose a contact with social care: recorded (R10.3).
  if (d?.routes.includes('social-care-contact') && !out.some((x) => x.route === 'social-care-contact')) {
    if (
      c.socialCareContacts.length === 0 &&
      !(c.advice ?? []).some((x) => x.agency === 'social-care') &&
      !c.referrals.some((r) => r.agency === 'social-care' || r.agency === 'mash')
    ) {
      out.push({
        kind: 'liaison',
        rule: 'R10.3',
        text: "Contact with children's social care is not recorded.",
        step: 'social-care',
        route: 'social-care-contact',
        blocks: ['close'],
      });
    }
  }

  // R8, R12.1: the further risk assessment comes before any deletion (unless an agency returned the case to the school to manage).
  const schoolManagesByOutcome = c.referrals.some((r) => r.outcome && r.outcome.nextStep !== 'agency-leads');
  if (d && c.riskAssessments.length === 0) {
    const closeToo = !refers;
    if (closeToo || !schoolManagesByOutcome) {
      out.push({
        kind: 'risk-assessment',
        rule: 'R8',
        text: closeToo
          ? 'The further risk assessment is not recorded.'
          : 'The further risk assessment is not recorded: nothing is deleted before it (R12.1).',
        step: 'risk',
        blocks: closeToo ? ALL : ['delete'],
      });
    }
  }

  // R14.3: the sign-off the current decision needs.
  if (d && needsSignOff(c, d) && !validSignOff(c, d)) {
    const over = overriddenRoutes(c, d);
    out.push({
      kind: 'sign-off',
      rule: 'R14.3',
      text:
        over.length > 0
          ? `The decision goes against the policy (${over.map((r) => ROUTE_ACT[r].toLowerCase()).join(', ')}): the Headteacher signs it off, and not the person who made it.`
          : 'The decision not to refer is not yet signed off by the Headteacher (and not by the person who made it).',
      step: 'sign-off',
      ref: d.decisionId,
      since: d.at,
      blocks: ALL,
    });
  }

  // R9: parents and carers of each young person (not online contacts: their parents are not the school's to tell).
  for (const p of parentsToInform(c)) {
    const rec = c.parents[p.id];
    if (!rec)
      out.push({
        kind: 'parents',
        rule: 'R9.1',
        text: `Parents and carers of ${p.name || 'a young person'}: not recorded.`,
        step: 'parents',
        ref: p.id,
        blocks: ['close'],
      });
    else if (rec.decision === 'not-informed' && (!rec.agreedWith || rec.agreedWith === 'none')) {
      out.push({
        kind: 'parents',
        rule: 'R9.2',
        text: `Parents and carers of ${p.name || 'a young person'} are not to be told, but no agency was consulted: agree it with the MASH or the police.`,
        step: 'parents',
        ref: p.id,
        blocks: ['close'],
      });
    }
  }

  // R11.4, R11.5: viewings recorded, support offered.
  for (const v of c.viewings)
    if (!v.record)
      out.push({
        kind: 'viewing',
        rule: 'R11.4',
        text: 'A viewing was justified but its record is not complete.',
        step: 'viewing',
        ref: v.id,
        blocks: ['close'],
      });
  if (c.viewings.some((v) => v.record) && c.supportOffered.length === 0) {
    out.push({
      kind: 'support',
      rule: 'R11.5',
      text: 'Record the support offered to the staff who viewed the imagery.',
      step: 'viewing',
      blocks: ['close'],
    });
  }

  // R12.5, R12.4: every deletion item confirmed. Once the decision refers, an unfinished plan must not
  // be finished (never delete what may be evidence, R12.1), so it does not hold the case open.
  if (c.deletion && !refers) {
    const plan = c.deletion;
    for (const i of plan.items) {
      if (plan.confirmations.some((x) => x.personId === i.personId && x.where === i.where)) continue;
      const refused = (plan.refusals ?? []).some((x) => x.personId === i.personId && x.where === i.where);
      const name = c.facts.persons.find((p) => p.id === i.personId)?.name || 'A young person';
      out.push({
        kind: 'deletion',
        rule: refused ? 'R12.4' : 'R12.5',
        text: refused
          ? `${name} refused to delete the imagery (${i.where}). Refusing is an offence the police may become involved in: follow it up, and escalate if needed.`
          : `Deletion not yet confirmed: ${name}, ${i.where}.`,
        step: 'deletion',
        ref: `${i.personId}|${i.where}`,
        since: plan.at,
        due: plan.deadline,
        blocks: ['close'],
      });
    }
  }
  for (const dev of c.devices) {
    if (!dev.collected)
      out.push({
        kind: 'device',
        rule: 'R10.2',
        text: `The device "${dev.description}" is still held for the police.`,
        step: 'devices',
        ref: dev.id,
        since: dev.secured.at,
        blocks: ALL,
      });
  }

  // R12.1: while police involvement is still possible, nothing is deleted.
  if (!d)
    out.push({
      kind: 'evidence',
      rule: 'R12.1',
      text: 'No decision has been recorded yet.',
      step: 'review',
      blocks: ['delete'],
    });
  if (d && refers)
    out.push({
      kind: 'evidence',
      rule: 'R12.1',
      text: 'The current decision refers the case to other agencies.',
      step: 'review',
      blocks: ['delete'],
    });
  for (const r of c.referrals) {
    if (
      (r.agency === 'mash' || r.agency === 'police' || r.agency === 'social-care') &&
      r.outcome?.nextStep === 'agency-leads'
    ) {
      out.push({
        kind: 'evidence',
        rule: 'R12.1',
        text: `The referral to ${r.to} is led by that agency.`,
        step: 'referrals',
        ref: r.id,
        blocks: ['delete'],
      });
    } else if ((r.agency === 'mash' || r.agency === 'police' || r.agency === 'social-care') && !r.outcome) {
      out.push({
        kind: 'evidence',
        rule: 'R12.1',
        text: `The referral to ${r.to} has no outcome yet.`,
        step: 'referrals',
        ref: r.id,
        blocks: ['delete'],
      });
    }
  }
  const ir = a.immediateReferral;
  if (d && ir !== 'no') {
    out.push({
      kind: 'evidence',
      rule: 'R12.1',
      text: `An immediate-referral trigger is ${ir === 'yes' ? 'present' : 'not yet ruled out'}.`,
      step: 'review',
      blocks: ['delete'],
    });
  }
  return out;
}

/** The owed items that hold back one thing, as reasons a gate gives. */
export function owedBlocking(c: CaseRecord, what: OwedBlock, items: readonly OwedItem[] = owedToPolicy(c)): Reason[] {
  return items.filter((x) => x.blocks.includes(what)).map((x) => reason(x.rule, x.text));
}

/** Does the case need a new decision now (R6.9)? */
export function newDecisionNeeded(c: CaseRecord, items: readonly OwedItem[] = owedToPolicy(c)): OwedItem | undefined {
  return items.find((x) => x.kind === 'new-decision');
}
