// @vitest-environment jsdom
// Every rule id a screen shows links to /policy#<id> (RuleLink): each must land on something that
// explains it. The SEC.* (records and retention) and UKCIS.* ids are not in the policy text, so the
// page explains them in a part labelled as the app's own design or national guidance.
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { RULES, type RuleId } from '../../domain/rules/catalogue';
import { RuleLink } from '../policy/PolicySays';
import { PolicyPage } from './PolicyPage';

afterEach(cleanup);

describe('the policy page', () => {
  it('has an anchor for every rule id a reason can link to', () => {
    render(
      <MemoryRouter>
        <PolicyPage />
        {(Object.keys(RULES) as RuleId[]).map((id) => (
          <RuleLink key={id} rule={id} />
        ))}
      </MemoryRouter>,
    );
    const missing = [...document.querySelectorAll<HTMLAnchorElement>('a.app-rule-link')]
      .map((a) => decodeURIComponent(a.getAttribute('href')!.split('#')[1]!))
      .filter((id) => document.getElementById(id) === null);
    expect(missing).toEqual([]);
  });

  it('explains records and retention in plain words, labelled as the app’s design and not the establishment’s policy', () => {
    render(
      <MemoryRouter>
        <PolicyPage />
      </MemoryRouter>,
    );
    expect(screen.getByRole('heading', { name: 'Records and retention: how this app keeps records' }).id).toBe(
      'records',
    );
    expect(document.getElementById('records')!.nextElementSibling!.textContent).toMatch(
      /^This part is not your establishment’s policy\. It is the app’s own security design/,
    );
    expect(document.getElementById('SEC.13.hold')!.textContent).toContain('A legal hold freezes a case');
    expect(document.getElementById('SEC.3')!.textContent).toContain(
      'a signed note that the record existed and was destroyed',
    );
    expect(document.getElementById('backups')!.textContent).toContain('only a backup brings them back');
  });
});
