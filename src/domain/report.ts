// The report for a period (issue 7): for governors' annual safeguarding report, Ofsted (R14.2:
// timely referrals, follow-up, sound decisions) and the local authority's audit. Pure: it never
// reads the clock (callers pass `today`).
//
// Anonymised by construction. A case becomes a `ReportRow` holding only enum values, numbers and
// booleans (no string field that is not a closed union: the `NoFreeText` check below fails to
// compile otherwise), so no name, date of birth or free text can reach the report. The report
// itself holds only what is shown: small counts are never in it, only their suppressed form.
//
// Suppression (see docs/REPORTS.md):
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
import { currentDecision, referenceDate, type CaseRecord } from './case';
import type { ReferralAgency, ReferralNextStep } from './events';
import { isReferralDecision } from './rules/routes';
import { youngPeople } from './rules/triggers';
import type { Stage } from './stages';
import { dueItems, type DueKind } from './summary';
import { ROUTE_IDS, sexOf, type RouteId, type Sex, type Typology } from './types';

// ---- the anonymised row ---------------------------------------------------------------------------

/** England year group: 0 is Reception, 1-13. */
export type YearGroup = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13;
/** A decision not to refer (R14.3): signed by the Headteacher, awaiting it, or replaced before it was signed. */
export type NonReferralState = 'signed' | 'awaiting' | 'superseded-unsigned';

/** A calendar day as a number, yyyymmdd (20260302), in the establishment's time zone. */
export type DayNumber = number;

/** One case as the report sees it: enums, numbers and booleans only. */
export interface ReportRow {
  /** The day of the disclosure (when it was told), else the day the case was opened: puts the case in a period. */
  day: DayNumber;
  /** Epoch ms: when it was told; the first initial review decision; the first referral made. */
  disclosedAt: number | null;
  initialReviewAt: number | null;
  firstReferralAt: number | null;
  typology: Typology | null;
  routes: readonly RouteId[];
  youngPeople: readonly { yearGroup: YearGroup | null; sex: Sex }[];
  referrals: readonly { agency: ReferralAgency; outcome: ReferralNextStep | null }[];
  nonReferralDecisions: readonly NonReferralState[];
  due: readonly { kind: DueKind; dueDay: DayNumber | null }[];
  closed: boolean;
}

/** Maps every string that is not a closed union of literals to never. */
export type NoFreeText<T> = T extends string
  ? string extends T
    ? never
    : T
  : T extends readonly (infer U)[]
    ? readonly NoFreeText<U>[]
    : T extends object
      ? { [K in keyof T]: NoFreeText<T[K]> }
      : T;
/** Compile-time proof that a ReportRow cannot carry free text: add `name: string` and this fails. */
const ROW_HAS_NO_FREE_TEXT: ReportRow extends NoFreeText<ReportRow> ? true : never = true;
void ROW_HAS_NO_FREE_TEXT;

export const REPORT_TIME_ZONE = 'Europe/London';

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: REPORT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day (yyyymmdd, in the UK) of an instant; null for an unreadable time. */
export function dayOf(ms: number): DayNumber | null {
  if (!Number.isFinite(ms)) return null;
  const parts = Object.fromEntries(dayFormat.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return Number(parts.year) * 10000 + Number(parts.month) * 100 + Number(parts.day);
}

/** 'YYYY-MM-DD' to yyyymmdd, or null when it is not a real date. */
export function dayFromIso(date: string): DayNumber | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return y * 10000 + mo * 100 + d;
}

