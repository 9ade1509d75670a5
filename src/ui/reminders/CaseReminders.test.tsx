// @vitest-environment jsdom
// On the Referrals and Transfer screens, a case's own reminders say when the outcome is to be
// chased and when the receipt is due back, counted in school days from the term dates (issue 7;
// R14.2, UKCIS.transfer): half term is not counted, and only this case's reminders show.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { reminderCounts, reminders } from '../../domain/reminders';
import type { SchoolCalendar } from '../../domain/schoolDays';
import { formatDate } from '../format';
import { CaseReminders } from './CaseReminders';
import { RemindersContext } from './RemindersContext';

afterEach(cleanup);

// Autumn term with half term 26-30 October 2026.
const TERMS: SchoolCalendar = {
  terms: [
    { start: '2026-09-02', end: '2026-10-23' },
    { start: '2026-11-02', end: '2026-12-18' },
  ],
};

function listOn(today: string) {
  return reminders({
    today,
    calendar: TERMS,
    cases: [
      {
        caseId: 'c1',
        reference: 'YPSI-2026-0001',
        closed: false,
        due: [
          {
            kind: 'referral-outcome',
            due: null,
            label: 'Outcome of referral to Wolverhampton MASH',
            since: '2026-10-21T10:00:00.000Z',
            ref: 'r-1',
          },
        ],
      },
      {
        caseId: 'c2',
        reference: 'YPSI-2026-0002',
        closed: false,
        due: [
          {
            kind: 'referral-outcome',
            due: null,
            label: 'Outcome of referral to the police',
            since: '2026-10-21T10:00:00.000Z',
            ref: 'r-2',
          },
        ],
      },
    ],
    // Sent on Friday 23 October, the last day before half term.
    transfers: [
      {
        transferId: 't1',
        caseIds: ['c1'],
        to: 'DSL, Northfield High School',
        sentAt: '2026-10-23T09:00:00.000Z',
        received: false,
      },
    ],
  });
}

function renderOn(today: string, kinds: Parameters<typeof CaseReminders>[0]['kinds'], heading: string) {
  const list = listOn(today);
  render(
    <RemindersContext.Provider value={{ list, counts: reminderCounts(list), noTermDates: false }}>
      <CaseReminders caseId="c1" kinds={kinds} heading={heading} />
    </RemindersContext.Provider>,
  );
}

describe("a case's own reminders on the screen where they are dealt with", () => {
  it('Referrals: the outcome is to be chased 5 school days after the referral, half term not counted; only this case', () => {
    // Wed 21 Oct: Thu 22, Fri 23, (half term), Mon 2, Tue 3, Wed 4 November.
    renderOn('2026-10-28', ['referral-outcome'], 'Outcomes to chase');
    const region = screen.getByRole('region', { name: 'Outcomes to chase' });
    const items = within(region).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]!.textContent).toContain('Outcome of referral to Wolverhampton MASH');
    expect(items[0]!.textContent).not.toContain('police');
    expect(within(items[0]!).getByText(`Due ${formatDate('2026-11-04')}`)).toBeTruthy();
    expect(within(items[0]!).getByText('Waiting').className).toContain('app-tag--grey');
    // The transfer receipt is not a Referrals matter.
    expect(region.textContent).not.toContain('Northfield');
  });

  it('Referrals: once the date passes it is overdue, in red', () => {
    renderOn('2026-11-05', ['referral-outcome'], 'Outcomes to chase');
    const region = screen.getByRole('region', { name: 'Outcomes to chase' });
    expect(within(region).getByText(`Was due ${formatDate('2026-11-04')}`)).toBeTruthy();
    expect(within(region).getByText('Overdue').className).toContain('app-tag--red');
  });

  it('Transfer: the receipt is due back 5 school days after sending, half term not counted', () => {
    // Fri 23 Oct: (half term), Mon 2 ... Fri 6 November.
    renderOn('2026-10-28', ['transfer-receipt'], 'Receipts still to come back');
    const region = screen.getByRole('region', { name: 'Receipts still to come back' });
    expect(region.textContent).toContain('Receipt of the transfer to DSL, Northfield High School');
    expect(within(region).getByText(`Due ${formatDate('2026-11-06')}`)).toBeTruthy();
    expect(region.textContent).toMatch(/within 5 school days/);
  });

  it('shows nothing when the case has none of those reminders', () => {
    renderOn('2026-10-28', ['device-collection'], 'Devices');
    expect(screen.queryByRole('region')).toBeNull();
  });
});
