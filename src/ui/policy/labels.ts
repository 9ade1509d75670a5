// The words the app uses for the policy's routes, questions and answers. Wording only: no rule
// lives here (the domain decides; this says it in plain English).
import type { RouteId, Tri, TriFactKey } from '../../domain/types';
import type { Strength } from '../../domain/rules/routes';
import { ROUTE_WORDS, type RouteWords } from '../../domain/routeWords';
import type { QuoteSource } from '../../domain/rules/catalogue';

/** The routes' words, from the domain: the PDF says them the same way. */
export const ROUTE_LABELS: Record<RouteId, RouteWords> = ROUTE_WORDS;

/** Whose words a rule's quote is (issue 11, item 8): only the policy's own words say "The policy says". */
export const QUOTE_FROM_LABELS: Record<QuoteSource, string> = {
  policy: 'The policy says',
  digest: 'In the rules digest’s words',
  national: 'National guidance (not your policy), in summary',
  app: 'The app’s own design (not your policy)',
};

export const STRENGTH_LABELS: Record<Strength, { text: string; colour: 'red' | 'blue' | 'grey' | 'green' }> = {
  'act-now': { text: 'Act now', colour: 'red' },
  recommended: { text: 'Recommended', colour: 'blue' },
  consider: { text: 'Depends on an unknown', colour: 'grey' },
  option: { text: 'Allowed', colour: 'green' },
};

export const TRI_ITEMS: { value: Tri; label: string }[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unknown', label: 'Not known yet' },
];

export interface FactQuestion {
  key: TriFactKey;
  question: string;
  hint?: string;
  group: 'risk' | 'aggravating' | 'imagery' | 'national' | 'wider';
}

/** The initial review's questions (R5) about the incident, in the order a meeting takes them. */
export const FACT_QUESTIONS: FactQuestion[] = [
  {
    key: 'dangerNow',
    group: 'risk',
    question: 'Is anyone in danger right now?',
    hint: 'If yes, call 999 before anything else.',
  },
  {
    key: 'immediateRiskOfHarm',
    group: 'risk',
    question: 'Is a young person at immediate risk of harm because of the sharing?',
    hint: 'For example presenting as suicidal or self-harming.',
  },
  {
    key: 'coercionOrGrooming',
    group: 'aggravating',
    question: 'Is there reason to believe a young person was coerced, pressured or groomed?',
  },
  {
    key: 'extortionOrBlackmail',
    group: 'aggravating',
    question: 'Is anyone being blackmailed or extorted?',
    hint: 'Someone threatens to share imagery, or to do harm, unless they get what they want.',
  },
  {
    key: 'capacityConcern',
    group: 'aggravating',
    question: "Are you concerned about a young person's capacity to consent?",
    hint: 'Special educational needs are a reason to ask this, not an answer to it.',
  },
  { key: 'threats', group: 'aggravating', question: 'Have there been threats?' },
  { key: 'sexualAbuse', group: 'aggravating', question: 'Is there any sexual abuse?' },
  { key: 'malice', group: 'aggravating', question: 'Was anything done with malice, for example after a falling-out?' },
  {
    key: 'sharedWithoutConsent',
    group: 'aggravating',
    question:
      'Was imagery made, sent or shown without the knowledge, or against the will, of the young person pictured?',
  },
  {
    key: 'unusualOrViolentContent',
    group: 'imagery',
    question: 'From what you have been told, does the imagery show sexual acts unusual for their age, or violence?',
    hint: 'Find this out by asking, never by looking.',
  },
  {
    key: 'sexualActs',
    group: 'imagery',
    question: 'From what you have been told, does the imagery involve sexual acts?',
    hint: 'This matters most for children aged 12 or under.',
  },
  {
    key: 'sextortionDemands',
    group: 'national',
    question: 'Did anyone demand money, gifts or more images from a young person?',
    hint: 'Financially motivated sexual extortion (“sextortion”). If yes: tell the police now; the young person should not pay, should stop replying and keep the messages; help them use Report Remove.',
  },
  {
    key: 'aiMadeOrAltered',
    group: 'national',
    question: 'Was the imagery made or altered with an app or AI (“nudified” or generated)?',
    hint: 'Ask; never look. Treat it as you would any other imagery: made of someone without their knowledge or will, it is aggravated.',
  },
  { key: 'harmOrDistress', group: 'wider', question: 'Has it caused harm or distress to a young person?' },
  {
    key: 'widerConcernsMeetThreshold',
    group: 'wider',
    question: "Are there wider concerns that meet the threshold for children's social care?",
  },
];

export const GROUP_TITLES: Record<FactQuestion['group'], string> = {
  risk: 'Immediate risk',
  aggravating: 'What happened',
  imagery: 'What the imagery shows (as told, never viewed)',
  national: 'National guidance newer than your policy (UKCIS 2024): extortion and AI-made imagery',
  wider: 'Impact and wider concerns',
};

/** A note under a group's heading, where the group needs one. */
export const GROUP_NOTES: Partial<Record<FactQuestion['group'], string>> = {
  national:
    'Not in your policy: national guidance written after it (UKCIS, Sharing nudes and semi-nudes, 2024). The app maps these answers onto your policy’s rules: demands are blackmail (R6.4); imagery made of someone without their knowledge or will is aggravated (R2.1).',
};

export function triText(v: Tri): string {
  return v === 'yes' ? 'Yes' : v === 'no' ? 'No' : 'Not known yet';
}
