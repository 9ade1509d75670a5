// The initial review's parts, in order: one question (or one small group) per page (GOV.UK
// "question pages"), then "check your answers". Which part shows each field, so an error the
// domain names is placed on the page that asks for it.
import type { ReviewAnswerKey } from '../../../domain/events';
import type { RuleId } from '../../../domain/rules/catalogue';

export type SectionId = 'meeting' | 'people' | 'facts' | 'questions' | 'decision';
export type ReviewPageId = SectionId | 'check';

/** Each part, with the rules its questions are asked for (shown, with their words, beside them). */
export const SECTIONS: { id: SectionId; title: string; rules: RuleId[] }[] = [
  { id: 'meeting', title: 'Who is at the meeting', rules: ['R4.2'] },
  { id: 'people', title: 'The people involved', rules: ['R6.1', 'R6.2'] },
  { id: 'facts', title: 'What is known', rules: ['R2.1', 'R4.5'] },
  { id: 'questions', title: 'The meeting’s questions', rules: ['R5.1', 'R5.2', 'R5.3'] },
  { id: 'decision', title: 'Your decision', rules: ['R2.3', 'R7.2', 'R14.3'] },
];

export function isReviewPage(x: string | undefined): x is ReviewPageId {
  return x === 'check' || SECTIONS.some((s) => s.id === x);
}

/** The page after this one ('check' after the last part). */
export function nextPage(id: SectionId): ReviewPageId {
  const i = SECTIONS.findIndex((s) => s.id === id);
  return SECTIONS[i + 1]?.id ?? 'check';
}

/** The page before this one (none before the first). */
export function previousPage(id: ReviewPageId): SectionId | undefined {
  if (id === 'check') return SECTIONS.at(-1)!.id;
  const i = SECTIONS.findIndex((s) => s.id === id);
  return i > 0 ? SECTIONS[i - 1]!.id : undefined;
}

/** The part of the review that shows the element with this id (an error summary's link target). */
export function sectionOf(fieldId: string): SectionId {
  if (fieldId === 'attendees' || fieldId.startsWith('incident-date')) return 'meeting';
  if (fieldId.startsWith('person-')) return 'people';
  if (fieldId.startsWith('fact-') || fieldId.startsWith('risk-tool') || fieldId === 'spread' || fieldId === 'platforms')
    return 'facts';
  if (fieldId.startsWith('answer-')) return 'questions';
  return 'decision';
}

export const reviewPath = (caseId: string, page: ReviewPageId) => `/cases/${caseId}/review?part=${page}`;

/** The meeting's nine questions (R5.1-R5.9), worded as the policy asks them. */
export const QUESTIONS: { key: ReviewAnswerKey; rule: string; label: string; hint?: string }[] = [
  { key: 'immediateRisk', rule: 'R5.1', label: 'Is there an immediate risk to a young person? What do you know?' },
  {
    key: 'referral',
    rule: 'R5.2',
    label: 'Should a referral be made to the MASH and/or the police? What did the meeting say?',
    hint: 'Your decision on the next page records the routes; the policy panel shows what it recommends and why.',
  },
  {
    key: 'viewingNeeded',
    rule: 'R5.3',
    label: 'Is it necessary to view the imagery to safeguard the young person?',
    hint: 'In most cases, imagery should not be viewed.',
  },
  {
    key: 'furtherInformation',
    rule: 'R5.4',
    label: 'What further information is needed to decide on the best response?',
  },
  {
    key: 'spread',
    rule: 'R5.5',
    label: 'Has it been shared widely, and on which services or platforms?',
    hint: 'This may not be known.',
  },
  {
    key: 'immediateDeletion',
    rule: 'R5.6',
    label: 'Should immediate action be taken to delete or remove images?',
    hint: 'Deletion itself waits for a signed decision not to involve other agencies (R12.1); reporting for removal can happen now (R15).',
  },
  { key: 'relevantFacts', rule: 'R5.7', label: 'Relevant facts about the young people that influence risk' },
  {
    key: 'contactOthers',
    rule: 'R5.8',
    label: 'Is there a need to contact another school, college, setting or person?',
  },
  { key: 'contactParents', rule: 'R5.9', label: 'Should parents or carers be contacted?', hint: 'In most cases, yes.' },
];
