// Reminders: everything with a date in the process, in one list, most urgent first (issue 7).
// Pure: `today` is a parameter, never the clock, so a test (or a tablet left a week in a drawer)
// gets the same answer for the same inputs. Sources, each one more list in `ReminderInputs`:
//   - each case's due items (summary.ts `dueItems`): deletion deadlines (R12.3), unsigned
//     decisions not to refer (R14.3), referrals with no outcome after a set number of school days
//     (R14.2 "tenacity in following up"), escalations awaiting a referral (R6.9), devices held
//     for the police (R10.2);
//   - case transfers sent whose receipt has not come back within 5 school days (UKCIS.transfer);
//   - the last backup, grown old (docs/SECURITY.md item 10);
//   - retention reviews (the retention engineer's source: `retentionReviews`, see RetentionReviewInput).
import type { CaseSummary } from './summary';
import { actsNow, type DueKind } from './dueKinds';
import type { RuleId } from './rules/catalogue';
import { addCalendarDays, addSchoolDays, type SchoolCalendar } from './schoolDays';
import { caseDueAsk, withBasis } from './caseDueReminders';
import { may } from './permissions';
import type { Role } from './types';

export type ReminderKind = DueKind | 'transfer-receipt' | 'backup' | 'retention-review';

/** Overdue: its date has passed. Due soon: for you to do now or within a few days. Waiting: not yet, or in someone else's hands. */
export type ReminderGroup = 'overdue' | 'soon' | 'waiting';

/** A rule of the policy, or the security design's durability item for backups. */
export type ReminderRule = RuleId | 'SECURITY.10';

/** When a reminder is due and how urgent it is. */
export type Timing = Pick<Reminder, 'due' | 'overdue' | 'severity'>;

export interface Reminder {
  /** Stable across recomputations: kind, case and what it is about. */
  id: string;
  kind: ReminderKind;
  caseId?: string | undefined;
  reference?: string | undefined;
  /** ISO date it is due; null when it is due now or has no date. */
  due: string | null;
  overdue: boolean;
  severity: ReminderGroup;
  label: string;
  reason: { rule: ReminderRule; text: string };
  /** Where in the app to act on it. */
  link: string;
}

import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from './settingsDefaults';
export { DEFAULT_REMINDER_SETTINGS, REMINDER_LIMITS, type ReminderSettings } from './settingsDefaults';

/** A child protection file goes within 5 school days, with confirmation of receipt (UKCIS.transfer). */
export const TRANSFER_RECEIPT_SCHOOL_DAYS = 5;
/** Something for you to do that falls due within this many days is "due soon". */
export const DUE_SOON_DAYS = 3;

/** A case transfer sent from this device (establishment log 'export.made', kind 'case-transfer'). */
export interface TransferSent {
  transferId: string;
  caseIds: readonly string[];
  /** Who it was sent to, as the DSL typed it. */
  to: string;
  /** When it was sent (ISO). */
  sentAt: string;
  /** True once a matching signed receipt was recorded ('receipt.recorded'). */
  received: boolean;
}

/**
 * The retention hook: one input per case whose record has a retention review date. A case under a
 * legal hold gives no reminder (nothing may be deleted until the hold is lifted).
 */
export interface RetentionReviewInput {
  caseId: string;
  reference: string;
  /** ISO date the retention review falls due; null when none can be worked out and none was set. */
  reviewDate: string | null;
  legalHold: boolean;
  /** A closed case with no review date would never come up for review: it is a reminder to set one. */
  closed?: boolean | undefined;
}