export function isoFromDay(day: DayNumber): string {
  const y = Math.floor(day / 10000);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function instant(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

function dueDay(due: string | null): DayNumber | null {
  if (due === null) return null;
  return dayFromIso(due.slice(0, 10)) ?? dayOf(Date.parse(due));
}

const SEXES: readonly Sex[] = ['female', 'male', 'other', 'not-known', 'not-recorded'];
const AGENCIES: readonly ReferralAgency[] = ['mash', 'police', 'social-care', 'lado', 'chair-of-governors'];
const NEXT_STEPS: readonly ReferralNextStep[] = ['agency-leads', 'return-to-school', 'no-further-action'];
const DUE_KINDS: readonly DueKind[] = [
  'escalation',
  'unsigned-decision',
  'referral-outcome',
  'deletion-deadline',
  'device-collection',
];
/** What the overdue table counts: each number in the report is in one table only. */
const OVERDUE_KINDS: readonly DueKind[] = ['escalation', 'deletion-deadline', 'device-collection'];

function yearGroupOf(n: number | undefined): YearGroup | null {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 13 ? (n as YearGroup) : null;
}

/**
 * A case as an anonymised row. Only enum values are copied, each checked against its closed list
 * (anything else is left out), so a name can never travel even in a field that should hold an enum.
 * Returns null for a case with no date to place it in a period (never opened: not a case yet), and
 * for one discarded empty (opened by mistake: no incident to count).
 */
export function reportRowOf(record: CaseRecord, stage: Stage): ReportRow | null {
  if (record.discarded) return null;
  const when = instant(record.disclosure?.disclosedAt) ?? instant(record.opened?.at);
  const day = when === null ? null : dayOf(when);
  if (day === null) return null;
  const decision = currentDecision(record);
  const signed = new Set(record.signOffs.map((s) => s.decisionId));
  const firstReferral = record.referrals.map((r) => instant(r.at)).filter((t): t is number => t !== null);
  return {
    day,
    disclosedAt: instant(record.disclosure?.disclosedAt),
    initialReviewAt: instant(record.decisions[0]?.at),
    firstReferralAt: firstReferral.length ? Math.min(...firstReferral) : null,
    typology:
      decision && (decision.typology === 'experimental' || decision.typology === 'aggravated')
        ? decision.typology
        : null,
    routes: ROUTE_IDS.filter((r) => decision?.routes.includes(r)),
    youngPeople: youngPeople(record.facts.persons, referenceDate(record)).map((p) => ({
      yearGroup: yearGroupOf(p.yearGroup),
      sex: sexOf(p),
    })),
    referrals: record.referrals.flatMap((r) => {
      const agency = AGENCIES.find((a) => a === r.agency);
      if (!agency) return [];
      return [{ agency, outcome: NEXT_STEPS.find((n) => n === r.outcome?.nextStep) ?? null }];
    }),
    nonReferralDecisions: record.decisions
      .filter((d) => !isReferralDecision(d.routes))
      .map((d): NonReferralState =>
        signed.has(d.decisionId) ? 'signed' : d === decision ? 'awaiting' : 'superseded-unsigned',
      ),
    due: dueItems(record, stage).flatMap((d) => {
      const kind = DUE_KINDS.find((k) => k === d.kind);
      return kind ? [{ kind, dueDay: dueDay(d.due) }] : [];
    }),
    closed: record.closed,
  };
}

// ---- periods ----------------------------------------------------------------------------------------

export type PeriodKind = 'term' | 'school-year' | 'custom';

/** A term from the establishment's settings (optional: without them, no term can be chosen). */
export interface TermDates {
  name: string;
  /** First and last day, 'YYYY-MM-DD', inclusive. */
  from: string;
  to: string;
}

export interface ReportPeriod {
  kind: PeriodKind;
  /** "School year 2025 to 2026", "Autumn term 2025", "1 March 2026 to 31 March 2026". */
  label: string;
  /** First and last day, 'YYYY-MM-DD', inclusive. */
  from: string;
  to: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "1 September 2025" */
export function longDate(iso: string): string {
  const day = dayFromIso(iso);
  if (day === null) return iso;
  return `${day % 100} ${MONTHS[(Math.floor(day / 100) % 100) - 1]} ${Math.floor(day / 10000)}`;
}

/** The school year starting 1 September `startYear` and ending 31 August the year after. */
export function schoolYearPeriod(startYear: number): ReportPeriod {
  return {
    kind: 'school-year',
    label: `School year ${startYear} to ${startYear + 1}`,
    from: `${startYear}-09-01`,
    to: `${startYear + 1}-08-31`,
  };
}

/** The school year a day falls in (its starting year). */
export function schoolYearOf(today: string): number {
  const day = dayFromIso(today) ?? 0;
  const y = Math.floor(day / 10000);
  return Math.floor(day / 100) % 100 >= 9 ? y : y - 1;
}

export type PeriodResult = { ok: true; period: ReportPeriod } | { ok: false; field: 'from' | 'to'; message: string };

/** A custom range, checked: real dates, in order, at most five years. Messages are for the field. */
export function customPeriod(from: string, to: string): PeriodResult {
  const a = dayFromIso(from.trim());
  const b = dayFromIso(to.trim());
  if (a === null)
    return { ok: false, field: 'from', message: 'Enter the first day as a real date, for example 1 9 2025' };
  if (b === null)
    return { ok: false, field: 'to', message: 'Enter the last day as a real date, for example 31 8 2026' };
  if (b < a) return { ok: false, field: 'to', message: 'The last day must be the same as or after the first day' };
  if (b - a > 50000) return { ok: false, field: 'to', message: 'Choose a range of five years or less' };
  const [f, t] = [isoFromDay(a), isoFromDay(b)];
  return { ok: true, period: { kind: 'custom', label: `${longDate(f)} to ${longDate(t)}`, from: f, to: t } };
}

/** A term from settings as a period; null if its dates are not real or out of order. */
export function termPeriod(term: TermDates): ReportPeriod | null {
  const a = dayFromIso(term.from);
  const b = dayFromIso(term.to);
  if (a === null || b === null || b < a) return null;
  return {
    kind: 'term',
    label: `${term.name.trim() || 'Term'} (${longDate(term.from)} to ${longDate(term.to)})`,
    from: term.from,
    to: term.to,
  };
}

export function inPeriod(row: ReportRow, period: ReportPeriod): boolean {
  const a = dayFromIso(period.from);
  const b = dayFromIso(period.to);
  return a !== null && b !== null && row.day >= a && row.day <= b;
}

// ---- shown values and suppression -----------------------------------------------------------------

/** A count as it may be shown. The true value of a suppressed count is not kept. */
export type Shown =
  | { kind: 'count'; value: number }
  | { kind: 'fewer-than-3' }
  /** Hidden so that a "fewer than 3" elsewhere in the table cannot be worked out from the total. */
  | { kind: 'not-shown' }
  /** Within 2 of the total: the cases without it are fewer than 3. */
  | { kind: 'all-but-fewer-than-3' };

export const SUPPRESSION_THRESHOLD = 3;

export function showCount(n: number): Shown {
  return n >= 1 && n < SUPPRESSION_THRESHOLD ? { kind: 'fewer-than-3' } : { kind: 'count', value: n };
}

export function shownText(s: Shown): string {
  switch (s.kind) {
    case 'count':
      return String(s.value);
    case 'fewer-than-3':
      return 'fewer than 3';
    case 'not-shown':
      return 'not shown';
    case 'all-but-fewer-than-3':
      return 'all but fewer than 3';
  }
}

type Hidden = { primary: boolean };

/**
 * Can each hidden cell still take two values, given the shown cells and the total? A "fewer than 3"
 * is 1 or 2; a "not shown" is at least 3 and at least `secondaryMin` (the largest count still
 * shown: cells are hidden largest first, so a hidden one is no smaller than any still shown).
 */
function hiddenCellsProtected(hidden: readonly Hidden[], hiddenSum: number, secondaryMin: number): boolean {
  const min = (h: Hidden) => (h.primary ? 1 : Math.max(SUPPRESSION_THRESHOLD, secondaryMin));
  const max = (h: Hidden) => (h.primary ? SUPPRESSION_THRESHOLD - 1 : Infinity);
  return hidden.every((h, i) => {
    const others = hidden.filter((_, j) => j !== i);
    const lo = others.reduce((s, o) => s + min(o), 0);
    const hi = others.reduce((s, o) => s + max(o), 0);
    let feasible = 0;
    for (let v = min(h); v <= Math.min(max(h), hiddenSum); v++) {
      if (hiddenSum - v >= lo && hiddenSum - v <= hi) feasible += 1;
      if (feasible >= 2) return true;
    }
    return false;
  });
}

/**
 * Suppression for cells that add up to `total` (total >= 3). Primary: 1-2 become "fewer than 3".
 * Secondary: while some hidden cell could be worked out from the total, hide the largest shown
 * count as "not shown" (hiding a large count leaves the most room for doubt). Null when no choice
 * of cells protects them: the breakdown is then withheld as a whole.
 */
export function suppressPartition(values: readonly number[], total: number): Shown[] | null {
  const out: Shown[] = values.map(showCount);
  if (!out.some((s) => s.kind === 'fewer-than-3')) return out;
  for (;;) {
    const hidden = out.flatMap((s): Hidden[] =>
      s.kind === 'fewer-than-3' ? [{ primary: true }] : s.kind === 'not-shown' ? [{ primary: false }] : [],
    );
    const shown = out.flatMap((s) => (s.kind === 'count' ? [s.value] : []));
    const shownSum = shown.reduce((a, b) => a + b, 0);
    const largestShown = Math.max(0, ...shown);
    if (hiddenCellsProtected(hidden, total - shownSum, largestShown)) return out;
    if (largestShown === 0) return null;
    out[out.findIndex((s) => s.kind === 'count' && s.value === largestShown)] = { kind: 'not-shown' };
  }
}

/** Suppression for counts out of a total that need not add up (each case may count in several). */
export function suppressEach(values: readonly number[], total: number): Shown[] {
  return values.map((v) =>
    v > 0 && total - v >= 1 && total - v < SUPPRESSION_THRESHOLD && v >= SUPPRESSION_THRESHOLD
      ? { kind: 'all-but-fewer-than-3' }
      : showCount(v),
  );
}

// ---- the report --------------------------------------------------------------------------------------

export interface ReportTableRow {
  key: string;
  label: string;
  shown: Shown;
}

export interface ReportTable {
  id:
    | 'typology'
    | 'routes'
    | 'year-group'
    | 'sex'
    | 'referral-agency'
    | 'referral-outcome'
    | 'non-referral'
    | 'overdue';
  title: string;
  /** What is counted: "cases", "young people", "referrals", "decisions", "items". */
  unit: string;
  /** 'partition': each is counted once, the rows add up to the total; 'each': a case may count in several rows. */
  kind: 'partition' | 'each';
  total: Shown;
  /** The breakdown is withheld (rows is then empty): the total is under 3, or no hiding protects a small count. */
  withheld: boolean;
  rows: ReportTableRow[];
  note?: string;
}

export interface ReportDuration {
  id: 'disclosure-to-review' | 'review-to-referral';
  title: string;
  /** In minutes of calendar time; null when withheld (fewer than 3) or none. */
  medianMinutes: number | null;
  longestMinutes: number | null;
  note: string;
}

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

export const TYPOLOGY_LABELS: Record<Typology | 'none', string> = {
  experimental: 'Experimental',
  aggravated: 'Aggravated',
  none: 'No decision yet',
};
export const REPORT_ROUTE_LABELS: Record<RouteId, string> = {
  'mash-referral': 'Referred to the MASH',
  police: 'Police told',
  'social-care-contact': "Children's social care contacted",
  'social-care-referral': "Referred to children's social care",
  lado: 'LADO told',
  'risk-assessment': 'Risks assessed',
  'mash-advice': 'MASH asked for advice',
  'school-manage': 'Managed by the school',
};
export const SEX_LABELS: Record<Sex, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other or prefer not to say',
  'not-known': 'Not known',
  'not-recorded': 'Not recorded',
};
export const AGENCY_LABELS: Record<ReferralAgency, string> = {
  mash: 'The MASH',
  police: 'The police',
  'social-care': "Children's social care",
  lado: 'The LADO',
  'chair-of-governors': 'The chair of governors',
};
export const OUTCOME_LABELS: Record<ReferralNextStep | 'awaited', string> = {
  'agency-leads': 'The agency leads',
  'return-to-school': 'Returned to the school to manage',
  'no-further-action': 'No further action',
  awaited: 'Outcome not yet recorded',
};
export const NON_REFERRAL_LABELS: Record<NonReferralState, string> = {
  signed: 'Signed off by the Headteacher',
  awaiting: 'Awaiting Headteacher sign-off',
  'superseded-unsigned': 'Replaced by a later decision before sign-off',
};
export const DUE_LABELS: Record<DueKind, string> = {
  escalation: 'Escalated: referral to make',
  'unsigned-decision': 'Decision not to refer awaiting sign-off',
  'referral-outcome': 'Referral outcome to record',
  'deletion-deadline': 'Deletions to confirm',
  'device-collection': 'Device held for the police',
  'new-decision': 'A new decision is needed',
  'act-now': 'Referral to make now',
  liaison: 'Liaison with an agency to record',
};

export function yearGroupLabel(y: YearGroup | null): string {
  return y === null ? 'Not recorded' : y === 0 ? 'Reception' : `Year ${y}`;
}

function table(
  id: ReportTable['id'],
  title: string,
  unit: string,
  kind: ReportTable['kind'],
  total: number,
  cells: readonly { key: string; label: string; value: number }[],
  note?: string,
): ReportTable {
  const shown =
    total < SUPPRESSION_THRESHOLD
      ? null
      : kind === 'partition'
        ? suppressPartition(
            cells.map((c) => c.value),
            total,
          )
        : suppressEach(
            cells.map((c) => c.value),
            total,
          );
  return {
    id,
    title,
    unit,
    kind,
    total: showCount(total),
    withheld: shown === null,
    rows: shown === null ? [] : cells.map((c, i) => ({ key: c.key, label: c.label, shown: shown[i]! })),
    ...(note ? { note } : {}),
  };
}

function countBy<K extends string>(keys: readonly K[], items: readonly K[]): { key: K; value: number }[] {
  return keys.map((key) => ({ key, value: items.filter((i) => i === key).length }));
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

function duration(
  id: ReportDuration['id'],
  title: string,
  spans: readonly (number | null)[],
  note: string,
): ReportDuration {
  const minutes = spans
    .filter((s): s is number => s !== null && s >= 0)
    .map((s) => Math.round(s / 60_000))
    .sort((a, b) => a - b);
  const enough = minutes.length >= SUPPRESSION_THRESHOLD;
  return {
    id,
    title,
    medianMinutes: enough ? median(minutes) : null,
    longestMinutes: enough ? minutes.at(-1)! : null,
    note,
  };
}

/** "2 days 3 hours", "5 hours 20 minutes", "45 minutes". */
export function formatMinutes(m: number): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (days > 0) return hours ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0) return mins ? `${plural(hours, 'hour')} ${plural(mins, 'minute')}` : plural(hours, 'hour');
  return plural(mins, 'minute');
}

export function durationText(d: ReportDuration): { median: string; longest: string } {
  if (d.medianMinutes === null || d.longestMinutes === null) {
    const why = 'not shown: fewer than 3 cases to measure';
    return { median: why, longest: why };
  }
  return { median: formatMinutes(d.medianMinutes), longest: formatMinutes(d.longestMinutes) };
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
      `Items still to do on these cases on ${longDate(today)}: those due now and those past their date. Closed cases have none. Decisions awaiting sign-off and referral outcomes not yet recorded are in their own tables above.`,
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
      `A case is in this period when the disclosure was made (the day it was told) from ${longDate(period.from)} to ${longDate(period.to)} inclusive, UK time; a case with no disclosure yet counts from the day it was opened.`,
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

/**
 * A table's rows for a bar chart: the words to show, and the bar as a share of the table's total
 * (so a shown bar never looks like the largest when a larger count is hidden); null: no bar.
 */
export function chartRows(t: ReportTable): { key: string; label: string; value: string; fraction: number | null }[] {
  const total = t.total.kind === 'count' ? t.total.value : 0;
  return t.rows.map((r) => ({
    key: r.key,
    label: r.label,
    value: shownText(r.shown),
    fraction: r.shown.kind === 'count' && total > 0 ? r.shown.value / total : null,
  }));
}

/** Why a table shows no breakdown, in words. */
export function withheldText(t: ReportTable): string {
  return t.total.kind === 'count' && t.total.value === 0
    ? `None in this period.`
    : t.total.kind === 'fewer-than-3'
      ? `Fewer than 3 ${t.unit} in this period: the breakdown is not shown, to protect the young people involved.`
      : `The breakdown is not shown: every way of showing it would give away a count of fewer than 3.`;
}
