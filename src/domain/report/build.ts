// The report for a period (issue 7): for governors' annual safeguarding report, Ofsted (R14.2:
// timely referrals, follow-up, sound decisions) and the local authority's audit. Pure: it never
// reads the clock (callers pass `today`).
//
// Anonymised by construction. A case becomes a `ReportRow` holding only enum values, numbers and
// booleans (no string field that is not a closed union: the `NoFreeText` check in row.ts fails
// to compile otherwise), so no name, date of birth or free text can reach the report. The report
// itself holds only what is shown: small counts are never in it, only their suppressed form.
//
// Suppression (see docs/REPORTS.md; the cell rules are in suppression.ts):
// 1. Primary: a count of 1 or 2 is shown as "fewer than 3". 0 is shown as 0.
// 2. Small tables: when a table's total is under 3, its breakdown is withheld altogether (the
//    total shows as "fewer than 3"); otherwise two cells of "fewer than 3" could be worked out from
//    the total alone (two such cells in a total of 2 are both 1).
// 3. Breakdowns that add up to their total (typology, year group, sex, referrals by agency and by
//    outcome, decisions not to refer, overdue items): secondary suppression. Knowing each hidden
//    cell is 1-2 ("fewer than 3") or at least 3 ("not shown"), and that all cells add up to the total,
//    a hidden cell must still have at least two possible values. Until it does, the largest shown
//    cell is hidden too, as "not shown"; if nothing protects it, the breakdown is withheld. No
//    count is in two tables (overdue items leave out sign-offs and outcomes, which have their own),
//    so hiding a count in one table hides it everywhere.
// 4. Counts that do not add up (routes: a case can take several): a count within 2 of the total
//    would give away the small number of cases without it, so it shows as "all but fewer than 3".
// 5. Times: median and longest are shown only when measured on 3 cases or more. How many cases
//    were measured is not shown: it would give away the cases with no decision yet (cases less
//    those measured), and "fewer than 3" and none read the same.
import { dayInWords } from '../days';
import { ROUTE_IDS } from '../types';
import { type YearGroup, type ReportRow, dayFromIso, SEXES, AGENCIES, NEXT_STEPS, OVERDUE_KINDS } from './row';
import { type ReportPeriod, inPeriod } from './period';
import { type Shown, SUPPRESSION_THRESHOLD, showCount, suppressPartition } from './suppression';
import {
  TYPOLOGY_LABELS,
  REPORT_ROUTE_LABELS,
  SEX_LABELS,
  AGENCY_LABELS,
  OUTCOME_LABELS,
  NON_REFERRAL_LABELS,
  DUE_LABELS,
  yearGroupLabel,
} from './labels';
import { type ReportTable, table, countBy } from './table';
import { type ReportDuration, duration } from './duration';

export interface Report {
  period: ReportPeriod;
  /** The day the report was made ('YYYY-MM-DD'): overdue items are as of this day. */
  asOf: string;
  cases: Shown;
  open: Shown;
  closed: Shown;
  youngPeople: Shown;
  tables: ReportTable[];
  durations: ReportDuration[];
  /** Cases on the device that could not be read (damaged or destroyed): not in any figure. */
  unreadable: number;
  /** How the report was made, for every output. */
  notes: string[];
}

const YEAR_GROUPS: readonly (YearGroup | null)[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, null];

/**
 * The figures for a period from anonymised rows. `today` ('YYYY-MM-DD') is when overdue items are
 * counted; `unreadable` is how many cases could not be read (said on the report, never hidden).
 */
