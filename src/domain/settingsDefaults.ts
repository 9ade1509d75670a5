// The defaults and limits of the establishment's settings that the domain decides, in a module of
// their own so the page frame can read them without loading the rules (issue 6: first load).

/** docs/SECURITY.md item 13: review at the youngest child's birthday after this many years. */
export const DEFAULT_RETENTION_YEARS = 25;
export const MIN_RETENTION_YEARS = 18;
export const MAX_RETENTION_YEARS = 100;

export interface ReminderSettings {
  /** A referral with no outcome recorded after this many school days is a reminder (R14.2). */
  referralOutcomeSchoolDays: number;
  /** The last backup is old after this many days (docs/SECURITY.md item 10). */
  backupMaxDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { referralOutcomeSchoolDays: 5, backupMaxDays: 14 };
export const REMINDER_LIMITS = {
  referralOutcomeSchoolDays: { min: 1, max: 30 },
  backupMaxDays: { min: 1, max: 90 },
} as const;
