// R4.5, R6.9, R14.3: what the current decision answers for: the routes it went against, whether it is
// accountable and signed off, and what has changed since it was made.
import {
  currentDecision,
  recordedAfter,
  referenceDate,
  routeCauses,
  type CaseRecord,
  type RecordedDecision,
} from '../case';
import { may } from '../permissions';
import { assess } from '../rules/assess';
import { isReferralDecision, type RouteAssessment } from '../rules/routes';
import type { TriggerResult } from '../rules/triggers';
import type { IncidentFacts, RouteId } from '../types';
import { blank } from '../blank';
import { REFERRAL_ACT_NOW, ROUTE_ACT } from './items';

/** The policy engine's routes for these facts under the current decision's typology (or the proposal). */
export function currentAssessment(c: CaseRecord, facts: IncidentFacts = c.facts): RouteAssessment {
  return assess(facts, { confirmedTypology: currentDecision(c)?.typology ?? null, referenceDate: referenceDate(c) })
    .routes;
}

// Records are never mutated (case.ts builds a new one for every event), so what is worked out from
// one is kept with it: the gates, the task list and the summary ask about the same record often.
const causesOf = new WeakMap<CaseRecord, Map<RouteId, string[]>>();

/** When a route's causes, as they stand now, arose: the latest of them (-1 when none is dated, as in older records). */
export function onsetOf(c: CaseRecord, route: RouteId): number {
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
