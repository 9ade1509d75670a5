// @vitest-environment jsdom
// The home list and search at scale (issue 6): a page of cases at a time, the same matches and
// order as a full scan, and counts over every case.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../domain/summary';
import { formatDate } from '../format';
import { reminderCounts, type Reminder } from '../../domain/reminders';
import { RemindersContext } from '../reminders/RemindersContext';
import { HomePage } from './HomePage';
import { PAGE } from './caseList';
import { matches, searchText } from './search';

afterEach(cleanup);

const FIRST = ['Amara', 'Ben', 'Chloe', 'Dylan', 'Ella', 'Finn', 'Grace'];
const LAST = ['Okafor', 'Patel', 'Nowak', 'Smith', 'Jones'];

function summary(i: number, over: Partial<CaseSummary> = {}): CaseSummary {
  const name = `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`;
  const at = new Date(Date.UTC(2026, 0, 1 + (i % 300), 10)).toISOString();
  return {
    caseId: `case-${i}`,
    reference: `YPSI-2026-${String(i + 1).padStart(4, '0')}`,
    stage: 'initialReview',
    closed: false,
    openedAt: at,
    updatedAt: at,
    names: [name],
    youngPeople: [{ id: 'p1', name }],
    typology: null,
    routes: [],
    due: [],
    eventCount: 2,
    ...over,
  };
}

/** The search as it was: every word, lower-cased, in the reference, names or dates as formatDate shows them. */
function oldMatches(s: CaseSummary, query: string): boolean {
  const text = [s.reference, ...s.names, s.openedAt?.slice(0, 10) ?? '', s.openedAt ? formatDate(s.openedAt) : '']
    .join(' ')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => text.includes(w));
}

function renderHome(summaries: CaseSummary[]) {
  return render(
    <MemoryRouter>
      <HomePage summaries={summaries} inboxCount={0} onNewCase={() => Promise.resolve('x')} lastBackupAt={null} />
    </MemoryRouter>,
  );
}

const rows = () => document.querySelectorAll('.app-case-row');
const status = () => screen.getByRole('status').textContent ?? '';

describe('the home list at scale', () => {
  const many = Array.from({ length: 140 }, (_, i) => summary(i, i % 10 === 9 ? { closed: true, stage: 'closed' } : {}));

  it('shows one page of the most recent open cases, the counts over all of them, and more on request', () => {
    renderHome(many);
    expect(status()).toContain('126 open cases, 140 in all');
    expect(rows()).toHaveLength(PAGE);
    const newestOpen = [...many].filter((s) => !s.closed).sort((a, b) => b.updatedAt!.localeCompare(a.updatedAt!))[0]!;
    expect(rows()[0]!.textContent).toContain(newestOpen.reference);
    fireEvent.click(screen.getByRole('button', { name: `Show more cases (${126 - PAGE} more)` }));
    expect(rows()).toHaveLength(2 * PAGE);
  });

  it('lists escalated and overdue cases first, whatever their age, and counts them in the banner', () => {
    const list = [...many];
    list[100] = summary(100, {
      due: [{ kind: 'escalation', due: null, label: 'Escalated: make the referral or record a new decision' }],
    });
    list[3] = summary(3, { due: [{ kind: 'deletion-deadline', due: '2020-01-01', label: '1 deletion to confirm' }] });
    renderHome(list);
    expect(rows()[0]!.textContent).toContain(list[100]!.reference);
    expect(rows()[1]!.textContent).toContain(list[3]!.reference);
    expect(screen.getByText(/1 case needs a referral now\. 1 case has overdue items\./)).toBeTruthy();
  });

  it('finds the same cases as a full scan, says how many, and renders at most a page of them', () => {
    renderHome(many);
    const box = screen.getByLabelText('Search cases');
    for (const q of [
      'Okafor',
      'amara okafor',
      'YPSI-2026-01',
      '2026-02',
      `${formatDate(many[40]!.openedAt)}`,
      'nobody here',
    ]) {
      fireEvent.change(box, { target: { value: q } });
      const expected = many.filter((s) => oldMatches(s, q));
      expect(status()).toBe(`${expected.length} case${expected.length === 1 ? '' : 's'} found`);
      expect(rows()).toHaveLength(Math.min(PAGE, expected.length));
      const shown = [...rows()].map((r) => r.querySelector('.app-case-row__link')?.textContent?.split(':')[0]);
      expect(new Set(shown).size).toBe(shown.length);
      for (const ref of shown) expect(expected.some((s) => s.reference === ref)).toBe(true);
    }
  });

  it('matches dates in the words formatDate shows, for every day of a year', () => {
    for (let d = 0; d < 366; d++) {
      const s = summary(d, { openedAt: new Date(Date.UTC(2026, 0, 1 + d, 23, 30)).toISOString() });
      expect(searchText(s)).toContain(formatDate(s.openedAt).toLowerCase());
      expect(matches(s, formatDate(s.openedAt))).toBe(true);
    }
  });
});

