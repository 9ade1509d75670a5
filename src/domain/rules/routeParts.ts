// What every route family shares: a route's strength and reasons, the assessment they add up to, and the
// table each family adds its routes to (a route added twice keeps the stronger strength and both reasons).
import type { IncidentFacts, Person, RouteId, Tri, Typology } from '../types';
import type { Reason } from '../reasons';
import type { AgeReference } from './age';
import type { TriggerResult } from './triggers';

/**
 * - act-now: the policy requires it immediately (an immediate referral, 999).
 * - recommended: the policy says to do it.
 * - consider: it depends on something not yet known; the reasons say what.
 * - option: the policy allows it (school may manage).
 */
export type Strength = 'act-now' | 'recommended' | 'consider' | 'option';

export interface RouteRecommendation {
  route: RouteId;
  strength: Strength;
  reasons: Reason[];
  /** Police: 999 when someone is in danger now, otherwise 101 (R10.1). */
  phone?: '999' | '101';
  /** LADO: led by the chair of governors when the adult is the Headteacher. */
  lead?: 'lado' | 'chair-of-governors';
  /** The people this route is about, where it is about particular people (LADO, social care, an adult). */
  persons?: string[];
}

export interface RouteAssessment {
  /** The typology these routes follow. */
  typology: Typology;
  triggers: TriggerResult[];
  /** 'yes' if any trigger fires, 'unknown' if any could, 'no' otherwise. */
  immediateReferral: Tri;
  routes: RouteRecommendation[];
  /** True only when no immediate-referral trigger is true or unknown. */
  schoolMayManage: boolean;
}

export const STRENGTH_ORDER: Record<Strength, number> = { 'act-now': 0, recommended: 1, consider: 2, option: 3 };

export function named(p: Person): string {
  return p.name.trim() || 'a person involved';
}

/** What each family of routes reads: the facts, the typology, and the triggers as they stand. */
export interface RouteFacts {
  facts: IncidentFacts;
  typology: Typology;
  triggers: TriggerResult[];
  /** The triggers that fire, and those that could. */
  firing: TriggerResult[];
  possible: TriggerResult[];
  immediateReferral: Tri;
  referenceDate?: AgeReference | undefined;
}

export type AddRoute = (
  route: RouteId,
  strength: Strength,
  reasons: Reason[],
  extra?: Partial<RouteRecommendation>,
) => void;

/** An empty table of routes, and the one way to add to it. */
export function routeTable(): { routes: Map<RouteId, RouteRecommendation>; add: AddRoute } {
  const routes = new Map<RouteId, RouteRecommendation>();
  const add = (
    route: RouteId,
    strength: Strength,
    reasons: Reason[],
    extra: Partial<RouteRecommendation> = {},
  ): void => {
    const existing = routes.get(route);
    if (!existing) {
      routes.set(route, { route, strength, reasons: [...reasons], ...extra });
      return;
    }
    if (STRENGTH_ORDER[strength] < STRENGTH_ORDER[existing.strength]) existing.strength = strength;
    existing.reasons.push(...reasons);
    const persons = [...new Set([...(existing.persons ?? []), ...(extra.persons ?? [])])];
    Object.assign(existing, extra, persons.length > 0 ? { persons } : {});
  };
  return { routes, add };
}