export function buildReport(rows: readonly ReportRow[], period: ReportPeriod, today: string, unreadable = 0): Report {
  const inside = rows.filter((r) => inPeriod(r, period));
  const todayDay = dayFromIso(today) ?? 0;
  const n = inside.length;
  const people = inside.flatMap((r) => r.youngPeople);
  const referrals = inside.flatMap((r) => r.referrals);
  const decisions = inside.flatMap((r) => r.nonReferralDecisions);
  // Sign-offs and referral outcomes still awaited are counted in their own tables above; counting
  // them here too would put one number in two tables, where hiding it in one would not hide it.
  const overdue = inside.flatMap((r) =>
    r.due.filter((d) => OVERDUE_KINDS.includes(d.kind) && (d.dueDay === null || d.dueDay < todayDay)),
  );

  // Year groups: every year group with anyone in it, in order (empty years left out to keep the table short).
  const yearCells = YEAR_GROUPS.map((y) => ({
    key: y === null ? 'not-recorded' : String(y),
    label: yearGroupLabel(y),
    value: people.filter((p) => p.yearGroup === y).length,
  })).filter((c) => c.value > 0);

  const tables: ReportTable[] = [
    table('typology', 'Cases by typology', 'cases', 'partition', n, [
      ...countBy(
        ['experimental', 'aggravated'] as const,
        inside.flatMap((r) => (r.typology ? [r.typology] : [])),
      ).map((c) => ({ ...c, label: TYPOLOGY_LABELS[c.key] })),
      { key: 'none', label: TYPOLOGY_LABELS.none, value: inside.filter((r) => !r.typology).length },
    ]),
    table(
      'routes',
      'Cases by route taken',
      'cases',
      'each',
      n,
      ROUTE_IDS.map((route) => ({
        key: route,
        label: REPORT_ROUTE_LABELS[route],
        value: inside.filter((r) => r.routes.includes(route)).length,
      })),
      'The routes chosen in each case’s current decision. A case can take several routes, so these do not add up to the number of cases.',
    ),
    table(
      'year-group',
      'Young people by year group',
      'young people',
      'partition',
      people.length,
      yearCells,
      'Each young person involved in a case counts once for that case.',
    ),
    table(
      'sex',
      'Young people by sex',
      'young people',
      'partition',
      people.length,
      countBy(
        SEXES,
        people.map((p) => p.sex),
      ).map((c) => ({ ...c, label: SEX_LABELS[c.key] })),
    ),
    table(
      'referral-agency',
      'Referrals made, by agency',
      'referrals',
      'partition',
      referrals.length,
      countBy(
        AGENCIES,
        referrals.map((r) => r.agency),
      ).map((c) => ({ ...c, label: AGENCY_LABELS[c.key] })),
    ),
    table(
      'referral-outcome',
      'Referrals made, by outcome',
      'referrals',
      'partition',
      referrals.length,
      countBy(
        [...NEXT_STEPS, 'awaited'] as const,
        referrals.map((r) => r.outcome ?? 'awaited'),
      ).map((c) => ({ ...c, label: OUTCOME_LABELS[c.key] })),
      'The next step each agency gave; what the agency said in its own words is never part of the report.',
    ),
    table(
      'non-referral',
      'Decisions not to refer, and Headteacher sign-off (R14.3)',
      'decisions',
      'partition',
      decisions.length,
      countBy(['signed', 'awaiting', 'superseded-unsigned'] as const, decisions).map((c) => ({
        ...c,
        label: NON_REFERRAL_LABELS[c.key],
      })),
    ),
    table(
      'overdue',
      'Overdue items',
      'items',
      'partition',
      overdue.length,
      countBy(
        OVERDUE_KINDS,
        overdue.map((d) => d.kind),
      ).map((c) => ({ ...c, label: DUE_LABELS[c.key] })),
      `Items still to do on these cases on ${dayInWords(today)}: those due now and those past their date. Closed cases have none. Decisions awaiting sign-off and referral outcomes not yet recorded are in their own tables above.`,
    ),
  ];

  const durations = [
    duration(
      'disclosure-to-review',
      'From disclosure to the initial review decision',
      inside.map((r) =>
        r.disclosedAt !== null && r.initialReviewAt !== null ? r.initialReviewAt - r.disclosedAt : null,
      ),
      'From when it was told to when the first initial review decision was made, in calendar time (not school days).',
    ),
    duration(
      'review-to-referral',
      'From the initial review decision to the first referral',
      inside.map((r) =>
        r.initialReviewAt !== null && r.firstReferralAt !== null ? r.firstReferralAt - r.initialReviewAt : null,
      ),
      'Cases with a referral only, in calendar time. A referral recorded before the initial review decision is not measured.',
    ),
  ];

  const closedCount = inside.filter((r) => r.closed).length;
  const open = n < SUPPRESSION_THRESHOLD ? null : suppressPartition([n - closedCount, closedCount], n);
  return {
    period,
    asOf: today,
    cases: showCount(n),
    open: open?.[0] ?? { kind: 'not-shown' },
    closed: open?.[1] ?? { kind: 'not-shown' },
    youngPeople: showCount(people.length),
    tables,
    durations,
    unreadable,
    notes: [
      `A case is in this period when the disclosure was made (the day it was told) from ${dayInWords(period.from)} to ${dayInWords(period.to)} inclusive, UK time; a case with no disclosure yet counts from the day it was opened.`,
      'No names, dates of birth or anything written about a case are in this report: it is made from categories and dates only.',
      'Counts of 1 or 2 are shown as “fewer than 3”. Where a “fewer than 3” could be worked out from a total, another count is also hidden (“not shown”); where a table’s total is under 3, or hiding cannot protect a small count, its breakdown is not shown.',
      'Times are shown only when there are 3 cases or more to measure; how many were measured is not shown.',
      ...(unreadable > 0
        ? [
            `${unreadable} case${unreadable === 1 ? '' : 's'} on this device could not be read (damaged or destroyed) and ${unreadable === 1 ? 'is' : 'are'} not counted.`,
          ]
        : []),
    ],
  };
}
