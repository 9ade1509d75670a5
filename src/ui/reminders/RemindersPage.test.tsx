// @vitest-environment jsdom
// The reminders screen shows what the domain worked out: grouped, most urgent first, red only for
// overdue or for what the policy asks for at once ("Act now", R6), and an empty state that says nothing is due.
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { reminderCounts, reminders } from '../../domain/reminders';
import { todayIso } from '../format';
import { RemindersContext } from './RemindersContext';
import { RemindersPage } from './RemindersPage';

afterEach(cleanup);

function renderWith(list: ReturnType<typeof reminders>, noTermDates = false) {
  render(
    <MemoryRouter>
      <RemindersContext.Provider value={{ list, counts: reminderCounts(list), noTermDates }}>
        <RemindersPage />
      </RemindersContext.Provider>
    </MemoryRouter>,
  );
}

describe('the reminders screen', () => {
  it('says nothing is due when nothing is', () => {
    renderWith([]);
    expect(screen.getByRole('status').textContent).toMatch(/^Nothing is due\./);
    expect(screen.queryByRole('heading', { name: /Overdue/ })).toBeNull();
  });

  it('groups reminders, links each to its step, and tags only the overdue one red', () => {
    const today = todayIso();
    const list = reminders({
      today,
      cases: [
        {
          caseId: 'c1',
          reference: 'YPSI-2026-0001',
          closed: false,
          due: [{ kind: 'deletion-deadline', due: '2000-01-01', label: '1 deletion to confirm' }],
        },
        {
          caseId: 'c2',
          reference: 'YPSI-2026-0002',
          closed: false,
          due: [{ kind: 'unsigned-decision', due: null, label: 'Decision not to refer awaits Headteacher sign-off' }],
        },
        {
          caseId: 'c3',
          reference: 'YPSI-2026-0003',
          closed: false,
          due: [{ kind: 'device-collection', due: null, label: 'Device held for the police: phone', ref: 'd1' }],
        },
      ],
    });
    renderWith(list, true);
    const overdue = screen.getByRole('region', { name: 'Overdue (1)' });
    expect(
      within(overdue).getByRole('link', { name: 'YPSI-2026-0001: 1 deletion to confirm' }).getAttribute('href'),
    ).toBe('/cases/c1/deletion');
    expect(within(overdue).getByText('Overdue').className).toContain('app-tag--red');
    const soon = screen.getByRole('region', { name: 'Due soon (1)' });
    expect(
      within(soon)
        .getByRole('link', { name: /YPSI-2026-0002/ })
        .getAttribute('href'),
    ).toBe('/cases/c2/sign-off');
    expect(within(soon).getByText('Now')).toBeTruthy();
    const waiting = screen.getByRole('region', { name: 'Waiting (1)' });
    expect(
      within(waiting)
        .getByRole('link', { name: /YPSI-2026-0003/ })
        .getAttribute('href'),
    ).toBe('/cases/c3/devices');
    expect(document.querySelectorAll('.app-tag--red')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Enter your term dates in Settings' }).getAttribute('href')).toBe(
      '/settings#term-dates',
    );
  });

  it('the backup reminder links to the app’s explanation of backups, not to a missing policy rule', () => {
    const list = reminders({
      today: todayIso(),
      cases: [{ caseId: 'c1', reference: 'YPSI-2026-0001', closed: false, due: [] }],
      lastBackupAt: null,
    });
    renderWith(list);
    const soon = screen.getByRole('region', { name: 'Due soon (1)' });
    expect(within(soon).getByRole('link', { name: 'Why backups matter' }).getAttribute('href')).toBe('/policy#backups');
    expect(soon.textContent).not.toContain('SECURITY.md');
  });

  it('tags an immediate referral the policy asks for (R6) "Act now" in words, not "Due soon"', () => {
    const list = reminders({
      today: todayIso(),
      cases: [
        {
          caseId: 'c5',
          reference: 'YPSI-2026-0005',
          closed: false,
          due: [{ kind: 'act-now', due: null, label: 'Refer to the MASH: act now', rule: 'R6.1', step: 'referrals' }],
        },
      ],
    });
    renderWith(list);
    const soon = screen.getByRole('region', { name: 'Due soon (1)' });
    const tag = within(soon).getByText('Act now');
    expect(tag.className).toContain('app-tag--red');
    expect(within(soon).queryByText('Due soon')).toBeNull();
  });
});
