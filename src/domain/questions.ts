// The questions the policy asks, worded once: the initial review meeting's nine (R5.1-R5.9) and the
// risk assessment's ten (R8.1-R8.10). The review and risk pages ask them in these words; the
// chronology, the branches page and the PDF show an answer under its question, never its field name.
import type { Disclosure, ReviewAnswerKey } from './events';

export interface PolicyQuestion<K extends string = string> {
  key: K;
  /** The rule that asks it (R5.1); not every one is a rule the catalogue quotes. */
  rule: string;
  /** The question as the policy asks it. */
  label: string;
  /** What the page asks the DSL to add, after the question ("What do you know?"). */
  prompt?: string;
}

/** The meeting's nine questions (R5.1-R5.9), in the policy's order. */
export const REVIEW_QUESTIONS: readonly PolicyQuestion<ReviewAnswerKey>[] = [
  {
    key: 'immediateRisk',
    rule: 'R5.1',
    label: 'Is there an immediate risk to a young person?',
    prompt: 'What do you know?',
  },
  {
    key: 'referral',
    rule: 'R5.2',
    label: 'Should a referral be made to the MASH and/or the police?',
    prompt: 'What did the meeting say?',
  },
  { key: 'viewingNeeded', rule: 'R5.3', label: 'Is it necessary to view the imagery to safeguard the young person?' },
  {
    key: 'furtherInformation',
    rule: 'R5.4',
    label: 'What further information is needed to decide on the best response?',
  },
  { key: 'spread', rule: 'R5.5', label: 'Has it been shared widely, and on which services or platforms?' },
  { key: 'immediateDeletion', rule: 'R5.6', label: 'Should immediate action be taken to delete or remove images?' },
  { key: 'relevantFacts', rule: 'R5.7', label: 'Relevant facts about the young people that influence risk' },
  {
    key: 'contactOthers',
    rule: 'R5.8',
    label: 'Is there a need to contact another school, college, setting or person?',
  },
  { key: 'contactParents', rule: 'R5.9', label: 'Should parents or carers be contacted?' },
];

/** The risk assessment's questions (R8.1-R8.10). */
export const RISK_QUESTIONS: readonly PolicyQuestion[] = [
  { key: 'why', label: 'Why was the imagery shared?', rule: 'R8.1' },
  { key: 'pressure', label: 'Was the young person coerced or put under pressure to produce it?', rule: 'R8.2' },
  { key: 'who', label: 'Who has shared it?', rule: 'R8.3' },
  { key: 'where', label: 'Where has it been shared?', rule: 'R8.4' },
  {
    key: 'knowledge',
    label: 'Was it shared and received with the knowledge of the young person pictured?',
    rule: 'R8.5',
  },
  { key: 'adults', label: 'Are any adults involved in the sharing?', rule: 'R8.6' },
  { key: 'impact', label: 'What is the impact on the young people involved?', rule: 'R8.7' },
  { key: 'vulnerabilities', label: 'Do the young people have additional vulnerabilities?', rule: 'R8.8' },
  { key: 'consent', label: 'Does the young person understand consent?', rule: 'R8.9' },
  { key: 'before', label: 'Has the young person taken part in this kind of activity before?', rule: 'R8.10' },
];

/** The question and what the page adds, as one label ("Is there ...? What do you know?"). */
export const askedAs = (q: PolicyQuestion): string => (q.prompt ? `${q.label} ${q.prompt}` : q.label);

/**
 * An answer under its question's words: "Should parents or carers be contacted? Yes." A statement
 * takes a colon ("Relevant facts ...: none"). A key no question has (an older or newer record) keeps
 * its name, so nothing recorded is hidden.
 */
export function answerLine(questions: readonly PolicyQuestion[], key: string, answer: string): string {
  const q = questions.find((x) => x.key === key);
  if (!q) return `${key}: ${answer}`;
  return q.label.endsWith('?') ? `${q.label} ${answer}` : `${q.label}: ${answer}`;
}

/** The disclosure's free-text answers a DSL may amend (R14.1), in the words the disclosure page shows them. */
export const AMENDABLE_DISCLOSURE: readonly { key: keyof Disclosure & string; label: string }[] = [
  { key: 'account', label: 'What they said' },
  { key: 'disclosedBy', label: 'Who told' },
  { key: 'disclosedTo', label: 'Who they told' },
  { key: 'imageryDescription', label: 'What the imagery shows, as described' },
  { key: 'spreadNotes', label: 'How far it spread' },
  { key: 'actionsTaken', label: 'Actions taken' },
];

/** An amended answer's name in words ("How far it spread (disclosure)"); a field no list names keeps its name. */
export function amendedFieldLabel(field: string): string {
  const [where, key] = field.split('.');
  const q = where === 'disclosure' ? AMENDABLE_DISCLOSURE.find((x) => x.key === key) : undefined;
  return q ? `${q.label} (disclosure)` : field;
}
