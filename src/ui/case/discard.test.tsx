// @vitest-environment jsdom
// Discarding an empty case from the case screens (issue 14): offered only while nothing is
// recorded, refused without a reason (at the field), then recorded as an event and the DSL sent
// to the cases list; a case with anything in it never offers it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { caseWith, renderAt } from '../../../test/builders/caseScreens';
import { DSL, opened, resetBuilders } from '../../../test/builders/events';
import { E1 } from '../../../test/builders/facts';
import { memoryGateway } from '../data/memoryGateway';

afterEach(cleanup);
beforeEach(() => resetBuilders());

async function emptyCase() {
  const g = memoryGateway(DSL);
  const o = opened();
  await g.record('c1', {
    type: 'case.opened',
    caseId: 'c1',
    reference: o.reference,
    policyVersion: o.policyVersion,
    occurredAt: o.occurredAt,
  });
  return g;
}

describe('discarding an empty case', () => {
  it('is offered on a new case, asks why, and records the discard before going back to the cases', async () => {
    const user = userEvent.setup();
    const g = await emptyCase();
    renderAt(g, '/cases/c1');
    await user.click(await screen.findByRole('link', { name: 'Discard this empty case' }));
    await screen.findByRole('heading', { name: /^Discard case / });
    await user.click(screen.getByRole('button', { name: 'Discard this case' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toMatch(/Say why the case is discarded\. \(R14\.1\)/);
    expect(g.cases.get('c1')?.events).toHaveLength(1);
    await user.type(screen.getByLabelText('Why are you discarding this case?'), 'Opened by mistake.');
    await user.click(screen.getByRole('button', { name: 'Discard this case' }));
    await screen.findByText('elsewhere');
    const events = g.cases.get('c1')!.events;
    expect(events.map((e) => e.type)).toEqual(['case.opened', 'case.discarded']);
    expect(events[1]).toMatchObject({ reason: 'Opened by mistake.', actor: DSL });
  });

  it('shows a discarded case as discarded, with who and why, and offers nothing more to discard', async () => {
    const g = await emptyCase();
    await g.record('c1', {
      type: 'case.discarded',
      reason: 'A second case for the same incident.',
      occurredAt: new Date().toISOString(),
    });
    renderAt(g, '/cases/c1');
    expect(await screen.findByText(/This case was discarded/)).toBeTruthy();
    expect(screen.getByText(/A second case for the same incident\./).textContent).toMatch(/Dana Shah/);
    expect(screen.queryByRole('link', { name: 'Discard this empty case' })).toBeNull();
  });

  it('is not offered once anything is recorded', async () => {
    const g = await caseWith(E1());
    renderAt(g, '/cases/c1');
    await screen.findByRole('heading', { name: 'The response' });
    expect(screen.queryByRole('link', { name: 'Discard this empty case' })).toBeNull();
  });
});
