// What each of a case's due items (summary.ts dueItems) asks as a reminder: when it is due, the step
// of the case where it is done, and the rule that asks for it, in the words the reminder shows.
import type { DueItem } from './summary';
import type { ReminderRule, Timing } from './reminders';
import { addSchoolDays, basisNote, type CountBasis, type SchoolCalendar } from './schoolDays';
import type { ReminderSettings } from './settingsDefaults';

export function withBasis(text: string, basis: CountBasis): string {
  const note = basisNote(basis);
  return note ? `${text} ${note}` : text;
}

export interface DueContext {
  /** Something you do: overdue once its date passes, due soon within a few days, else waiting. */
  yours: (due: string | null) => Timing;
  /** Something in others' hands: waiting until its date passes, then overdue. */
  theirs: (due: string | null) => Timing;
  /** An ISO instant as the reader expects a day in a reason. */
  shown: (iso: string) => string;
  /** An ISO instant as a local calendar date. */
  day: (iso: string) => string;
  settings: ReminderSettings;
  calendar: SchoolCalendar;
}

export interface DueAsk {
  timing: Timing;
  /** The case's step where it is done (the end of its link). */
  step: string;
  rule: ReminderRule;
  text: string;
}

export function caseDueAsk(d: DueItem, x: DueContext): DueAsk {
  switch (d.kind) {
    case 'deletion-deadline':
      return {
        timing: x.yours(d.due ? d.due.slice(0, 10) : null),
        step: 'deletion',
        rule: 'R12.3',
        text: 'Young people were given a deadline to delete the imagery and confirm it. Record each confirmation, or follow up.',
      };
    case 'unsigned-decision':
      return {
        timing: x.yours(null),
        step: 'sign-off',
        rule: 'R14.3',
        text: `A decision not to refer${d.since ? `, recorded on ${x.shown(d.since)},` : ''} is signed off by the Headteacher. Sign-off never delays urgent action.`,
      };
    case 'referral-outcome': {
      if (!d.since)
        return {
          timing: x.theirs(null),
          step: 'referrals',
          rule: 'R14.2',
          text: 'Follow up the agency and record the outcome. The date of this referral shows here once the case is next updated.',
        };
      const n = x.settings.referralOutcomeSchoolDays;
      const { date, basis } = addSchoolDays(x.day(d.since), n, x.calendar);
      return {
        timing: x.theirs(date),
        step: 'referrals',
        rule: 'R14.2',
        text: withBasis(
          `Referred on ${x.shown(d.since)}. Follow up the agency if no outcome is recorded within ${n} school day${n === 1 ? '' : 's'} (the number is set in Settings).`,
          basis,
        ),
      };
    }
    case 'escalation':
      return {
        timing: x.yours(null),
        step: 'referrals',
        rule: 'R6.9',
        text: "The case was escalated: make the referral now, or record a decision against it with its reason, the agency consulted and the Headteacher's sign-off.",
      };
    case 'new-decision':
      return {
        timing: x.yours(null),
        step: 'review',
        rule: 'R6.9',
        text: 'The facts have changed since the decision: record a new decision before the case is closed or anything is deleted.',
      };
    case 'act-now':
      return {
        timing: x.yours(null),
        step: d.step ?? 'referrals',
        rule: d.rule ?? 'R4.5',
        text: "The policy asks for this referral now: make it, or record a decision against it with the agency consulted and the Headteacher's sign-off.",
      };
    case 'liaison':
      return {
        timing: x.yours(null),
        step: d.step ?? 'referrals',
        rule: d.rule ?? 'R7.4',
        text: 'The policy recommends this contact: record who you spoke to and what they advised before the case is closed.',
      };
    case 'device-collection':
      return {
        timing: x.theirs(null),
        step: 'devices',
        rule: 'R10.2',
        text: `The device stays switched off and locked away until the police collect it${d.since ? ` (secured on ${x.shown(d.since)})` : ''}. Record the collection.`,
      };
  }
}
