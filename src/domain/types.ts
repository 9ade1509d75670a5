// The case model: the facts a DSL records and the vocabulary of the policy. Pure data, no behaviour.

/** Unknown is a value, never a silent false (issue 2). A question not yet answered is 'unknown'. */
export type Tri = 'yes' | 'no' | 'unknown';

/** The policy a case is handled under; kept on the case so an old case is read under its own policy. */
export type PolicyVersion = 'wscb-ypsi-2016';
export const CURRENT_POLICY_VERSION: PolicyVersion = 'wscb-ypsi-2016';

/** Every role, and the roles that hold a key to the records. What each may do is src/domain/permissions.ts. */
export const ROLES = ['dsl', 'deputy-dsl', 'headteacher', 'staff'] as const;
export type Role = (typeof ROLES)[number];
export const KEY_ROLES = ['dsl', 'deputy-dsl', 'headteacher'] as const satisfies readonly Role[];
export type KeyRole = (typeof KEY_ROLES)[number];
export interface Actor {
  userId: string;
  role: Role;
  name: string;
}

/**
 * Sex as the school records it (issue 15): female, male, other or prefer not to say, or not known.
 * 'not-recorded' is what a record made before the question was asked reads as (it never asked).
 */
export type Sex = 'female' | 'male' | 'other' | 'not-known' | 'not-recorded';
/** The answers a form offers ('not-recorded' is never chosen: it is the absence of an answer). */
export const SEX_ANSWERS: readonly Exclude<Sex, 'not-recorded'>[] = ['female', 'male', 'other', 'not-known'];
/** "Not known" as an answer to a date question (a date of birth, the incident date): asked, and not known. */
export const DATE_NOT_KNOWN = 'unknown';
/** Read any stored value as a Sex: an old or absent value is 'not-recorded', never a guess. */
export function sexOf(p: { sex?: string | undefined }): Sex {
  const v = p.sex;
  return v === 'female' || v === 'male' || v === 'other' || v === 'not-known' ? v : 'not-recorded';
}
export type SocialCareInvolvement = 'current' | 'past' | 'possible' | 'none' | 'unknown';
export type WorksWithChildren = 'staff' | 'volunteer' | 'elsewhere' | 'no' | 'unknown';
export type Involvement = 'pictured' | 'shared' | 'received' | 'requested' | 'possessed' | 'disclosed' | 'other';

/** Someone involved in the incident: a young person or an adult, age known or not. */
export interface Person {
  id: string;
  name: string;
  /** A pupil (or student, or child) of this establishment. */
  atEstablishment: boolean;
  involvement: Involvement[];
  /** Age in whole years as told, when known. */
  ageYears?: number | undefined;
  /** ISO date (YYYY-MM-DD) when known; DATE_NOT_KNOWN ('unknown') when asked and not known; absent when not recorded. */
  dateOfBirth?: string | undefined;
  /** England year group: 0 is Reception, 1-13. Gives an age range when the age itself is unknown. */
  yearGroup?: number | undefined;
  /** Known to be an adult even when the exact age is not (e.g. "a man in his thirties"). */
  adult: Tri;
  /** For adults, or anyone who may be one: does this person work or volunteer with children? */
  worksWithChildren: WorksWithChildren;
  /** The establishment's Headteacher (the chair of governors then leads, not the Headteacher). */
  isHeadteacher?: boolean | undefined;
  /** Someone met online whose identity and age cannot be checked. */
  onlineContact?: boolean | undefined;
  sex?: Sex | undefined;
  /** Special educational needs: a prompt for the capacity-to-consent question (R6.4), not a trigger. */
  sen?: Tri | undefined;
  otherVulnerabilities?: string | undefined;
  socialCare?: SocialCareInvolvement | undefined;
}

export type RiskLevel = 'low' | 'medium' | 'high';
/** What the named local tool said. The app never scores risk itself (issue 2). */
export interface RiskToolResult {
  tool: string;
  level: RiskLevel;
}

export type Spread = 'contained' | 'limited' | 'wide' | 'unknown';

