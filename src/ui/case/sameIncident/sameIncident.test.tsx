// @vitest-environment jsdom
// Two cases of one staff disclosure (accepted on two tablets apart, docs/SYNC.md) on the case
// screens: the overview names the other case; the page asks which carries the incident on, why, and
// what of the closed case's later steps still applies, refusing without words (R14.1); a calm confirm
// screen says exactly what happens (axe finds nothing); confirming records a step in each case, the
// one carried on first; then each case says where it stands, and a contradiction made apart asks for
// a new decision.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { MemoryRouter } from 'react-router';
import { renderAt } from '../../../../test/builders/caseScreens';
import { DSL, disclosure, ev, resetBuilders } from '../../../../test/builders/events';
import { person } from '../../../../test/builders/facts';
import { memoryGateway } from '../../data/memoryGateway';
import { initialSnapshot, step } from '../../../domain/machine';
import { summarise } from '../../../domain/summary';
import type { CaseEvent } from '../../../domain/events';
import { CURRENT_POLICY_VERSION, type Actor } from '../../../domain/types';
import { CaseRow } from '../../home/CaseRow';

afterEach(cleanup);
beforeEach(() => resetBuilders());

const writer: Actor = { userId: 'staff/disc-1', role: 'staff', name: 'Sam Tutor' };

function twin(g: ReturnType<typeof memoryGateway>, caseId: string, reference: string, more: CaseEvent[] = []) {
  const events: CaseEvent[] = [
    ev('case.opened', { caseId, reference, policyVersion: CURRENT_POLICY_VERSION }),
    ev('disclosure.recorded', { disclosure: disclosure(), persons: [person({ name: 'Leo', ageYears: 15 })] }, writer),
    ...more,
  ];
  let s = initialSnapshot();
  for (const e of events) s = step(s, e);
  g.cases.set(caseId, { snapshot: s, events });
}

async function noAxeViolations(container: HTMLElement) {
  // Colour contrast needs layout, which jsdom has not: the browser tests check it.
  const r = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).toEqual([]);
}

