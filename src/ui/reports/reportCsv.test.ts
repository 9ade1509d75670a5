import { describe, expect, it } from 'vitest';
import { buildReport } from '../../domain/report/build';
import { termPeriod } from '../../domain/report/period';
import { reportRowOf } from '../../domain/report/row';
import { knownRecords } from '../../../test/builders/reportCases';
import { csvCell, reportCsv } from './reportCsv';

describe('the report as CSV', () => {
  it('quotes as RFC 4180 says and neutralises anything a spreadsheet would run as a formula', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    for (const lead of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(-3)).toBe('-3');
  });

  it('writes one figure a line, suppressed ones in words, CRLF line ends, even when a term’s name is a formula', () => {
    const period = termPeriod({ name: '=cmd|calc', from: '2025-09-01', to: '2026-08-31' })!;
    const csv = reportCsv(
      buildReport(
        knownRecords().map(({ record, stage }) => reportRowOf(record, stage)!),
        period,
        '2026-09-10',
      ),
    );
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toContain("period,label,,'=cmd|calc (1 September 2025 to 31 August 2026)");
    expect(lines).toContain('cases,cases,,9');
    expect(lines).toContain('Young people by year group,young people,Year 8,fewer than 3');
    expect(lines).toContain('Young people by year group,young people,Year 9,not shown');
    expect(lines).toContain('From disclosure to the initial review decision,median,minutes,75');
    expect(lines).toContain(
      '"Referrals made, by outcome",breakdown,,The breakdown is not shown: every way of showing it would give away a count of fewer than 3.',
    );
  });
});
