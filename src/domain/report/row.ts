// A case as the report sees it (issue 7): a ReportRow of closed values only, so no name, date or free text can reach a report; and the report's days, in Europe/London.
import { closedAsSameIncident } from '../sameIncident';
import { currentDecision, referenceDate, type CaseRecord } from '../case';
import type { ReferralAgency, ReferralNextStep } from '../events';
import { isReferralDecision } from '../rules/routes';
import { youngPeople } from '../rules/triggers';
import type { Stage } from '../stages';
import { dueItems, type DueKind } from '../summary';
import { ROUTE_IDS, sexOf, type RouteId, type Sex, type Typology } from '../types';

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

export function instant(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

export function dueDay(due: string | null): DayNumber | null {
  if (due === null) return null;
  return dayFromIso(due.slice(0, 10)) ?? dayOf(Date.parse(due));
}

export const SEXES: readonly Sex[] = ['female', 'male', 'other', 'not-known', 'not-recorded'];

export const AGENCIES: readonly ReferralAgency[] = ['mash', 'police', 'social-care', 'lado', 'chair-of-governors'];

export const NEXT_STEPS: readonly ReferralNextStep[] = ['agency-leads', 'return-to-school', 'no-further-action'];

const DUE_KINDS: readonly DueKind[] = [
  'escalation',
  'unsigned-decision',
  'referral-outcome',
  'deletion-deadline',
  'device-collection',
];

/** What the overdue table counts: each number in the report is in one table only. */
export const OVERDUE_KINDS: readonly DueKind[] = ['escalation', 'deletion-deadline', 'device-collection'];

function yearGroupOf(n: number | undefined): YearGroup | null {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 13 ? (n as YearGroup) : null;
}

/**
 * A case as an anonymised row. Only enum values are copied, each checked against its closed list
 * (anything else is left out), so a name can never travel even in a field that should hold an enum.
 * Returns null for a case with no date to place it in a period (never opened: not a case yet), and
 * for one discarded empty (opened by mistake: no incident to count), and for one closed as the same
 * incident as another (src/domain/sameIncident.ts: the incident is counted once, in the case carried on).
 */
export function reportRowOf(record: CaseRecord, stage: Stage): ReportRow | null {
  if (record.discarded || closedAsSameIncident(record)) return null;
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
