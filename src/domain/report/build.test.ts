import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReport, type Report } from './build';
import { durationText } from './duration';
import { chartRows } from './table';
import { shownText, suppressEach, suppressPartition, type Shown } from './suppression';
import { customPeriod, schoolYearOf, schoolYearPeriod, termPeriod } from './period';
import { dayOf, reportRowOf, type NoFreeText, type ReportRow } from './row';
import { KNOWN_CASES, knownRecords, seedRecord } from '../../../test/builders/reportCases';

const rows = (): ReportRow[] => knownRecords().map(({ record, stage }) => reportRowOf(record, stage)!);
const table = (r: Report, id: string) => r.tables.find((t) => t.id === id)!;
const cells = (r: Report, id: string) => Object.fromEntries(table(r, id).rows.map((x) => [x.key, shownText(x.shown)]));

describe('the report for a period, against seeded cases with known answers', () => {
  const report = buildReport(rows(), schoolYearPeriod(2025), '2026-09-10');

  it('counts the nine cases told in the school year, by the UK day of the disclosure', () => {
    expect(report.period).toEqual({
      kind: 'school-year',
      label: 'School year 2025 to 2026',
      from: '2025-09-01',
      to: '2026-08-31',
    });
    expect(shownText(report.cases)).toBe('9');
    expect(shownText(report.open)).toBe('9');
    expect(shownText(report.closed)).toBe('0');
    expect(shownText(report.youngPeople)).toBe('11');
    expect(report.notes[0]).toMatch(/when the disclosure was made .* from 1 September 2025 to 31 August 2026/);
  });

  it('typology: 5 experimental, 3 aggravated, 1 undecided; the 1 is "fewer than 3" and the 5 is hidden so it cannot be worked out', () => {
    expect(cells(report, 'typology')).toEqual({ experimental: 'not shown', aggravated: '3', none: 'fewer than 3' });
    expect(shownText(table(report, 'typology').total)).toBe('9');
  });

  it('routes: a case counts once for each route; 8 of 9 is "all but fewer than 3"', () => {
    expect(cells(report, 'routes')).toEqual({
      'mash-referral': '3',
      police: '0',
      'social-care-contact': '0',
      'social-care-referral': '0',
      lado: '0',
      'risk-assessment': 'all but fewer than 3',
      'mash-advice': '0',
      'school-manage': '5',
    });
  });

  it('young people by year group and by sex', () => {
    expect(cells(report, 'year-group')).toEqual({ '8': 'fewer than 3', '9': 'not shown', '10': '3', '11': '3' });
    expect(cells(report, 'sex')).toEqual({
      female: 'not shown',
      male: '3',
      other: '0',
      'not-known': '0',
      'not-recorded': 'fewer than 3',
    });
  });

  it('referrals by agency; by outcome the three 1s would give each other away, so that breakdown is withheld', () => {
    expect(shownText(table(report, 'referral-agency').total)).toBe('3');
    expect(cells(report, 'referral-agency')).toEqual({
      mash: 'fewer than 3',
      police: 'fewer than 3',
      'social-care': '0',
      lado: '0',
      'chair-of-governors': '0',
    });
    expect(table(report, 'referral-outcome').withheld).toBe(true);
    expect(table(report, 'referral-outcome').rows).toEqual([]);
  });

  it('decisions not to refer: 4 signed off, 1 awaiting the Headteacher', () => {
    expect(shownText(table(report, 'non-referral').total)).toBe('5');
    expect(cells(report, 'non-referral')).toEqual({
      signed: 'not shown',
      awaiting: 'fewer than 3',
      'superseded-unsigned': '0',
    });
  });

  it('overdue items: 4 devices held for the police and an escalated case; sign-offs and outcomes are not counted twice', () => {
    const t = table(report, 'overdue');
    expect(shownText(t.total)).toBe('5');
    expect(cells(report, 'overdue')).toEqual({
      escalation: 'fewer than 3',
      'deletion-deadline': '0',
      'device-collection': 'not shown',
    });
  });

  it('an item with a date is overdue only after that day', () => {
    const base = rows()[0]!;
    const row = { ...base, due: [0, 1, 2].map(() => ({ kind: 'deletion-deadline' as const, dueDay: 20251020 })) };
    const on = (today: string) =>
      shownText(table(buildReport([row, { ...row }, { ...row }], schoolYearPeriod(2025), today), 'overdue').total);
    expect(on('2025-10-20')).toBe('0');
    expect(on('2025-10-21')).toBe('9');
  });

  it('median and longest times, in minutes of calendar time', () => {
    const [toReview, toReferral] = report.durations;
    expect(toReview).toMatchObject({ medianMinutes: 75, longestMinutes: 600 });
    expect(toReview).not.toHaveProperty('measured');
    expect(durationText(toReview!)).toEqual({ median: '1 hour 15 minutes', longest: '10 hours' });
    expect(toReferral).toMatchObject({ medianMinutes: 30, longestMinutes: 60 });
  });

  it('a term from settings, and a custom range, choose their own cases', () => {
    const spring = termPeriod({ name: 'Spring term', from: '2026-01-05', to: '2026-03-27' })!;
    const r = buildReport(rows(), spring, '2026-09-10');
    expect(spring.label).toBe('Spring term (5 January 2026 to 27 March 2026)');
    expect(shownText(r.cases)).toBe('3'); // cases 3, 4, 5
    const custom = customPeriod('2026-01-01', '2026-01-31');
    expect(custom.ok).toBe(true);
    const one = buildReport(rows(), custom.ok ? custom.period : spring, '2026-09-10');
    expect(shownText(one.cases)).toBe('fewer than 3');
    expect(one.tables.every((t) => t.withheld)).toBe(true);
    expect(one.durations.map((d) => durationText(d).median)).toEqual([
      'not shown: fewer than 3 cases to measure',
      'not shown: fewer than 3 cases to measure',
    ]);
    expect(one.open.kind).toBe('not-shown');
  });

  it('draws each bar as a share of the total, and none for a hidden count', () => {
    expect(chartRows(table(report, 'typology'))).toEqual([
      { key: 'experimental', label: 'Experimental', value: 'not shown', fraction: null },
      { key: 'aggravated', label: 'Aggravated', value: '3', fraction: 3 / 9 },
      { key: 'none', label: 'No decision yet', value: 'fewer than 3', fraction: null },
    ]);
  });

  it('says how many cases could not be read', () => {
    expect(buildReport(rows(), schoolYearPeriod(2025), '2026-09-10', 2).notes.at(-1)).toBe(
      '2 cases on this device could not be read (damaged or destroyed) and are not counted.',
    );
  });
});

