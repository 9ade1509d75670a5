// The words the printed record uses for the policy's questions, answers and enumerations. Wording
// only (the domain decides); kept here so the PDF chunk does not depend on the UI's modules.
import type {
  Discloser,
  DisclosureChannel,
  ParentsDecision,
  ReferralAgency,
  ReferralNextStep,
  ViewingGround,
  ViewingSafeguards,
} from '../../domain/events';
import type { Strength } from '../../domain/rules/routes';
import type { QuoteSource } from '../../domain/rules/catalogue';
import type {
  Involvement,
  RouteId,
  SocialCareInvolvement,
  Tri,
  TriFactKey,
  WorksWithChildren,
} from '../../domain/types';
import { ROUTE_WORDS } from '../../domain/routeWords';

/** The nine questions of the initial review meeting (R5), in the policy's order: worded once, in the domain. */
export { REVIEW_QUESTIONS } from '../../domain/questions';

export const FACT_LABELS: Record<TriFactKey, string> = {
  dangerNow: 'Is anyone in danger right now?',
  immediateRiskOfHarm: 'Is a young person at immediate risk of harm because of the sharing?',
  coercionOrGrooming: 'Was a young person coerced, pressured or groomed?',
  extortionOrBlackmail: 'Is anyone being blackmailed or extorted?',
  capacityConcern: "Is there a concern about a young person's capacity to consent?",
  threats: 'Have there been threats?',
  sexualAbuse: 'Is there any sexual abuse?',
  malice: 'Was anything done with malice?',
  sharedWithoutConsent:
    'Was imagery made, sent or shown without the knowledge, or against the will, of the young person pictured?',
  unusualOrViolentContent: 'As told, does the imagery show sexual acts unusual for their age, or violence?',
  sexualActs: 'As told, does the imagery involve sexual acts?',
  harmOrDistress: 'Has it caused harm or distress to a young person?',
  widerConcernsMeetThreshold: "Do wider concerns meet the threshold for children's social care?",
  aiMadeOrAltered:
    'National guidance (UKCIS 2024), not the policy: was the imagery made or altered with an app or AI ("nudified" or generated)?',
  sextortionDemands:
    'National guidance (UKCIS 2024), not the policy: did anyone demand money, gifts or more images (financially motivated sexual extortion)?',
};

/** Whose words a rule's quote is (issue 11, item 8): only the policy's own words say "The policy says". */
export const QUOTE_FROM_TEXT: Record<QuoteSource, string> = {
  policy: 'The policy says',
  digest: 'In the rules digest’s words',
  national: 'National guidance (not your policy), in summary',
  app: 'The app’s own design (not your policy)',
};

/** The routes' titles, the screens' words (src/domain/routeWords.ts). */
export const ROUTE_TITLES: Record<RouteId, string> = Object.fromEntries(
  Object.entries(ROUTE_WORDS).map(([route, words]) => [route, words.title]),
) as Record<RouteId, string>;

export const STRENGTH_TEXT: Record<Strength, string> = {
  'act-now': 'act now',
  recommended: 'recommended',
  consider: 'depends on something not yet known',
  option: 'allowed',
};

export const AGENCY_TEXT: Record<ReferralAgency, string> = {
  mash: 'The MASH',
  police: 'The police',
  'social-care': "Children's social care",
  lado: 'The LADO',
  'chair-of-governors': 'The chair of governors',
};

export const NEXT_STEP_TEXT: Record<ReferralNextStep, string> = {
  'agency-leads': 'The agency leads',
  'return-to-school': 'Returned to the school to manage',
  'no-further-action': 'No further action',
};

export const PARENTS_TEXT: Record<ParentsDecision, string> = {
  informed: 'Informed',
  'young-person-will-tell': 'The young person will tell them, with support',
  'not-informed': 'Not informed',
};

export const CHANNEL_TEXT: Record<DisclosureChannel, string> = {
  'in-person': 'In person',
  phone: 'By phone',
  online: 'Online',
  written: 'In writing',
  overheard: 'Overheard',
  other: 'Other',
};

export const DISCLOSER_TEXT: Record<Discloser, string> = {
  'young-person': 'A young person',
  friend: 'A friend',
  parent: 'A parent or carer',
  staff: 'A member of staff',
  police: 'The police',
  other: 'Someone else',
};

export const GROUND_TEXT: Record<ViewingGround, string> = {
  'only-way-to-decide': 'The only way to decide whether to involve other agencies',
  'report-takedown': 'Needed to report the imagery for removal',
  unavoidable: 'Unavoidable (seen before it could be prevented)',
  'device-search': 'Searching a device for the imagery (R12.2), recorded as a viewing',
};

export const SAFEGUARD_TEXT: Record<keyof ViewingSafeguards, string> = {
  discussedWithHeadteacher: 'Discussed with the Headteacher first (R11.3)',
  viewerAuthorised: 'Viewed by the DSL or someone the Headteacher delegated',
  secondStaffPresent: 'A second member of staff was present',
  onPremises: 'Viewed on the premises',
  sameSexWherePossible: 'Viewed by someone of the same sex as the young person, where possible',
  noCopyPrintShare: 'Not copied, printed or shared',
  noSignificantDistress: 'Viewing would not cause significant distress (R11.1)',
};

export const INVOLVEMENT_TEXT: Record<Involvement, string> = {
  pictured: 'pictured',
  shared: 'shared',
  received: 'received',
  requested: 'requested',
  possessed: 'possessed',
  disclosed: 'disclosed',
  other: 'other',
};

export const WORKS_WITH_CHILDREN_TEXT: Record<WorksWithChildren, string> = {
  staff: 'Works here',
  volunteer: 'Volunteers with children',
  elsewhere: 'Works with children elsewhere',
  no: 'No',
  unknown: 'Not known',
};

export const SOCIAL_CARE_TEXT: Record<SocialCareInvolvement, string> = {
  current: 'Involved now',
  past: 'Involved in the past',
  possible: 'May be involved',
  none: 'Not involved',
  unknown: 'Not known',
};

export const REMOVAL_SERVICE_TEXT = {
  'report-remove': 'Report Remove (Childline and the IWF)',
  'take-it-down': 'Take It Down (NCMEC)',
  platform: 'A report to the platform',
} as const;

export function triText(v: Tri): string {
  return v === 'yes' ? 'Yes' : v === 'no' ? 'No' : 'Not known yet';
}

export function yesNo(v: boolean | undefined): string {
  return v === true ? 'Yes' : v === false ? 'No' : 'Not recorded';
}
