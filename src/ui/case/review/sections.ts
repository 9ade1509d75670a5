// The initial review's parts, in order: one question (or one small group) per page (GOV.UK
// "question pages"), then "check your answers". Which part shows each field, so an error the
// domain names is placed on the page that asks for it.
import type { ReviewAnswerKey } from '../../../domain/events';
import { askedAs, REVIEW_QUESTIONS } from '../../../domain/questions';
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

/** Help under a question, where the page gives any. */
const HINTS: Partial<Record<ReviewAnswerKey, string>> = {
  referral: 'Your decision on the next page records the routes; the policy panel shows what it recommends and why.',
  viewingNeeded: 'In most cases, imagery should not be viewed.',
  spread: 'This may not be known.',
  immediateDeletion:
    'Deletion itself waits for a signed decision not to involve other agencies (R12.1); reporting for removal can happen now (R15).',
  contactParents: 'In most cases, yes.',
};

/** The meeting's nine questions (R5.1-R5.9), worded as the policy asks them (src/domain/questions.ts). */
export const QUESTIONS: { key: ReviewAnswerKey; rule: string; label: string; hint?: string }[] = REVIEW_QUESTIONS.map(
  (q) => ({ key: q.key, rule: q.rule, label: askedAs(q), ...(HINTS[q.key] && { hint: HINTS[q.key] }) }),
);