describe('periods', () => {
  it('the school year runs 1 September to 31 August', () => {
    expect(schoolYearOf('2026-08-31')).toBe(2025);
    expect(schoolYearOf('2026-09-01')).toBe(2026);
  });
  it('places a case by its UK calendar day', () => {
    expect(dayOf(Date.parse('2025-08-31T23:30:00Z'))).toBe(20250901);
    expect(dayOf(Date.parse('2025-12-31T23:30:00Z'))).toBe(20251231);
  });
  it('a custom range is checked at its fields', () => {
    expect(customPeriod('2026-02-30', '2026-03-01')).toEqual({
      ok: false,
      field: 'from',
      message: expect.stringMatching(/real date/),
    });
    expect(customPeriod('2026-03-01', 'soon')).toMatchObject({ ok: false, field: 'to' });
    expect(customPeriod('2026-03-02', '2026-03-01')).toMatchObject({
      ok: false,
      field: 'to',
      message: 'The last day must be the same as or after the first day',
    });
    expect(customPeriod('2010-01-01', '2026-01-01')).toMatchObject({ ok: false, field: 'to' });
    expect(termPeriod({ name: 'Summer', from: '2026-07-20', to: '2026-04-13' })).toBeNull();
  });
});

describe('the anonymised row', () => {
  it('cannot have a free-text field: the type check refuses one at compile time', () => {
    type WithName = ReportRow & { name: string };
    // @ts-expect-error a row with a name is not free of free text (tsc -b checks this line)
    const refused: WithName extends NoFreeText<WithName> ? true : never = true;
    const accepted: ReportRow extends NoFreeText<ReportRow> ? true : never = true;
    expect([refused, accepted]).toEqual([true, true]);
  });

  it('holds only enums, numbers and booleans: no name or free text of the case', () => {
    const { record, stage } = seedRecord(
      KNOWN_CASES[4]!,
      { names: ['Zebedee Quillfeather'], free: 'Lighthouse-orchid-7731' },
      'x',
    );
    const row = reportRowOf(record, stage)!;
    const json = JSON.stringify(row);
    expect(json).not.toMatch(/Zebedee|Quillfeather|Lighthouse|REF-x|x-p0/);
    const strings: string[] = [];
    JSON.parse(json, (_k, v: unknown) => (typeof v === 'string' && strings.push(v), v));
    expect(new Set(strings)).toEqual(
      new Set([
        'aggravated',
        'mash-referral',
        'risk-assessment',
        'female',
        'mash',
        'agency-leads',
        'device-collection',
      ]),
    );
  });

  it('copies only values from the closed lists, even if a record holds something else', () => {
    const { record, stage } = seedRecord(KNOWN_CASES[4]!, { names: ['N'], free: 'F' }, 'y');
    const bent = {
      ...record,
      facts: {
        ...record.facts,
        persons: record.facts.persons.map((p) => ({ ...p, sex: 'Zebedee' as never, yearGroup: 'Zebedee' as never })),
      },
      referrals: record.referrals.map((r) => ({ ...r, agency: 'Zebedee' as never })),
    };
    const row = reportRowOf(bent, stage)!;
    expect(JSON.stringify(row)).not.toContain('Zebedee');
    expect(row.youngPeople).toEqual([{ yearGroup: null, sex: 'not-recorded' }]);
    expect(row.referrals).toEqual([]);
  });
});

