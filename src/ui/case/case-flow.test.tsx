// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { caseWith, renderAt } from '../../../test/builders/caseScreens';
import { resetBuilders } from '../../../test/builders/events';
import { E1, E2 } from '../../../test/builders/facts';

afterEach(cleanup);
beforeEach(() => resetBuilders());

describe('the case screens', () => {
  it('show the case as a task list with the disclosure done and the initial review next', async () => {
    const g = await caseWith(E1());
    renderAt(g, '/cases/c1');
    expect(await screen.findByRole('heading', { name: 'The response' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Disclosure' }).closest('li')?.textContent).toMatch(/Completed/);
    expect(screen.getByRole('link', { name: 'Initial review meeting' }).closest('li')?.textContent).toMatch(
      /Not started/,
    );
  });

  it('in the initial review, show the policy recommending a referral for an unknown-age online contact (E2) and never offer school-manage', async () => {
    const g = await caseWith(E2());
    renderAt(g, '/cases/c1/review');
    const panel = await screen.findByRole('complementary', { name: 'What the policy says' });
    expect(within(panel).getByText(/Refer to the MASH now/)).toBeTruthy();
    expect(within(panel).getAllByText(/may be an adult/).length).toBeGreaterThan(0);
    expect(within(panel).queryByText('The school may manage this')).toBeNull();
  });

  it('refuse to record a decision without attendees or reasons, listing each problem with its rule', async () => {
    const user = userEvent.setup();
    const g = await caseWith(E1());
    // The decision's page lists every problem, on its own page or an earlier one.
    renderAt(g, '/cases/c1/review?part=decision');
    await user.click(await screen.findByRole('button', { name: 'Continue to check your answers' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toMatch(/Record who attended the initial review meeting\. \(R4\.2\)/);
    expect(summary.textContent).toMatch(/Record the reasons for the decision\. \(R7\.2\)/);
    expect(g.cases.get('c1')?.events).toHaveLength(2);
  });

  it('record an experimental decision to manage in school after check your answers, then ask for the Headteacher sign-off', async () => {
    const user = userEvent.setup();
    const g = await caseWith(E1());
    renderAt(g, '/cases/c1/review');
    await user.type(await screen.findByLabelText('Who is at the meeting?'), 'Dana Shah (DSL)');
    for (const next of [/The people involved/, /What is known/, /The meeting’s questions/, /Your decision/]) {
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      await screen.findByRole('heading', { level: 1, name: next });
    }
    await user.type(screen.getByLabelText(/Reasons for the decision/), 'Consensual, in a relationship, no pressure.');
    await user.click(screen.getByRole('button', { name: 'Continue to check your answers' }));
    expect(await screen.findByRole('heading', { name: /Check your answers/ })).toBeTruthy();
    expect(screen.getByText(/will need the Headteacher’s sign-off/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(await screen.findByRole('heading', { name: 'The response' })).toBeTruthy();
    const events = g.cases.get('c1')!.events;
    expect(events.at(-1)?.type).toBe('review.decided');
    expect(screen.getByRole('link', { name: 'Headteacher sign-off' }).closest('li')?.textContent).toMatch(
      /Not started/,
    );
  });

  it('show the chronology with who and when, and never render typed text as HTML', async () => {
    const g = await caseWith({
      ...E1(),
      persons: E1().persons.map((p, i) => (i === 0 ? { ...p, name: '<img src=x onerror=alert(1)>' } : p)),
    });
    renderAt(g, '/cases/c1/chronology');
    expect(await screen.findByRole('heading', { name: 'Chronology' })).toBeTruthy();
    expect(screen.getByText(/Disclosure recorded/)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(document.body.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
