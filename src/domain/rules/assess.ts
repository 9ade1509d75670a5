// What would the policy say? The proposed typology and the routes for the typology that counts.
import type { IncidentFacts, Typology } from '../types';
import type { AgeReference } from './age';
import { assessRoutes, type RouteAssessment } from './routes';
import { proposeTypology, type TypologyProposal } from './typology';

export interface Assessment {
  proposed: TypologyProposal;
  /** The DSL's confirmed typology, if any (R2.3). */
  confirmed: Typology | null;
  /** The routes follow the confirmed typology, or the proposal until the DSL confirms one. */
  routes: RouteAssessment;
  /** When the DSL's typology differs from the proposal, the proposal's routes too (issue 2). */
  proposedRoutes: RouteAssessment | null;
}

export interface AssessOptions {
  confirmedTypology?: Typology | null;
  /** ISO date the ages are worked out on (the incident date); ages from dates of birth need it. */
  referenceDate?: AgeReference;
}

export function assess(facts: IncidentFacts, options: AssessOptions = {}): Assessment {
  const proposed = proposeTypology(facts, options.referenceDate);
  const confirmed = options.confirmedTypology ?? null;
  const typology = confirmed ?? proposed.typology;
  const routes = assessRoutes(facts, typology, options.referenceDate);
  const proposedRoutes =
    confirmed && confirmed !== proposed.typology ? assessRoutes(facts, proposed.typology, options.referenceDate) : null;
  return { proposed, confirmed, routes, proposedRoutes };
}