// ---- suppression ---------------------------------------------------------------------------------

/**
 * Every vector of counts an onlooker cannot rule out from what is shown: shown counts exact, "fewer
 * than 3" is 1 or 2, "not shown" is at least 3 and at least the largest count still shown, all
 * adding up to the total. Brute force, independent of the code under test.
 */
function consistent(shown: readonly Shown[], total: number): number[][] {
  const largest = Math.max(0, ...shown.map((s) => (s.kind === 'count' ? s.value : 0)));
  const options = shown.map((s) => {
    if (s.kind === 'count') return [s.value];
    if (s.kind === 'fewer-than-3') return [1, 2];
    const out: number[] = [];
    for (let v = Math.max(3, largest); v <= total; v++) out.push(v);
    return out;
  });
  const found: number[][] = [];
  const walk = (i: number, acc: number[], sum: number) => {
    if (sum > total) return;
    if (i === options.length) {
      if (sum === total) found.push(acc);
      return;
    }
    for (const v of options[i]!) walk(i + 1, [...acc, v], sum + v);
  };
  walk(0, [], 0);
  return found;
}

describe('suppression', () => {
  it('hides 1 and 2, never 0, and a total of 3 or more stays exact', () => {
    expect(suppressPartition([5, 3, 0], 8)).toEqual([
      { kind: 'count', value: 5 },
      { kind: 'count', value: 3 },
      { kind: 'count', value: 0 },
    ]);
    expect(suppressPartition([9, 1, 0], 10)?.map(shownText)).toEqual(['not shown', 'fewer than 3', '0']);
    expect(suppressPartition([3, 1, 0], 4)).toBeNull();
    expect(suppressEach([6, 3, 2, 0, 7], 7).map(shownText)).toEqual([
      'all but fewer than 3',
      '3',
      'fewer than 3',
      '0',
      '7',
    ]);
  });

  it('property: no shown count is 1 or 2, and every hidden count has at least two possible values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 }), (values) => {
        const total = values.reduce((a, b) => a + b, 0);
        fc.pre(total >= 3);
        const shown = suppressPartition(values, total);
        if (shown === null) return;
        expect(shown.some((s) => s.kind === 'count' && (s.value === 1 || s.value === 2))).toBe(false);
        const worlds = consistent(shown, total);
        expect(worlds).toContainEqual(values);
        const hiddenChoices = shown.flatMap((s, i) =>
          s.kind === 'count' ? [] : [new Set(worlds.map((w) => w[i])).size],
        );
        expect(hiddenChoices.every((n) => n >= 2)).toBe(true);
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it('property: counts that need not add up never show 1 or 2, nor within 2 of the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 8 }),
        (total, raw) => {
          const values = raw.map((v) => Math.min(v, total));
          const counts = suppressEach(values, total).flatMap((s) => (s.kind === 'count' ? [s.value] : []));
          expect(counts.filter((v) => v === 1 || v === 2 || total - v === 1 || total - v === 2)).toEqual([]);
        },
      ),
      { numRuns: 100, seed: 11 },
    );
  });
});