/** What is known about the incident: the questions the initial review and risk assessment ask. */
export interface IncidentFacts {
  persons: Person[];
  /**
   * When the imagery was made or shared (issue 11 item 6): an ISO date (YYYY-MM-DD), DATE_NOT_KNOWN
   * when asked and not known, absent in records made before it was asked. Every age rule is tested
   * on this day where it is known (src/domain/rules/age.ts).
   */
  incidentDate?: string | undefined;
  /** R2.1 aggravating elements. */
  sexualAbuse: Tri;
  extortionOrBlackmail: Tri;
  threats: Tri;
  malice: Tri;
  /** Created, sent or shown without the knowledge or against the will of the pictured young person (R2.1, R2.4). */
  sharedWithoutConsent: Tri;
  /** R6.4 */
  coercionOrGrooming: Tri;
  /** R6.4: the DSL's concern about a young person's capacity to consent. */
  capacityConcern: Tri;
  /** R6.5 */
  unusualOrViolentContent: Tri;
  /** R17 under-13 reading: does the imagery involve sexual acts? */
  sexualActs: Tri;
  /** R6.6, R4.5 */
  immediateRiskOfHarm: Tri;
  /** Someone is in danger right now: 999 (national practice, R10.1). */
  dangerNow: Tri;
  /** R17 harmful box: harm, distress or impact on a young person. */
  harmOrDistress: Tri;
  /**
   * National guidance (UKCIS 2024), which post-dates the source: was the imagery made or altered with
   * an app or AI ("nudified" or generated)? Mapped onto R2.1: made without the pictured young
   * person's knowledge or against their will, so aggravated.
   */
  aiMadeOrAltered: Tri;
  /**
   * National guidance (UKCIS 2024; NCA alert 2024): did anyone demand money, gifts or more images
   * (financially motivated sexual extortion)? Mapped onto R6.4 (blackmail) and R2.1 (extortion).
   */
  sextortionDemands: Tri;
  /** R10.4 wider concerns that meet the threshold for children's social care. */
  widerConcernsMeetThreshold: Tri;
  /** R6.3, R8: the local risk tool's result, null until it has been applied. */
  riskTool: RiskToolResult | null;
  /** R5.5 */
  spread: Spread;
  platforms: string[];
}

export const TRI_FACT_KEYS = [
  'sexualAbuse',
  'extortionOrBlackmail',
  'threats',
  'malice',
  'sharedWithoutConsent',
  'coercionOrGrooming',
  'capacityConcern',
  'unusualOrViolentContent',
  'sexualActs',
  'immediateRiskOfHarm',
  'dangerNow',
  'harmOrDistress',
  'widerConcernsMeetThreshold',
  'aiMadeOrAltered',
  'sextortionDemands',
] as const satisfies readonly (keyof IncidentFacts)[];
export type TriFactKey = (typeof TRI_FACT_KEYS)[number];

export function emptyFacts(): IncidentFacts {
  return {
    persons: [],
    sexualAbuse: 'unknown',
    extortionOrBlackmail: 'unknown',
    threats: 'unknown',
    malice: 'unknown',
    sharedWithoutConsent: 'unknown',
    coercionOrGrooming: 'unknown',
    capacityConcern: 'unknown',
    unusualOrViolentContent: 'unknown',
    sexualActs: 'unknown',
    immediateRiskOfHarm: 'unknown',
    dangerNow: 'unknown',
    harmOrDistress: 'unknown',
    widerConcernsMeetThreshold: 'unknown',
    aiMadeOrAltered: 'unknown',
    sextortionDemands: 'unknown',
    riskTool: null,
    spread: 'unknown',
    platforms: [],
  };
}

/**
 * Facts as recorded, read with every question asked since they were recorded: an answer missing
 * from an older record (a question the app did not ask then) reads "not known yet", never no.
 */
export function withFactDefaults(facts: Partial<IncidentFacts>): IncidentFacts {
  const out = emptyFacts();
  for (const [k, v] of Object.entries(facts)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

export type Typology = 'experimental' | 'aggravated';

/**
 * The routes the policy can recommend. Every one that applies is recommended (issue 2).
 * - mash-referral: immediate referral to the MASH (R6); "Police will be informed" (R17).
 * - police: 101, or 999 when someone is in danger now (R10.1).
 * - social-care-contact: contact children's social care, whatever the route (R10.3).
 * - social-care-referral: wider concerns meet the threshold (R10.4).
 * - lado: an adult involved works or volunteers with children (chair of governors if the Headteacher).
 * - risk-assessment: further risk assessment (R8), and the local risk tool (R6.3).
 * - school-manage: single-agency response or Early Help (R7, R17).
 * - mash-advice: liaise with the MASH for advice (R7.4, R17 conflict, under-13s, any doubt).
 */
export type RouteId =
  | 'mash-referral'
  | 'police'
  | 'social-care-contact'
  | 'social-care-referral'
  | 'lado'
  | 'risk-assessment'
  | 'school-manage'
  | 'mash-advice';

export const ROUTE_IDS: readonly RouteId[] = [
  'mash-referral',
  'police',
  'social-care-contact',
  'social-care-referral',
  'lado',
  'risk-assessment',
  'mash-advice',
  'school-manage',
];

/** Routes that are referrals for R14.3: a MASH referral counts as one to children's social care. */
export const REFERRAL_ROUTES: readonly RouteId[] = ['mash-referral', 'police', 'social-care-referral'];

export function isReferralRoute(route: RouteId): boolean {
  return REFERRAL_ROUTES.includes(route);
}