describe('two cases of one disclosure on the case screens', () => {
  it('names the other case, refuses without words, confirms calmly, and records a step in each', async () => {
    const user = userEvent.setup();
    const g = memoryGateway(DSL);
    twin(g, 'case-a', 'YPSI-2026-A-0001', [ev('note.added', { text: 'Spoke to Leo at break.' })]);
    twin(g, 'case-b', 'YPSI-2026-B-0001');
    const { container } = renderAt(g, '/cases/case-a');
    const banner = await screen.findByRole('region', { name: 'The same disclosure is also another case' });
    expect(within(banner).getByRole('link', { name: 'case YPSI-2026-B-0001' }).getAttribute('href')).toBe(
      '/cases/case-b',
    );
    await user.click(within(banner).getByRole('link', { name: 'Record that they are the same incident' }));
    await screen.findByRole('heading', { level: 1, name: 'Same incident as another case' });
    await user.click(
      await screen.findByRole('radio', { name: 'Carry on in YPSI-2026-B-0001: close this case, YPSI-2026-A-0001' }),
    );
    // The note recorded in A after its disclosure is listed before anything is recorded.
    expect(screen.getByText('Add a note')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toMatch(
      /Say why the two cases are the same incident, and which one is carried on\. \(R14\.1\)/,
    );
    expect(summary.textContent).toMatch(
      /Say what of the 1 step recorded in YPSI-2026-A-0001 after its disclosure still applies/,
    );
    expect(g.cases.get('case-a')!.events).toHaveLength(3);

    await user.type(
      screen.getByLabelText(/Why are they the same incident/),
      'Accepted on both tablets the same morning.',
    );
    await user.type(screen.getByLabelText(/What of the closed case still applies/), 'The note: recorded again in B.');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const check = await screen.findByRole('heading', { level: 1, name: 'Check before you record it' });
    expect(document.activeElement).toBe(check);
    const happens = screen.getByTestId('what-happens').textContent ?? '';
    expect(happens).toContain('Also recorded as YPSI-2026-A-0001 (closed as the same incident)');
    expect(happens).toContain('Same incident as case YPSI-2026-B-0001: recorded in that case from here on');
    expect(happens).toContain('Nothing recorded in either case is changed or deleted.');
    expect(screen.getByTestId('later-steps').textContent).toContain('Add a note, by Dana Shah');
    // Nothing is recorded until the key holder confirms.
    expect(g.cases.get('case-b')!.events).toHaveLength(2);
    await noAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Confirm: close YPSI-2026-A-0001 as the same incident' }));
    await screen.findByRole('heading', { name: 'The response' });
    // The case carried on got its step first (the gateway numbers steps in the order recorded).
    const inB = g.cases.get('case-b')!.events.at(-1)!;
    const inA = g.cases.get('case-a')!.events.at(-1)!;
    expect(inB).toMatchObject({ type: 'same-incident.recorded', id: 'm1', kept: { caseId: 'case-b' } });
    expect(inA).toMatchObject({ type: 'same-incident.recorded', id: 'm2', closed: { caseId: 'case-a' } });
    expect(g.cases.get('case-a')!.events.map((e) => e.type)).toEqual([
      'case.opened',
      'disclosure.recorded',
      'note.added',
      'same-incident.recorded',
    ]);
    expect(screen.getByRole('region', { name: 'Closed as the same incident' }).textContent).toContain(
      'Closed: same incident as YPSI-2026-B-0001',
    );
    expect(screen.getByRole('region', { name: 'Closed as the same incident' })).toBeTruthy();
    expect(screen.getByTestId('same-incident').textContent).toBe('Closed: same incident as YPSI-2026-B-0001');
    expect(screen.queryByRole('link', { name: 'Escalate now' })).toBeNull();
    await noAxeViolations(container);

    cleanup();
    renderAt(g, '/cases/case-b');
    const also = await screen.findByTestId('also-recorded-as');
    expect(
      within(also)
        .getByRole('link', { name: 'Also recorded as YPSI-2026-A-0001 (closed as the same incident)' })
        .getAttribute('href'),
    ).toBe('/cases/case-a');
  });

  it('the case list says "Closed: same incident as ..." and names the other on the case carried on', () => {
    const g = memoryGateway(DSL);
    twin(g, 'case-a', 'YPSI-A');
    twin(g, 'case-b', 'YPSI-B');
    const at = '2026-03-02T12:00:00.000Z';
    const base = {
      disclosureId: 'disc-1',
      closed: { caseId: 'case-a', reference: 'YPSI-A' },
      kept: { caseId: 'case-b', reference: 'YPSI-B' },
      reason: 'Same.',
      carriedOver: '',
      laterSteps: [],
      replaces: [],
    };
    const a = step(g.cases.get('case-a')!.snapshot, {
      ...base,
      type: 'same-incident.recorded',
      id: 'x1',
      actor: DSL,
      occurredAt: at,
      recordedAt: at,
    });
    const b = step(g.cases.get('case-b')!.snapshot, {
      ...base,
      type: 'same-incident.recorded',
      id: 'x2',
      actor: DSL,
      occurredAt: at,
      recordedAt: at,
    });
    render(
      <MemoryRouter>
        <ul>
          <CaseRow s={summarise(a)} today="2026-03-03" earlier={new Map()} />
          <CaseRow s={summarise(b)} today="2026-03-03" earlier={new Map()} />
        </ul>
      </MemoryRouter>,
    );
    expect(screen.getByText(/Closed: same incident as YPSI-B/)).toBeTruthy();
    expect(screen.getByText('Also recorded as YPSI-A (closed as the same incident)')).toBeTruthy();
    expect(screen.getByText('Closed')).toBeTruthy();
  });

  it('each closed into the other apart: both say neither is carried on and ask for a new decision', async () => {
    const g = memoryGateway(DSL);
    const at = '2026-03-02T12:00:00.000Z';
    const step1 = (closed: string, kept: string, id: string): CaseEvent => ({
      type: 'same-incident.recorded',
      id,
      actor: DSL,
      occurredAt: at,
      recordedAt: at,
      disclosureId: 'disc-1',
      closed: { caseId: closed, reference: closed.toUpperCase() },
      kept: { caseId: kept, reference: kept.toUpperCase() },
      reason: 'Apart.',
      carriedOver: '',
      laterSteps: [],
      replaces: [],
    });
    twin(g, 'case-a', 'CASE-A', [step1('case-a', 'case-b', 'a1'), step1('case-b', 'case-a', 'a2')]);
    const { container } = renderAt(g, '/cases/case-a');
    const urgent = await screen.findByRole('region', { name: 'Same incident recorded both ways' });
    expect(urgent.textContent).toContain('neither is carried on');
    expect(
      within(urgent).getByRole('link', { name: 'Decide which case carries the incident on' }).getAttribute('href'),
    ).toBe('/cases/case-a/same-incident');
    await noAxeViolations(container);
  });
});
