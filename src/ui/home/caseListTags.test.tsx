// @vitest-environment jsdom
// The case list's tags come from the domain's answer for each case (browser-test findings):
// a case owing an immediate referral (R6, R4.5) reads "Act now", never "Due" and "Open"; a case
// recorded on two tablets at once says so on the list as it does in the case header (R14.2).
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEPUTY, decision, disclosure, ev, opened, resetBuilders, STAFF } from '../../../test/builders/events';
import { E1, E5, person } from '../../../test/builders/facts';
import { run } from '../../../test/builders/flows';
import type { DagNode } from '../../domain/dag';
import type { CaseEvent } from '../../domain/events';
import { owedToPolicy } from '../../domain/owed';
import { replayCase } from '../../domain/replayDag';
import { summarise, type CaseSummary } from '../../domain/summary';
import { HomePage } from './HomePage';

afterEach(cleanup);
beforeEach(() => resetBuilders());

function renderHome(summaries: CaseSummary[]) {
  return render(
    <MemoryRouter>
      <HomePage summaries={summaries} inboxCount={0} onNewCase={() => Promise.resolve('x')} lastBackupAt={null} />
    </MemoryRouter>,
  );
}

const rowOf = (reference: string) => screen.getByRole('link', { name: new RegExp(reference) }).closest('li')!;
const tagsIn = (el: HTMLElement) => [...el.querySelectorAll('.app-tag')].map((t) => t.textContent);

/** E5 (R6: immediate risk of harm): the meeting chose a MASH referral; none is recorded yet. */
function owingReferralNow(): CaseSummary {
  const facts = E5();
  return summarise(
    run([
      opened('YPSI-2026-005'),
      ev('disclosure.recorded', { disclosure: disclosure({ disclosedBy: 'Priya' }), persons: facts.persons }, STAFF),
      ev('review.decided', { decision: decision(facts, 'aggravated', ['mash-referral', 'risk-assessment']), facts }),
    ]),
  );
}

describe('the case list', () => {
  it('shows a case owing an immediate MASH referral as "Act now", in words and red, and lists it first', () => {
    const urgent = owingReferralNow();
    // The domain's answer: an act-now item is owed (not merely due).
    expect(urgent.due.map((d) => d.kind)).toContain('act-now');
    const calm = summarise(
      run([
        opened('YPSI-2026-001'),
        ev('disclosure.recorded', { disclosure: disclosure(), persons: E1().persons }, STAFF),
      ]),
    );
    renderHome([{ ...calm, caseId: 'c0', updatedAt: '2026-03-09T09:00:00Z' }, urgent]);

    const row = rowOf('YPSI-2026-005');
    const item = within(row)
      .getByText(/Refer to the MASH: act now/)
      .closest('li')!;
    expect(tagsIn(item)).toEqual(['Act now']);
    expect(item.querySelector('.app-tag--red')).not.toBeNull();
    expect(tagsIn(row)).not.toContain('Due');
    // The case's own status: urgent, not "Open".
    expect(tagsIn(row.querySelector('.app-case-row__status')!)).toEqual(['Act now']);
    expect(document.querySelectorAll('.app-case-row')[0]!.textContent).toContain('YPSI-2026-005');
    expect(screen.getByText(/1 case needs a referral now\./)).toBeTruthy();
  });

  it('says "Recorded on two tablets at once" on a forked case, linking to its branches, as the header does', () => {
    const hex = (n: number) => n.toString(16).padStart(64, '0');
    const node = (event: CaseEvent, parents: string[], device: string, tie: number): DagNode => ({
      event: { ...event, parents, device },
      parents,
      tie: hex(tie),
      device,
    });
    const o = node(
      ev('case.opened', { caseId: 'c1', reference: 'YPSI-2026-007', policyVersion: 'wscb-ypsi-2016' }),
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
    const a = node(ev('note.added', { text: 'Spoke to Leo at break.' }), [d.event.id], 'A', 9);
    const b = node(ev('note.added', { text: 'Mum phoned the office.' }, DEPUTY), [d.event.id], 'B', 5);
    const forked = replayCase([o, d, a, b]).snapshot;
    expect(owedToPolicy(forked.context).map((x) => x.kind)).toContain('merge');
    const joined = replayCase([o, d, a]).snapshot;
    renderHome([summarise(forked), { ...summarise(joined), caseId: 'c2', reference: 'YPSI-2026-008' }]);

    const tag = within(rowOf('YPSI-2026-007')).getByTestId('forked');
    expect(tag.textContent).toBe('Recorded on two tablets at once');
    expect(tag.getAttribute('href')).toBe('/cases/c1/branches');
    expect(within(rowOf('YPSI-2026-008')).queryByTestId('forked')).toBeNull();
  });
});
