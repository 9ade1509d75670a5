// Issue 15 item 4: the report's "Young people by sex" counts the sex each young person is recorded
// with (absent or an old value reads "Not recorded"), with the same small-number suppression as
// every table, in the report and its CSV. Random cases built through the real machine.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEX_LABELS } from '../../../src/domain/report/labels';
import { type Shown } from '../../../src/domain/report/suppression';
import { inPeriod, schoolYearPeriod } from '../../../src/domain/report/period';
import { reportRowOf } from '../../../src/domain/report/row';
import { reportCsv } from '../../../src/ui/reports/reportCsv';
import { reportOf, seedCase, text } from '../../builders/reportArbitraries';
import { seedRecord } from '../../builders/reportCases';
import type { Sex } from '../../../src/domain/types';

const SEXES: Sex[] = ['female', 'male', 'other', 'not-known', 'not-recorded'];

/** Could a cell that shows `s` hold the true count `n`? */
function consistent(s: Shown, n: number): boolean {
  switch (s.kind) {
    case 'count':
      return s.value === n;
    case 'fewer-than-3':
      return n === 1 || n === 2;
    case 'not-shown':
      return n >= 3;
    case 'all-but-fewer-than-3':
      return false;
  }
}

describe('young people by sex', () => {
  it('property: every shown count is the seeded count, a hidden one is hidden as the rules say, and the CSV says the same', () => {
    fc.assert(
      fc.property(
        fc.array(seedCase, { minLength: 1, maxLength: 12 }),
        fc.array(text, { minLength: 1, maxLength: 3 }),
        (specs, texts) => {
          const period = schoolYearPeriod(2025);
          const expected = new Map<Sex, number>(SEXES.map((s) => [s, 0]));
          specs.forEach((spec, i) => {
            const { record, stage } = seedRecord(spec, texts[i % texts.length]!, `case-${i}`);
            if (!inPeriod(reportRowOf(record, stage)!, period)) return;
            for (const p of spec.people)
              expected.set(p.sex ?? 'not-recorded', expected.get(p.sex ?? 'not-recorded')! + 1);
          });
          const total = [...expected.values()].reduce((a, b) => a + b, 0);
          const report = reportOf(specs, texts);
          const table = report.tables.find((t) => t.id === 'sex')!;
          const csv = reportCsv(report).split('\r\n');
          const problems: string[] = [];
          if (!consistent(table.total, total)) problems.push(`total ${JSON.stringify(table.total)} for ${total}`);
          if (total < 3 && !table.withheld) problems.push('a total under 3 is broken down');
          if (!table.withheld && table.rows.map((r) => r.key).join() !== SEXES.join())
            problems.push(`rows ${table.rows.map((r) => r.key).join()}`);
          for (const r of table.rows) {
            const n = expected.get(r.key as Sex)!;
            if (!consistent(r.shown, n)) problems.push(`${r.key}: ${JSON.stringify(r.shown)} for ${n}`);
            if (r.shown.kind === 'count' && (r.shown.value === 1 || r.shown.value === 2))
              problems.push(`${r.key} shows ${r.shown.value}`);
            if (!csv.some((l) => l.startsWith('Young people by sex,') && l.includes(`,${SEX_LABELS[r.key as Sex]},`)))
              problems.push(`no CSV row for ${r.key}`);
          }
          expect(problems).toEqual([]);
        },
      ),
      { numRuns: 40, seed: 20261203 },
    );
  });

  it('counts each recorded value, and an old record without one as "Not recorded"', () => {
    const spec = (sex: Sex | undefined) => ({
      disclosedAt: '2025-10-01T09:00:00Z',
      people: [{ sex }, { sex }, { sex }],
    });
    const report = reportOf(
      [spec('female'), spec('other'), spec('not-known'), spec(undefined)],
      [{ names: ['Ann A', 'Ben B', 'Cat C'], free: 'Some notes here.' }],
    );
    const table = report.tables.find((t) => t.id === 'sex')!;
    expect(table.rows.map((r) => [r.label, r.shown])).toEqual([
      ['Female', { kind: 'count', value: 3 }],
      ['Male', { kind: 'count', value: 0 }],
      ['Other or prefer not to say', { kind: 'count', value: 3 }],
      ['Not known', { kind: 'count', value: 3 }],
      ['Not recorded', { kind: 'count', value: 3 }],
    ]);
  });
});
