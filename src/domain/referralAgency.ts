// Which agency a new referral is most likely to be to, so the Referrals page opens on it: the first
// referral the case still owes (R4.5, R6, R6.9, R10.1, R10.4, KCSIE.lado, R14.2), else the decision's
// own routes, else the MASH, the front door for every referral in this policy (R5.2, R6).
import { currentDecision, type CaseRecord } from './case';
import type { ReferralAgency } from './events';
import { currentAssessment, owedToPolicy } from './owed';
import type { RuleId } from './rules/catalogue';
import type { RouteId } from './types';

export interface SuggestedReferral {
  agency: ReferralAgency;
  /** The rule that asks for a referral to it now. */
  rule: RuleId;
  /** The route it answers, where it answers one the policy or the decision asks for. */
  route?: RouteId | undefined;
  /** True when the case still owes this referral; false when it is only where referrals usually go. */
  owed: boolean;
}

/** The agency whose referral answers a route; the chair of governors for the LADO when the allegation is about the Headteacher. */
function agencyFor(c: CaseRecord, route: RouteId): ReferralAgency | null {
  switch (route) {
    case 'mash-referral':
      return 'mash';
    case 'police':
      return 'police';
    case 'social-care-referral':
      return 'social-care';
    case 'lado':
      return currentAssessment(c).routes.find((r) => r.route === 'lado')?.lead === 'chair-of-governors'
        ? 'chair-of-governors'
        : 'lado';
    default:
      return null;
  }
}

/** The referral to offer first on the Referrals page, with the rule that asks for it. */
export function suggestedReferral(c: CaseRecord): SuggestedReferral {
  for (const item of owedToPolicy(c)) {
    // R4.5, R6.9: an escalation is answered by a referral to the MASH (or the police, or social care).
    if (item.kind === 'escalation') return { agency: 'mash', rule: item.rule, owed: true };
    if ((item.kind === 'act-now' || item.kind === 'referral') && item.route) {
      const agency = agencyFor(c, item.route);
      // Cited by the rule that asks for the route itself (R6.6, R10.1, KCSIE.lado), not R14.2's "the decision chose it".
      const route = item.route;
      const why = currentAssessment(c).routes.find((r) => r.route === route)?.reasons[0]?.rule ?? item.rule;
      if (agency) return { agency, rule: why, route, owed: true };
    }
  }
  const d = currentDecision(c);
  if (!d || d.routes.includes('mash-referral')) return { agency: 'mash', rule: 'R5.2', owed: false };
  if (d.routes.includes('police')) return { agency: 'police', rule: 'R10.1', route: 'police', owed: false };
  if (d.routes.includes('lado'))
    return { agency: agencyFor(c, 'lado') ?? 'lado', rule: 'KCSIE.lado', route: 'lado', owed: false };
  return { agency: 'mash', rule: 'R5.2', owed: false };
}
