// R4.5, R6, R6.9, R14.2: the referrals the policy or the decision asks for, and their outcomes.
import { seqOf } from '../case';
import { accountable, onsetOf, unansweredEscalations } from './decision';
import { ALL, answersRoute, REFERRAL_ACT_NOW, ROUTE_ACT, type OwedFacts, type OwedItem } from './items';

/** R4.5, R6.9: each escalation not yet answered by a referral or an accountable override. */
export function escalationsOwed(f: OwedFacts): OwedItem[] {
  const { c } = f;
  const out: OwedItem[] = [];
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
  return out;
}

/** R6, R4.5, R14.2: each act-now referral not made since its causes arose. */
export function actNowOwed(f: OwedFacts): OwedItem[] {
  const { c, d, a } = f;
  const out: OwedItem[] = [];
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
  return out;
}

/** R14.2: each referral the decision chose, not yet made. */
export function chosenReferralsOwed(f: OwedFacts, sofar: readonly OwedItem[]): OwedItem[] {
  const { c, d, a } = f;
  const out: OwedItem[] = [];
  if (d) {
    for (const route of d.routes) {
      if (!['mash-referral', 'police', 'lado', 'social-care-referral'].includes(route)) continue;
      if ([...sofar, ...out].some((x) => x.kind === 'act-now' && x.route === route)) continue;
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
  return out;
}

/** R14.2: each referral's outcome. */
export function outcomesOwed(f: OwedFacts): OwedItem[] {
  const { c } = f;
  const out: OwedItem[] = [];
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
  return out;
}
