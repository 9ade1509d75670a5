// @vitest-environment jsdom
// "Recorded on two tablets at once" on the case screens (issue 13): the header and the task list
// say so; the branches page lists both branches' steps with who recorded each and on which tablet;
// a merge with no words is refused at its field, then recorded naming both heads.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderAt } from '../../../test/builders/caseScreens';
import { DEPUTY, DSL, HEAD, disclosure, ev, resetBuilders } from '../../../test/builders/events';
import { person } from '../../../test/builders/facts';
import { memoryGateway } from '../data/memoryGateway';
import type { DagNode } from '../../domain/dag';
import type { CaseEvent } from '../../domain/events';
import type { Actor } from '../../domain/types';
import { replayCase } from '../../domain/replayDag';

afterEach(cleanup);
beforeEach(() => resetBuilders());

const hex = (n: number) => n.toString(16).padStart(64, '0');
const node = (event: CaseEvent, parents: string[], device: string, tie: number, tablet?: string): DagNode => ({
  event: { ...event, parents, device, ...(tablet ? { tablet } : {}) },
  parents,
  tie: hex(tie),
  device,
});

/** A case disclosed on tablet A, then a note on A (by the DSL) and a note on B (by a deputy) at once. */
function forkedCase(reader: Actor) {
  const o = node(
    ev('case.opened', { caseId: 'c1', reference: 'YPSI-2026-001', policyVersion: 'wscb-ypsi-2016' }),
    [],
    'A',
    1,
    'hillside-tablet-a',
  );
  const d = node(
    ev('disclosure.recorded', { disclosure: disclosure(), persons: [person({ name: 'Leo', ageYears: 15 })] }),
    [o.event.id],
    'A',
    2,
    'hillside-tablet-a',
  );
  const a = node(ev('note.added', { text: 'Spoke to Leo at break.' }), [d.event.id], 'A', 9, 'hillside-tablet-a');
  const b = node(ev('note.added', { text: 'Mum phoned the office.' }, DEPUTY), [d.event.id], 'B', 5);
  const r = replayCase([o, d, a, b]);
  const g = memoryGateway(reader);
  g.cases.set('c1', { snapshot: r.snapshot, events: r.order.map((n) => n.event) });
  return { g, heads: r.state.heads };
}

describe('a case recorded on two tablets at once', () => {
  it('says so in the header and on the task list, lists both branches, and records a merge in words', async () => {
    const user = userEvent.setup();
    const { g, heads } = forkedCase(DSL);
    renderAt(g, '/cases/c1');
    expect((await screen.findByTestId('forked')).textContent).toBe('Recorded on two tablets at once');
    const banner = screen.getByRole('region', { name: 'Recorded on two tablets at once' });
    await user.click(within(banner).getByRole('link', { name: 'See both tablets’ steps and merge them' }));
    await screen.findByRole('heading', { level: 1, name: 'Recorded on two tablets at once' });
    const one = screen.getByTestId('branch-1').textContent ?? '';
    const two = screen.getByTestId('branch-2').textContent ?? '';
    expect([one, two].join('|')).toMatch(/Dana Shah \(Designated Safeguarding Lead\), on hillside-tablet-a/);
    expect([one, two].join('|')).toMatch(/Dev Patel \(Deputy DSL\), on Tablet 2/);

    await user.click(screen.getByRole('button', { name: 'Record the merge' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toMatch(
      /Say in words how the steps recorded on the two tablets were reconciled\. \(R14\.2\)/,
    );
    expect(g.cases.get('c1')!.events).toHaveLength(4);
    await user.type(screen.getByLabelText('How were the two reconciled?'), 'Both notes stand: two conversations.');
    await user.click(screen.getByRole('button', { name: 'Record the merge' }));
    await screen.findByRole('heading', { name: 'The response' });
    const merge = g.cases.get('c1')!.events.at(-1)!;
    expect(merge).toMatchObject({
      type: 'branches.merged',
      heads,
      reconciliation: 'Both notes stand: two conversations.',
    });
  });

  it('lets the Headteacher, a key holder, merge; never shows the form on a case that is not forked', async () => {
    const { g } = forkedCase(HEAD);
    renderAt(g, '/cases/c1/branches');
    expect(await screen.findByLabelText('How were the two reconciled?')).toBeTruthy();
    cleanup();
    const plain = memoryGateway(DSL);
    await plain.record('c1', {
      type: 'case.opened',
      caseId: 'c1',
      reference: 'YPSI-2026-002',
      policyVersion: 'wscb-ypsi-2016',
      occurredAt: new Date().toISOString(),
    });
    renderAt(plain, '/cases/c1/branches');
    expect(await screen.findByText(/not recorded on two tablets at once/)).toBeTruthy();
    expect(screen.queryByLabelText('How were the two reconciled?')).toBeNull();
    expect(screen.queryByTestId('forked')).toBeNull();
  });
});