export interface ReminderInputs {
  /** Today's date where the tablet is (ISO date). */
  today: string;
  cases: readonly Pick<CaseSummary, 'caseId' | 'reference' | 'closed' | 'due'>[];
  transfers?: readonly TransferSent[] | undefined;
  /** When the last backup was made (ISO), null if never; undefined when not known (no reminder). */
  lastBackupAt?: string | null | undefined;
  settings?: Partial<ReminderSettings> | undefined;
  calendar?: SchoolCalendar | undefined;
  retentionReviews?: readonly RetentionReviewInput[] | undefined;
  /** An ISO instant as a local calendar date (default: its first ten characters, UTC). */
  localDate?: ((iso: string) => string) | undefined;
  /**
   * Who is reading: a backup reminder is only for those who may export one, a transfer's receipt
   * only for those who may transfer (src/domain/permissions.ts).
   */
  role?: Role | undefined;
  /** An ISO date as the reader expects it in a reason (default: as is). */
  formatDate?: ((isoDate: string) => string) | undefined;
}

/** How long before a retention review date it becomes a reminder (docs/SECURITY.md item 13). */
export const RETENTION_NOTICE_DAYS = 30;

const RANK: Record<ReminderGroup, number> = { overdue: 0, soon: 1, waiting: 2 };

/** Most urgent first: overdue, then due soon, then waiting; within each, soonest date first, undated last. */
export function compareReminders(a: Reminder, b: Reminder): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    (a.due === b.due ? 0 : a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1) ||
    (a.reference ?? '').localeCompare(b.reference ?? '') ||
    a.id.localeCompare(b.id)
  );
}

