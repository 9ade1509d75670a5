// @vitest-environment jsdom
// An open case when a sync pull brings another tablet's steps of it (issue 13, "status always
// visible"): the screen shows them where the person is, says so politely ("Updated from another
// tablet, 10:42"), keeps what they typed, and a step that no longer fits is refused by the domain,
// plainly, with what they typed still there. Other cases' pulls leave the screen alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { GatewayContext } from './CaseContext';
import { memoryGateway } from './memoryGateway';
import { PulledChangesContext } from './pulledChanges';
import { CaseRoutes } from '../case/CaseRoutes';
import type { PulledChangesView } from '../sync/types';
import { DSL, disclosure, opened, resetBuilders } from '../../../test/builders/events';
import { E1 } from '../../../test/builders/facts';

afterEach(cleanup);
beforeEach(() => resetBuilders());

type Gateway = ReturnType<typeof memoryGateway>;
// 10:42 on the tablet's own clock (no zone: local time, as the status line shows it).
const AT = '2026-03-02T10:42:00';

async function openedCase(withDisclosure: boolean): Promise<Gateway> {
  const g = memoryGateway(DSL);
  const o = opened();
  await g.record('c1', {
    type: 'case.opened',
    caseId: 'c1',
    reference: o.reference,
    policyVersion: o.policyVersion,
    occurredAt: o.occurredAt,
  });
  if (withDisclosure) await recordDisclosure(g);
  return g;
}

/** What another tablet recorded, as storage holds it once a pull has applied it. */
const recordDisclosure = (g: Gateway) => {
  const facts = E1();
  return g.record('c1', {
    type: 'disclosure.recorded',
    disclosure: disclosure(),
    persons: facts.persons,
    facts: { ...facts, persons: undefined } as never,
    occurredAt: opened().occurredAt,
  });
};

function screens(g: Gateway, path: string) {
  const at = (changes: PulledChangesView | null) => (
    <GatewayContext.Provider value={g}>
      <PulledChangesContext.Provider value={changes}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/cases/:caseId/*" element={<CaseRoutes />} />
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
        </MemoryRouter>
      </PulledChangesContext.Provider>
    </GatewayContext.Provider>
  );
  const view = render(at({ serial: 0, cases: [], all: false, at: null }));
  return { pulled: (changes: PulledChangesView) => view.rerender(at(changes)) };
}

describe('an open case when a pull brings another tablet’s steps of it', () => {
  it('shows them without leaving the page, says so politely, and keeps what was typed', async () => {
    const user = userEvent.setup();
    const g = await openedCase(true);
    const s = screens(g, '/cases/c1/note');
    const field = await screen.findByRole('textbox', { name: /note/i });
    await user.type(field, 'Spoke to Leo’s form tutor.');
    expect(screen.queryByText(/Updated from another tablet/)).toBeNull();

    // Another tablet adds a note; the pull applied it and names this case.
    await g.record('c1', { type: 'note.added', text: 'From the deputy’s tablet.', occurredAt: opened().occurredAt });
    s.pulled({ serial: 1, cases: ['c1'], all: false, at: AT });

    const status = await screen.findByText('Updated from another tablet, 10:42');
    expect(status.getAttribute('role')).toBe('status');
    // Still on the same page, with what was typed.
    expect(screen.getByRole('textbox', { name: /note/i })).toBe(field);
    expect((field as HTMLTextAreaElement).value).toBe('Spoke to Leo’s form tutor.');
    // And recording it goes on from the case as it now stands: three steps before it, four after.
    await user.click(screen.getByRole('button', { name: 'Save the note' }));
    await waitFor(() => expect(g.cases.get('c1')!.events).toHaveLength(4));
    expect(g.cases.get('c1')!.events.map((e) => e.type)).toEqual([
      'case.opened',
      'disclosure.recorded',
      'note.added',
      'note.added',
    ]);
  });

  it('shows the new step in the chronology and the case header at once', async () => {
    const g = await openedCase(false);
    const s = screens(g, '/cases/c1/chronology');
    expect(await screen.findByText('Disclosure', { selector: '.app-tag' })).toBeTruthy();
    await recordDisclosure(g);
    s.pulled({ serial: 1, cases: ['c1'], all: false, at: AT });
    await screen.findByText('Updated from another tablet, 10:42');
    // The header's stage moved on, and the chronology lists the disclosure: no navigation needed.
    expect(await screen.findByText('Initial review meeting', { selector: '.app-tag' })).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Disclosure recorded/)]),
    );
  });

  it('a step that no longer fits is refused by the domain, said plainly, with what was typed kept', async () => {
    const user = userEvent.setup();
    const g = await openedCase(false);
    const s = screens(g, '/cases/c1/discard');
    const reason = await screen.findByLabelText('Why are you discarding this case?');
    await user.type(reason, 'Opened by mistake.');
    // Meanwhile the disclosure was recorded in it on another tablet: it is no longer empty.
    await recordDisclosure(g);
    s.pulled({ serial: 1, cases: ['c1'], all: false, at: AT });
    await screen.findByText('Updated from another tablet, 10:42');
    await user.click(screen.getByRole('button', { name: 'Discard this case' }));

    const summary = await screen.findByRole('alert');
    const said = within(summary)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(said[0]).toMatch(/^This case was updated from another tablet at 10:42, while this page was open/);
    expect(said[0]).toMatch(/What you typed is still here\./);
    expect(said.join(' ')).toMatch(/Only a case with nothing recorded in it can be discarded\. .*\(R14\.1\)/);
    expect((screen.getByLabelText('Why are you discarding this case?') as HTMLTextAreaElement).value).toBe(
      'Opened by mistake.',
    );
    expect(g.cases.get('c1')!.events.map((e) => e.type)).toEqual(['case.opened', 'disclosure.recorded']);
  });

  it('a pull that moved other cases on leaves this one as it is, and says nothing', async () => {
    const g = await openedCase(false);
    let reads = 0;
    const load = g.load.bind(g);
    g.load = (id) => (reads++, load(id));
    const s = screens(g, '/cases/c1/chronology');
    expect(await screen.findByText('Disclosure', { selector: '.app-tag' })).toBeTruthy();
    await recordDisclosure(g);
    s.pulled({ serial: 1, cases: ['c2'], all: false, at: AT });
    // Not read again (the effects ran with the new value): nothing changes, nothing is said.
    expect(reads).toBe(1);
    expect(screen.getByText('Disclosure', { selector: '.app-tag' })).toBeTruthy();
    expect(screen.queryByText(/Updated from another tablet/)).toBeNull();
  });

  it('a case erased here after a rotation (destroyed on another tablet) is said, not shown from memory', async () => {
    const g = await openedCase(true);
    const s = screens(g, '/cases/c1/chronology');
    await screen.findByText('Initial review meeting', { selector: '.app-tag' });
    g.cases.delete('c1');
    s.pulled({ serial: 1, cases: [], all: true, at: AT });
    expect(await screen.findByRole('heading', { name: 'This case could not be opened' })).toBeTruthy();
    expect(screen.queryByText('Initial review meeting', { selector: '.app-tag' })).toBeNull();
  });
});
