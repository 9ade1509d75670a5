// @vitest-environment jsdom
// Issue 11, item 8, on screen: each quote says whose words it is. "The policy says" only ever
// introduces words found verbatim in the policy text the app ships.
import { readFileSync } from 'node:fs';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { assess } from '../../domain/rules/assess';
import { reason } from '../../domain/reasons';
import { isVerbatim } from '../../domain/rules/verbatim';
import type { RuleId } from '../../domain/rules/catalogue';
import { E3, E4 } from '../../../test/builders/facts';
import { PolicySays, ReasonItem } from './PolicySays';

afterEach(cleanup);
const SOURCE = readFileSync('src/domain/policy-text/wscb-ypsi-policy-guidance.txt', 'utf8');

describe('the "policy says" panel labels each quote', () => {
  it.each<[RuleId, string]>([
    ['R2.2', 'The policy says:'],
    ['R3.1', 'In the rules digest’s words:'],
    ['R17.conflict', 'In the rules digest’s words:'],
    ['UKCIS.adult', 'National guidance (not your policy), in summary:'],
    ['KCSIE.lado', 'National guidance (not your policy), in summary:'],
  ])('a reason citing %s shows its quote after "%s"', (rule, label) => {
    render(
      <MemoryRouter>
        <ul>
          <ReasonItem r={reason(rule, 'Why.')} />
        </ul>
      </MemoryRouter>,
    );
    const quote = document.querySelector('.app-reason__quote')!;
    expect(quote.textContent).toMatch(new RegExp(`^${label.replace(/[()]/g, '\\$&')} `));
  });

  it.each([
    ['E3 at medium risk (the R17 conflict reading)', E3('medium')],
    ['E4 (a Year 6 child)', E4('unknown')],
  ])(
    '%s: every quote after "The policy says" is in the policy text, and the digest’s are labelled as the digest’s',
    (_label, facts) => {
      render(
        <MemoryRouter>
          <PolicySays assessment={assess(facts)} />
        </MemoryRouter>,
      );
      const quotes = [...document.querySelectorAll('.app-reason__quote')].map((el) => ({
        label: el.querySelector('.app-reason__quote-label')!.textContent,
        words: el.querySelector('q')!.textContent!,
      }));
      expect(quotes.length).toBeGreaterThan(3);
      expect(
        quotes.filter((q) => q.label === 'The policy says: ' && !isVerbatim(q.words, SOURCE)).map((q) => q.words),
      ).toEqual([]);
      expect(quotes.some((q) => q.label === 'In the rules digest’s words: ')).toBe(true);
      expect(screen.getAllByText(/The policy says:/).length).toBeGreaterThan(0);
    },
  );
});