describe('names and destroyed cases on the home list', () => {
  it('isolates each young person’s name, so an Arabic or Hebrew name does not turn the row around', () => {
    renderHome([
      summary(0, {
        names: ['مريم حداد', 'Ben Patel'],
        youngPeople: [
          { id: 'p1', name: 'مريم حداد' },
          { id: 'p2', name: 'Ben Patel' },
        ],
      }),
    ]);
    const link = screen.getByRole('link', { name: 'YPSI-2026-0001: مريم حداد, Ben Patel' });
    expect([...link.querySelectorAll('bdi')].map((b) => b.textContent)).toEqual(['مريم حداد', 'Ben Patel']);
  });

  it('says how many cases were destroyed and where their signed notes are, and nothing else about them', () => {
    render(
      <MemoryRouter>
        <HomePage
          summaries={[summary(0)]}
          inboxCount={0}
          onNewCase={() => Promise.resolve('x')}
          lastBackupAt={null}
          destroyedCount={2}
        />
      </MemoryRouter>,
    );
    const line = screen.getByTestId('home-destroyed');
    expect(line.textContent).toBe(
      '2 cases were destroyed after a retention review, so they are not listed here. See the signed notes in Retention',
    );
    expect(screen.getByRole('link', { name: 'See the signed notes in Retention' }).getAttribute('href')).toBe(
      '/retention',
    );
  });

  it('has no destroyed line when nothing was destroyed', () => {
    renderHome([summary(0)]);
    expect(screen.queryByTestId('home-destroyed')).toBeNull();
  });
});

describe('home and the reminders agree', () => {
  it('a referral outcome the reminders count as overdue (school days) is overdue on the home row too, and that case comes first', () => {
    const label = 'Outcome of referral to the MASH';
    const late: Reminder = {
      id: 'referral-outcome:case-1',
      kind: 'referral-outcome',
      caseId: 'case-1',
      reference: 'YPSI-2026-0002',
      due: '2000-01-10',
      overdue: true,
      severity: 'overdue',
      label,
      reason: { rule: 'R14.2', text: 'Follow up.' },
      link: '/cases/case-1/referrals',
    };
    const list = [late];
    // case-0 is newer, so it would come first if the reminder were ignored.
    const older = summary(1, {
      updatedAt: '2025-01-01T10:00:00.000Z',
      due: [{ kind: 'referral-outcome', due: null, label }],
    });
    render(
      <MemoryRouter>
        <RemindersContext.Provider value={{ list, counts: reminderCounts(list), noTermDates: false }}>
          <HomePage
            summaries={[summary(0), older]}
            inboxCount={0}
            onNewCase={() => Promise.resolve('x')}
            lastBackupAt="2099-01-01"
          />
        </RemindersContext.Provider>
      </MemoryRouter>,
    );
    const [first] = rows();
    expect(first!.textContent).toContain('YPSI-2026-0002');
    const dueLine = within(first as HTMLElement).getByText(label, { exact: false });
    expect(dueLine.querySelector('.app-tag--red')?.textContent).toBe('Overdue');
    expect(screen.getByText('1 case has overdue items.')).toBeTruthy();
  });
});
