// @vitest-environment jsdom
// Issue 7: no report output (screen, CSV, PDF) contains a name, a date of birth or free text of the
// seeded cases, and no output shows a count of 1 or 2. Random cases with random, distinctive text,
// built through the real machine; the screen rendered with Testing Library; the PDF signed and its
// text extracted with pdftotext (anonymity.pdf.test.ts).
import { cleanup, render } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/domain/report/build';
import type { Shown } from '../../../src/domain/report/suppression';
import { buildReportDocumentModel } from '../../../src/pdf';
import { ReportView } from '../../../src/ui/reports/ReportView';
import { reportCsv } from '../../../src/ui/reports/reportCsv';
import { reportOf, secretsOf, seedCase, text } from '../../builders/reportArbitraries';

afterEach(cleanup);

/** Every count the report holds, wherever it is. */
function everyShown(r: Report): Shown[] {
  return [
    r.cases,
    r.open,
    r.closed,
    r.youngPeople,
    ...r.tables.flatMap((t) => [t.total, ...t.rows.map((x) => x.shown)]),
  ];
}

const ESTABLISHMENT = { name: 'Hillside Academy', type: 'school' };
const model = (report: Report, fingerprint = 'AA:BB') =>
  buildReportDocumentModel({
    report,
    establishment: ESTABLISHMENT,
    certificateFingerprint: fingerprint,
    generatedAt: '2026-09-10T10:00:00Z',
    generatedBy: { name: 'Dana Shah', role: 'dsl' },
    recipient: 'Governing board',
  });

/** The text of the screen: what is shown, and every attribute (SVG titles and descriptions included). */
function screenText(report: Report): { html: string; cells: string[] } {
  const { container } = render(<ReportView report={report} />);
  const cells = [...container.querySelectorAll('td, dd, strong, .app-report-chart__value')].map(
    (e) => e.textContent?.trim() ?? '',
  );
  return { html: container.innerHTML, cells };
}

describe('the report never shows a name or free text of a case, nor a count of 1 or 2', () => {
  it('property: random cases with random names, dates of birth and notes, on screen, in the CSV and in the PDF model', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(seedCase, { minLength: 1, maxLength: 14 }),
        fc.array(text, { minLength: 1, maxLength: 4 }),
        async (specs, texts) => {
          const report = reportOf(specs, texts);
          const screen = screenText(report);
          cleanup();
          const csv = reportCsv(report);
          const pdfModel = JSON.stringify(await model(report));
          const outputs = { screen: screen.html, csv, pdf: pdfModel };
          const leaks = secretsOf(texts).flatMap((s) =>
            Object.entries(outputs).flatMap(([where, out]) => (out.includes(s) ? [`${where}: ${s}`] : [])),
          );
          expect(leaks).toEqual([]);
          // Suppression: no count held, shown in a cell, or written in the CSV is 1 or 2.
          expect(everyShown(report).filter((s) => s.kind === 'count' && (s.value === 1 || s.value === 2))).toEqual([]);
          expect(screen.cells.filter((c) => c === '1' || c === '2')).toEqual([]);
          const countLines = csv.split('\r\n').filter((l) => l && !/median|longest|could not be read|^section/.test(l));
          expect(countLines.filter((l) => /,(1|2)$/.test(l))).toEqual([]);
        },
      ),
      { numRuns: 40, seed: 20260907 },
    );
  });
});
