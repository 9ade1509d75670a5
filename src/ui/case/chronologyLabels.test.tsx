// @vitest-environment jsdom
// The chronology shows each answer of the initial review meeting (R5.1-R5.9) and of the risk
// assessment (R8) under the question's plain-English words, the same words the review and risk
// pages ask them in (src/domain/questions.ts), never a field's name ("immediateRisk:"); an amended
// disclosure answer is named as the disclosure page names it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { renderAt } from '../../../test/builders/caseScreens';
import { DSL, STAFF, decision, disclosure, ev, resetBuilders } from '../../../test/builders/events';
import { E1 } from '../../../test/builders/facts';
import { run } from '../../../test/builders/flows';
import { REVIEW_QUESTIONS, RISK_QUESTIONS } from '../../domain/questions';
import { memoryGateway } from '../data/memoryGateway';
import { QUESTIONS } from './review/sections';

afterEach(cleanup);
beforeEach(() => resetBuilders());

function reviewedCase() {
  const facts = E1();
  const disclosed = ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }, STAFF);
  const events = [
    ev('case.opened', { caseId: 'c1', reference: 'YPSI-2026-001', policyVersion: 'wscb-ypsi-2016' }),
    disclosed,
    ev('answer.amended', {
      targetEventId: disclosed.id,
      field: 'disclosure.spreadNotes',
      before: 'Nobody else has seen it.',
      after: 'Shown to one friend.',
      reason: 'Leo told us more at lunch.',
    }),
    ev('review.decided', {
      decision: decision(facts, 'experimental', ['risk-assessment', 'school-manage'], {
        answers: {
          immediateRisk: 'No immediate risk: both are in school and supported.',
          contactParents: 'Yes, both families today.',
          relevantFacts: 'None beyond what is recorded.',
        },
      }),
      facts,
    }),
    ev('facts.updated', {
      facts: {
        spread: 'limited',
        platforms: ['Snapchat', 'WhatsApp'],
        riskTool: { tool: 'WSCB Risk Assessment Matrix', level: 'low' },
      },
      source: 'new-information',
      note: 'Leo said two friends saw it.',
    }),
    ev('risk.assessed', {
      tool: 'WSCB Risk Assessment Matrix',
      level: 'low',
      answers: { why: 'In a relationship.' },
      facts: {},
    }),
  ];
  const g = memoryGateway(DSL);
  g.cases.set('c1', { snapshot: run(events), events });
  return g;
}

describe('the chronology', () => {
  it("shows the meeting's and the risk assessment's answers under their questions, never a field name", async () => {
    renderAt(reviewedCase(), '/cases/c1/chronology');
    await screen.findByRole('heading', { level: 1, name: 'Chronology' });
    const text = document.querySelector('.app-chronology')!.textContent ?? '';
    expect(text).not.toMatch(/immediateRisk|contactParents|relevantFacts|\bwhy:/);
    expect(
      screen.getByText(
        'Is there an immediate risk to a young person? No immediate risk: both are in school and supported.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Should parents or carers be contacted? Yes, both families today.')).toBeTruthy();
    // A statement, not a question, takes a colon.
    expect(
      screen.getByText('Relevant facts about the young people that influence risk: None beyond what is recorded.'),
    ).toBeTruthy();
    expect(screen.getByText('Why was the imagery shared? In a relationship.')).toBeTruthy();
    // New facts in words, never "spread: limited" or a stored object.
    expect(screen.getByText('How far it has spread: shared with a few people')).toBeTruthy();
    expect(screen.getByText('Services or platforms: Snapchat, WhatsApp')).toBeTruthy();
    expect(screen.getByText('Local risk tool: WSCB Risk Assessment Matrix, low risk')).toBeTruthy();
    expect(text).not.toMatch(/riskTool|spread: limited|\["Snapchat|\{"/);
    // R14.1: an amendment names the answer it changes in the disclosure page's words.
    expect(screen.getByText('Amended: How far it spread (disclosure)')).toBeTruthy();
    expect(text).not.toMatch(/spreadNotes/);
  });

  it('uses the words the review page asks the questions in (one list, in the domain)', () => {
    expect(QUESTIONS.map((q) => q.key)).toEqual(REVIEW_QUESTIONS.map((q) => q.key));
    for (const [i, q] of QUESTIONS.entries()) expect(q.label.startsWith(REVIEW_QUESTIONS[i]!.label)).toBe(true);
    expect(RISK_QUESTIONS.map((q) => q.rule)).toEqual(Array.from({ length: 10 }, (_, i) => `R8.${i + 1}`));
  });
});
