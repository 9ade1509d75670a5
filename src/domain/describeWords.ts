// The words the chronology and the PDF use for routes, facts, answers and sex.
import { dayInWords } from './days';
import { DATE_NOT_KNOWN, TRI_FACT_KEYS, type RouteId, type Sex, type Spread, type Tri, type TriFactKey } from './types';
import { isoDay } from './validation';

const ROUTE_NAMES: Record<RouteId, string> = {
  'mash-referral': 'refer to the MASH',
  police: 'tell the police',
  'social-care-contact': "contact children's social care",
  'social-care-referral': "refer to children's social care",
  lado: 'tell the LADO',
  'risk-assessment': 'assess the risks',
  'mash-advice': 'ask the MASH for advice',
  'school-manage': 'manage in school',
};

/** The facts' questions, short, for the chronology. The last two are national guidance, not the policy. */
const FACT_NAMES: Record<TriFactKey, string> = {
  sexualAbuse: 'Sexual abuse',
  extortionOrBlackmail: 'Blackmail or extortion',
  threats: 'Threats',
  malice: 'Malice',
  sharedWithoutConsent: 'Made, sent or shown without the knowledge or will of the young person pictured',
  coercionOrGrooming: 'Coercion, pressure or grooming',
  capacityConcern: 'A concern about capacity to consent',
  unusualOrViolentContent: 'Sexual acts unusual for their age, or violence (as told)',
  sexualActs: 'Sexual acts (as told)',
  immediateRiskOfHarm: 'Immediate risk of harm',
  dangerNow: 'Someone in danger now',
  harmOrDistress: 'Harm or distress',
  widerConcernsMeetThreshold: "Wider concerns meet the threshold for children's social care",
  aiMadeOrAltered: 'Made or altered with an app or AI (national guidance, UKCIS 2024)',
  sextortionDemands: 'Demands for money, gifts or more images (national guidance, UKCIS 2024)',
};

const TRI_WORDS: Record<Tri, string> = { yes: 'yes', no: 'no', unknown: 'not known yet' };

const isTriFact = (k: string): k is TriFactKey => (TRI_FACT_KEYS as readonly string[]).includes(k);

/** How far the imagery has spread (R5.5), as the review page offers it. */
export const SPREAD_WORDS: Record<Spread, string> = {
  unknown: 'not known yet',
  contained: 'not shared beyond those involved',
  limited: 'shared with a few people',
  wide: 'shared widely',
};

/** A day as told: "7 March 2012", "not known", or "not recorded" (asked after the record was made). */
export function knownDateText(value: string | undefined): string {
  if (value === undefined || value === '') return 'not recorded';
  if (value === DATE_NOT_KNOWN) return 'not known';
  const d = isoDay(value);
  return d && value.length === 10 ? dayInWords(d) : value;
}

/** The facts that are not yes/no questions, in words; undefined for a value of a shape not known here. */
function otherFactLine(k: string, v: unknown): string | undefined {
  if (k === 'spread' && typeof v === 'string' && v in SPREAD_WORDS)
    return `How far it has spread: ${SPREAD_WORDS[v as Spread]}`;
  if (k === 'platforms' && Array.isArray(v)) return `Services or platforms: ${v.join(', ') || 'none recorded'}`;
  if (k === 'incidentDate' && (typeof v === 'string' || v === undefined))
    return `When the imagery was made or shared: ${knownDateText(v)}`;
  if (k === 'riskTool' && v === null) return 'Local risk tool: not applied yet';
  if (k === 'riskTool' && typeof v === 'object' && v && 'tool' in v && 'level' in v)
    return `Local risk tool: ${String(v.tool)}, ${String(v.level)} risk`;
  return undefined;
}

/** "Sexual abuse: yes" for a yes/no question, the other facts in words, "key: value" for anything unknown. */
export function factLine(k: string, v: unknown): string {
  if (isTriFact(k) && (v === 'yes' || v === 'no' || v === 'unknown')) return `${FACT_NAMES[k]}: ${TRI_WORDS[v]}`;
  return otherFactLine(k, v) ?? `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`;
}

export function routeName(r: RouteId): string {
  return ROUTE_NAMES[r];
}

/** Sex as the school records it, in words ("not recorded": a record made before it was asked). */
export const SEX_WORDS: Record<Sex, string> = {
  female: 'female',
  male: 'male',
  other: 'other or prefer not to say',
  'not-known': 'not known',
  'not-recorded': 'not recorded',
};
