// R4.5, R6 (as R6.7 reads it), R7, R10, R17: every route that applies, each with its reasons.
// This module is the index: the referrals (routesReferral.ts), the routes about particular people
// (routesCare.ts) and the school's own response (routesSchool.ts), each adding to one table (routeParts.ts).
import { REFERRAL_ROUTES, type IncidentFacts, type RouteId, type Tri, type Typology } from '../types';
import type { AgeReference } from './age';
import { evaluateTriggers } from './triggers';
import { routeTable, STRENGTH_ORDER, type RouteAssessment, type RouteFacts } from './routeParts';
import { mashRoutes, policeRoutes } from './routesReferral';
import { ladoRoutes, socialCareRoutes } from './routesCare';
import { schoolRoutes } from './routesSchool';

export type { RouteAssessment, RouteRecommendation, Strength } from './routeParts';

export function assessRoutes(facts: IncidentFacts, typology: Typology, referenceDate?: AgeReference): RouteAssessment {
  const triggers = evaluateTriggers(facts, typology, referenceDate);
  const firing = triggers.filter((t) => t.fires === 'yes');
  const possible = triggers.filter((t) => t.fires === 'unknown');
  const immediateReferral: Tri = firing.length > 0 ? 'yes' : possible.length > 0 ? 'unknown' : 'no';
  const { routes, add } = routeTable();
  const x: RouteFacts = { facts, typology, triggers, firing, possible, immediateReferral, referenceDate };
  mashRoutes(x, add);
  policeRoutes(x, add);
  ladoRoutes(x, add);
  socialCareRoutes(x, add);
  // Decided before R8's assessment is added: the school may manage only when nothing refers it.
  const schoolMayManage = immediateReferral === 'no' && !routes.has('mash-referral');
  schoolRoutes(x, add, schoolMayManage);

  // A referral to the MASH subsumes asking it for advice; once referred at R6, the MASH leads the
  // risk assessment (R8 applies "when not referred at R6").
  if (routes.has('mash-referral')) routes.delete('mash-advice');
  if (immediateReferral === 'yes') routes.delete('risk-assessment');

  for (const r of routes.values()) {
    const seen = new Set<string>();
    r.reasons = r.reasons.filter((why) => {
      const k = `${why.rule}|${why.text}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  const sorted = [...routes.values()].sort((a, b) => STRENGTH_ORDER[a.strength] - STRENGTH_ORDER[b.strength]);
  return { typology, triggers, immediateReferral, routes: sorted, schoolMayManage };
}

/** R14.3: a chosen set of routes that makes no referral needs the Headteacher's sign-off. */
export function isReferralDecision(routes: readonly RouteId[]): boolean {
  return routes.some((r) => REFERRAL_ROUTES.includes(r));
}
