// The report for a period as CSV for the local authority's audit (issue 7): RFC 4180 (CRLF, fields
// quoted when they hold a comma, quote or line break), in a tidy long format, one figure a line:
// section, measure, category, value. Suppressed figures are written as words ("fewer than 3"),
// never as numbers. Any field a spreadsheet could read as a formula is prefixed with an apostrophe.
import { type Report } from '../../domain/report/build';
import { durationText } from '../../domain/report/duration';
import { withheldText } from '../../domain/report/table';
import { shownText } from '../../domain/report/suppression';

export const CSV_HEADER = ['section', 'measure', 'category', 'value'] as const;

/** Guards against CSV formula injection (OWASP): a leading = + - @ tab or CR is neutralised. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function reportCsv(report: Report): string {
  const lines: (string | number)[][] = [[...CSV_HEADER]];
  const add = (section: string, measure: string, category: string, value: string | number) =>
    lines.push([section, measure, category, value]);
  add('period', 'label', '', report.period.label);
  add('period', 'first day', '', report.period.from);
  add('period', 'last day', '', report.period.to);
  add('period', 'overdue counted on', '', report.asOf);
  add('cases', 'cases', '', shownText(report.cases));
  add('cases', 'still open', '', shownText(report.open));
  add('cases', 'closed', '', shownText(report.closed));
  add('cases', 'young people involved', '', shownText(report.youngPeople));
  add('cases', 'could not be read', '', report.unreadable);
  for (const t of report.tables) {
    add(t.title, `total ${t.unit}`, '', shownText(t.total));
    if (t.withheld) add(t.title, 'breakdown', '', withheldText(t));
    for (const r of t.rows) add(t.title, t.unit, r.label, shownText(r.shown));
  }
  for (const d of report.durations) {
    const text = durationText(d);
    add(d.title, 'median', 'minutes', d.medianMinutes ?? text.median);
    add(d.title, 'longest', 'minutes', d.longestMinutes ?? text.longest);
  }
  report.notes.forEach((n, i) => add('notes', `note ${i + 1}`, '', n));
  return lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The file name: the period's dates only. */
export function reportFileName(report: Report, ext: 'csv' | 'pdf'): string {
  return `ypsi-report-${report.period.from}-to-${report.period.to}.${ext}`;
}
