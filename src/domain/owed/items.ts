// What an owed item is (its kind, rule, sentence, step and what it holds back), and the words and
// agencies every family of owed items shares.
import type { CaseRecord, RecordedDecision } from '../case';
import type { ReferralAgency } from '../events';
import type { RuleId } from '../rules/catalogue';
import type { RouteAssessment, RouteRecommendation } from '../rules/routes';
import type { RouteId } from '../types';

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
  | 'merge'
  /** Two cases of one disclosure each closed into the other, apart: decide which carries on (src/domain/sameIncident.ts). */
  | 'same-incident';

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
  | 'branches'
  | 'same-incident';

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

/** What every family of owed items reads: the case, its current decision, the policy's routes now, whether the decision refers. */
export interface OwedFacts {
  c: CaseRecord;
  d: RecordedDecision | null;
  a: RouteAssessment;
  refers: boolean;
}

/** Held back until done: closing the case and deleting anything. */
export const ALL: readonly OwedBlock[] = ['close', 'delete'];

/** The agencies whose referral answers a route. The chair of governors answers the LADO only for the Headteacher. */
export function answersRoute(route: RouteId, agency: ReferralAgency, rec?: RouteRecommendation): boolean {
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

export const ROUTE_ACT: Record<RouteId, string> = {
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
export const REFERRAL_ACT_NOW: readonly RouteId[] = ['mash-referral', 'police', 'lado'];
