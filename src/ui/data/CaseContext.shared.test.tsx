// @vitest-environment jsdom
// The open case when storage reads otherwise than the screen's actor after a step (every step of a
// case recorded on several tablets: only storage works out its branches, context.branches): the
// screens read storage's snapshot from then on, and stay mounted, so what they hold is not lost
// (the deletion page's "Deletion confirmed" vanished in the three-tablet browser test).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { useState } from 'react';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CaseProvider, GatewayContext, useCase } from './CaseContext';
import { memoryGateway } from './memoryGateway';
import type { CaseGateway } from './gateway';
import { type DagNode } from '../../domain/dag';
import { replayCase } from '../../domain/replayDag';
import type { CaseEvent } from '../../domain/events';
import { DEPUTY, DSL, disclosure, ev, resetBuilders } from '../../../test/builders/events';
import { person } from '../../../test/builders/facts';

afterEach(cleanup);
beforeEach(() => resetBuilders());

const hex = (n: number) => n.toString(16).padStart(64, '0');
const node = (event: CaseEvent, parents: string[], device: string, tie: number): DagNode => ({
  event: { ...event, parents, device },
  parents,
  tie: hex(tie),
  device,
});

/** A case opened on tablet A, with a note from tablet B: storage's replay attaches its branches. */
function sharedCase(): CaseGateway {
  const o = node(
    ev('case.opened', { caseId: 'c1', reference: 'YPSI-2026-001', policyVersion: 'wscb-ypsi-2016' }),
    [],
    'A',
    1,
  );
  const d = node(
    ev('disclosure.recorded', { disclosure: disclosure(), persons: [person({ name: 'Leo', ageYears: 15 })] }),
    [o.event.id],
    'A',
    2,
  );
  const b = node(ev('note.added', { text: 'From the deputy’s tablet.' }, DEPUTY), [d.event.id], 'B', 3);
  const nodes = [o, d, b];
  const r = replayCase(nodes);
  const g = memoryGateway(DSL);
  g.cases.set('c1', { snapshot: r.snapshot, events: r.order.map((n) => n.event) });
  // As storage records: the new step on this tablet's line, and the whole case replayed again.
  return {
    ...g,
    async record(caseId, draft) {
      const next = await g.record(caseId, draft);
      const last = nodes.at(-1)!;
      nodes.push(node(next.events.at(-1)!, [last.event.id], 'A', nodes.length + 1));
      const again = replayCase(nodes);
      const stored = { snapshot: again.snapshot, events: again.order.map((n) => n.event) };
      g.cases.set(caseId, stored);
      return stored;
    },
  };
}

/** A screen with state of its own: a confirmation it shows once its step is recorded. */
function NoteScreen() {
  const { record, events, snapshot } = useCase();
  const [said, setSaid] = useState<string | null>(null);
  return (
    <div>
      <p>{events.length} steps</p>
      <p>Latest step: {snapshot.context.branches?.heads.join(', ') ?? 'none'}</p>
      {said && <p role="alert">{said}</p>}
      <button
        type="button"
        onClick={async () => {
          await record({ type: 'note.added', text: 'Recorded here.', occurredAt: new Date().toISOString() });
          setSaid('Note saved.');
        }}
      >
        Save the note
      </button>
    </div>
  );
}

it('a step whose stored case differs from the actor’s keeps the screen mounted, reading storage’s snapshot', async () => {
  const user = userEvent.setup();
  const g = sharedCase();
  render(
    <GatewayContext.Provider value={g}>
      <CaseProvider caseId="c1">
        <NoteScreen />
      </CaseProvider>
    </GatewayContext.Provider>,
  );
  expect(await screen.findByText('3 steps')).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Save the note' }));
  expect((await screen.findByRole('alert')).textContent).toBe('Note saved.');
  expect(screen.getByText('4 steps')).toBeTruthy();
  // Storage's branches, whose latest step is the new one: the actor started again from storage's snapshot.
  const recorded = (await g.load('c1')).events.at(-1)!;
  expect(screen.getByText(`Latest step: ${recorded.id}`)).toBeTruthy();
  // And again: each step recorded keeps the screen's own state.
  await user.click(screen.getByRole('button', { name: 'Save the note' }));
  expect(await screen.findByText('5 steps')).toBeTruthy();
  expect(screen.getByRole('alert').textContent).toBe('Note saved.');
});