/** Every reminder, most urgent first. */
export function reminders(input: ReminderInputs): Reminder[] {
  const { today } = input;
  const settings = { ...DEFAULT_REMINDER_SETTINGS, ...input.settings };
  const calendar: SchoolCalendar = input.calendar ?? { terms: [] };
  const day = input.localDate ?? ((iso: string) => iso.slice(0, 10));
  const fmt = input.formatDate ?? ((d: string) => d);
  const shown = (iso: string) => fmt(day(iso));
  const soonBy = addCalendarDays(today, DUE_SOON_DAYS);
  const out: Reminder[] = [];

  /** Something you do: overdue once its date passes, due soon within a few days, else waiting. */
  const yours = (due: string | null): Timing =>
    due === null
      ? { due, overdue: false, severity: 'soon' }
      : due < today
        ? { due, overdue: true, severity: 'overdue' }
        : { due, overdue: false, severity: due <= soonBy ? 'soon' : 'waiting' };
  /** Something in others' hands: waiting until its date passes, then overdue. */
  const theirs = (due: string | null): Timing =>
    due !== null && due < today
      ? { due, overdue: true, severity: 'overdue' }
      : { due, overdue: false, severity: 'waiting' };

  const references = new Map(input.cases.map((c) => [c.caseId, c.reference]));

  for (const c of input.cases) {
    if (c.closed) continue;
    const at = { caseId: c.caseId, reference: c.reference };
    for (const d of c.due) {
      const id = `${d.kind}:${c.caseId}${d.ref ? `:${d.ref}` : ''}`;
      const ask = caseDueAsk(d, { yours, theirs, shown, day, settings, calendar });
      out.push({
        id,
        kind: d.kind,
        ...at,
        ...ask.timing,
        label: d.label,
        link: `/cases/${c.caseId}/${ask.step}`,
        reason: { rule: ask.rule, text: ask.text },
      });
    }
  }

  for (const t of input.transfers ?? []) {
    if (t.received) continue;
    const { date, basis } = addSchoolDays(day(t.sentAt), TRANSFER_RECEIPT_SCHOOL_DAYS, calendar);
    const caseId = t.caseIds[0];
    out.push({
      id: `transfer-receipt:${t.transferId}`,
      kind: 'transfer-receipt',
      caseId,
      reference: caseId ? references.get(caseId) : undefined,
      ...theirs(date),
      label: `Receipt of the transfer to ${t.to}`,
      link: caseId ? `/cases/${caseId}/transfer` : '/settings',
      reason: {
        rule: 'UKCIS.transfer',
        text: withBasis(
          `Sent on ${shown(t.sentAt)}. The file goes within ${TRANSFER_RECEIPT_SCHOOL_DAYS} school days, with confirmation of receipt: record the signed receipt the school sends back, or ring them.`,
          basis,
        ),
      },
    });
  }

  const hasCases = input.cases.length > 0;
  if (input.lastBackupAt === null && hasCases) {
    out.push({
      id: 'backup',
      kind: 'backup',
      ...yours(null),
      label: 'Make the first backup of these records',
      link: '/settings#backup',
      reason: {
        rule: 'SECURITY.10',
        text: 'If this tablet is lost or its storage is cleared, only a backup brings the records back.',
      },
    });
  } else if (input.lastBackupAt && hasCases) {
    const due = addCalendarDays(day(input.lastBackupAt), settings.backupMaxDays);
    const r = yours(due);
    if (r.severity !== 'waiting') {
      out.push({
        id: 'backup',
        kind: 'backup',
        ...r,
        label: 'Make a new backup',
        link: '/settings#backup',
        reason: {
          rule: 'SECURITY.10',
          text: `The last backup was made on ${shown(input.lastBackupAt)}. Make one at least every ${settings.backupMaxDays} days (set in Settings).`,
        },
      });
    }
  }

  // A review years away is not a reminder yet: listed from RETENTION_NOTICE_DAYS before its date.
  const noticeFrom = addCalendarDays(today, RETENTION_NOTICE_DAYS);
  for (const r of input.retentionReviews ?? []) {
    if (r.legalHold) continue;
    if (r.reviewDate === null) {
      if (!r.closed) continue;
      out.push({
        id: `retention-review:${r.caseId}`,
        kind: 'retention-review',
        caseId: r.caseId,
        reference: r.reference,
        ...yours(null),
        label: 'Set a retention review date',
        link: `/cases/${r.caseId}/retention`,
        reason: {
          rule: 'SEC.13',
          text: 'This closed case has no review date: a young person’s date of birth, age or year group is not recorded. Set the review date, so the record is reviewed when it is due and not kept without one.',
        },
      });
      continue;
    }
    if (r.reviewDate.slice(0, 10) > noticeFrom) continue;
    out.push({
      id: `retention-review:${r.caseId}`,
      kind: 'retention-review',
      caseId: r.caseId,
      reference: r.reference,
      ...yours(r.reviewDate.slice(0, 10)),
      label: 'Retention review',
      link: `/cases/${r.caseId}/retention`,
      reason: {
        rule: 'SEC.13',
        text: 'The record has reached its review date: review whether it is still needed, keep it with a reason, or destroy it with a second key holder. Nothing is deleted without that review.',
      },
    });
  }

  const role = input.role;
  const mine = role
    ? out.filter(
        (r) =>
          (r.kind !== 'backup' || may(role, 'export-backup')) &&
          (r.kind !== 'transfer-receipt' || may(role, 'transfer-case')),
      )
    : out;
  return mine.sort(compareReminders);
}

export interface ReminderCounts {
  overdue: number;
  soon: number;
  waiting: number;
  /** Overdue and due soon: the number on the home screen and the app badge. */
  attention: number;
}

export function reminderCounts(list: readonly Reminder[]): ReminderCounts {
  const overdue = list.filter((r) => r.severity === 'overdue').length;
  const soon = list.filter((r) => r.severity === 'soon').length;
  return { overdue, soon, waiting: list.length - overdue - soon, attention: overdue + soon };
}

/** How urgent a reminder is, as its tag says: overdue by its date, "act now" for what the policy asks at once (R6 act-now referral, R6.9 escalation), else by its group. */
export type ReminderUrgency = 'overdue' | 'act-now' | 'due-soon' | 'waiting';

export function reminderUrgency(r: Pick<Reminder, 'overdue' | 'severity' | 'kind'>): ReminderUrgency {
  if (r.overdue) return 'overdue';
  if (actsNow(r.kind)) return 'act-now';
  return r.severity === 'soon' ? 'due-soon' : 'waiting';
}
