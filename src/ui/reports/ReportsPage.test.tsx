// @vitest-environment jsdom
// The /reports screen: choose a period (checked at the field), see the figures as tables and
// charts, and export the CSV (logged). Rows come from the seeded cases with known answers.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { termPeriod } from '../../domain/report/period';
import { reportRowOf } from '../../domain/report/row';
import { knownRecords } from '../../../test/builders/reportCases';
import type { ReportExportLog } from '../data/vault';
import { ReportsPage, type ReportVault } from './ReportsPage';
import { termDatesFrom } from './terms';
import { captureDownloads } from '../../../test/builders/downloads';

let logged: ReportExportLog[];
let blobs: Blob[];
function vault(): ReportVault {
  return {
    actor: { userId: 'u-dsl', role: 'dsl', name: 'Dana Shah' },
    reportRows: async () => ({
      rows: knownRecords().map(({ record, stage }) => reportRowOf(record, stage)!),
      unreadable: 1,
    }),
    logReportExport: async (e) => void logged.push(e),
    pdfSigner: async () => null,
    savePdfSigner: async () => undefined,
  };
}

beforeEach(() => {
  logged = [];
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
  Element.prototype.scrollIntoView = vi.fn<() => void>();
  blobs = captureDownloads();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const page = (terms = [{ name: 'Spring term', from: '2026-01-05', to: '2026-03-27' }]) =>
  render(
    <ReportsPage
      vault={vault()}
      establishment={{ name: 'Hillside Academy', type: 'school' }}
      terms={terms}
      today="2026-09-10"
    />,
  );

describe('the report for a period', () => {
  it('shows the school year’s figures as tables and titled charts, with small counts as “fewer than 3”', async () => {
    const user = userEvent.setup();
    page();
    await user.click(await screen.findByRole('button', { name: 'Show the report' }));
    expect(await screen.findByText('Choose a term, a school year or your own dates', { selector: 'a' })).toBeTruthy();
    await user.click(screen.getByLabelText('A school year'));
    await user.selectOptions(screen.getByLabelText('School year'), '2025');
    await user.click(screen.getByRole('button', { name: 'Show the report' }));
    expect(screen.getByRole('heading', { level: 2, name: 'School year 2025 to 2026' })).toBeTruthy();
    const typology = screen.getByRole('region', { name: 'Cases by typology' });
    const rows = within(within(typology).getByRole('table'))
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual([
      'CategoryNumber of cases',
      'Experimentalnot shown',
      'Aggravated3',
      'No decision yetfewer than 3',
    ]);
    expect(within(typology).getByRole('img', { name: /Cases by typology: bar chart/ })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Referrals made, by outcome' }).textContent).toContain(
      'every way of showing it would give away a count of fewer than 3',
    );
    expect(screen.getByText(/1 case on this device could not be read/)).toBeTruthy();
    const times = screen.getByRole('table', { name: 'Median and longest times' });
    expect(
      within(times).getByRole('row', { name: /From disclosure to the initial review decision/ }).textContent,
    ).toContain('1 hour 15 minutes');
  });

  it('checks your own dates at the field, and a term from settings picks its own cases', async () => {
    const user = userEvent.setup();
    page();
    await user.click(await screen.findByLabelText('Your own dates'));
    const from = screen.getByRole('group', { name: 'First day' });
    await user.type(within(from).getByLabelText('Day'), '31');
    await user.type(within(from).getByLabelText('Month'), '2');
    await user.type(within(from).getByLabelText('Year'), '2026');
    await user.click(screen.getByRole('button', { name: 'Show the report' }));
    expect(within(from).getByText(/Enter the first day as a real date/)).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 2, name: /2026/ })).toBeNull();
    await user.click(screen.getByLabelText('A term'));
    await user.selectOptions(screen.getByLabelText('Term'), '0');
    await user.click(screen.getByRole('button', { name: 'Show the report' }));
    expect(
      screen.getByRole('heading', { level: 2, name: 'Spring term (5 January 2026 to 27 March 2026)' }),
    ).toBeTruthy();
  });

  it('offers no term until term dates are set', async () => {
    page([]);
    expect((await screen.findByLabelText('A term')).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText(/No term dates are set yet/)).toBeTruthy();
  });

  it('exports the CSV only once you say who it is for, and logs it', async () => {
    const user = userEvent.setup();
    page();
    await user.click(await screen.findByLabelText('A school year'));
    expect((screen.getByLabelText('School year') as HTMLSelectElement).value).toBe('2026');
    await user.selectOptions(screen.getByLabelText('School year'), '2025');
    await user.click(screen.getByRole('button', { name: 'Show the report' }));
    await user.click(screen.getByRole('button', { name: 'Create the CSV' }));
    expect(screen.getByText('Enter who the report is for', { selector: 'a' })).toBeTruthy();
    expect(logged).toEqual([]);
    await user.type(screen.getByLabelText('Who is it for?'), 'Local authority audit');
    await user.click(screen.getByRole('button', { name: 'Create the CSV' }));
    expect(await screen.findByRole('link', { name: 'Save ypsi-report-2025-09-01-to-2026-08-31.csv' })).toBeTruthy();
    expect(logged).toMatchObject([
      { format: 'csv', period: { from: '2025-09-01', to: '2026-08-31' }, to: 'Local authority audit' },
    ]);
    const csv = await blobs[0]!.text();
    expect(csv.split('\r\n')[0]).toBe('section,measure,category,value');
    expect(csv).toContain('Cases by typology,cases,No decision yet,fewer than 3\r\n');
  });

  it('says so, and offers no report, when the cases cannot be read', async () => {
    render(
      <ReportsPage
        vault={{ ...vault(), reportRows: async () => Promise.reject(new Error('The session is locked.')) }}
        establishment={{ name: 'Hillside Academy', type: 'school' }}
        today="2026-09-10"
      />,
    );
    expect(await screen.findByText('The cases could not be read for the report.')).toBeTruthy();
    expect(screen.getByText('The session is locked.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Show the report|Reading the cases/ })).toBeNull();
  });

  it('offers the term dates entered in Settings, named by season and year, with their dates said once', () => {
    const calendar = {
      terms: [
        { start: '2026-11-02', end: '2027-01-16' },
        { start: '2025-09-03', end: '2025-10-24' },
      ],
      closures: [],
    };
    const terms = termDatesFrom({ schoolCalendar: calendar });
    expect(terms).toEqual([
      { name: 'Autumn term 2025', from: '2025-09-03', to: '2025-10-24' },
      { name: 'Autumn term 2026', from: '2026-11-02', to: '2027-01-16' },
    ]);
    // The issue 15 bug: "Autumn term 2026 (2 Nov – 16 Jan) (2 November 2026 to 16 January 2027)".
    expect(terms.map((t) => termPeriod(t)?.label)).toEqual([
      'Autumn term 2025 (3 September 2025 to 24 October 2025)',
      'Autumn term 2026 (2 November 2026 to 16 January 2027)',
    ]);
    expect(termDatesFrom({})).toEqual([]);
  });
});
