// The words the app uses for the policy's routes, questions and answers. Wording only: no rule
// lives here (the domain decides; this says it in plain English).
import type { RouteId, Tri, TriFactKey } from '../../domain/types';
import type { Strength } from '../../domain/rules/routes';
import { ROUTE_WORDS, type RouteWords } from '../../domain/routeWords';

/** The routes' words, from the domain: the PDF says them the same way. */
export const ROUTE_LABELS: Record<RouteId, RouteWords> = ROUTE_WORDS;

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
  group: 'risk' | 'aggravating' | 'imagery' | 'wider';
}

/** The initial review's questions (R5) about the incident, in the order a meeting takes them. */
export const FACT_QUESTIONS: FactQuestion[] = [
  { key: 'dangerNow', group: 'risk', question: 'Is anyone in danger right now?', hint: 'If yes, call 999 before anything else.' },
  {
    key: 'immediateRiskOfHarm',
    group: 'risk',
    question: 'Is a young person at immediate risk of harm because of the sharing?',
    hint: 'For example presenting as suicidal or self-harming.',
  },
  { key: 'coercionOrGrooming', group: 'aggravating', question: 'Is there reason to believe a young person was coerced, pressured or groomed?' },
  { key: 'extortionOrBlackmail', group: 'aggravating', question: 'Is anyone being blackmailed or extorted?', hint: 'Including demands for money or more images ("sextortion").' },
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
    question: 'Was imagery made, sent or shown without the knowledge, or against the will, of the young person pictured?',
  },
  {
    key: 'unusualOrViolentContent',
    group: 'imagery',
    question: 'From what you have been told, does the imagery show sexual acts unusual for their age, or violence?',
    hint: 'Find this out by asking, never by looking.',
  },
  { key: 'sexualActs', group: 'imagery', question: 'From what you have been told, does the imagery involve sexual acts?', hint: 'This matters most for children aged 12 or under.' },
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
  wider: 'Impact and wider concerns',
};

export function triText(v: Tri): string {
  return v === 'yes' ? 'Yes' : v === 'no' ? 'No' : 'Not known yet';
}
