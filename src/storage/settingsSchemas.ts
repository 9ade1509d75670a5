// The shape of the establishment's settings as stored: contacts, the school calendar and the reminder limits.
import { z } from 'zod';
// First: zod's no-code-generation setting (for the CSP) comes before any schema here is built.
import './primitiveSchemas';
import { termDateProblems } from '../domain/schoolDays';
import { REMINDER_LIMITS } from '../domain/reminders';

const Phone = z.string().trim().max(40);

const Name = z.string().trim().min(1).max(200);

export const ContactSchema = z.strictObject({ name: Name, phone: Phone });

const OptionalPhoneContact = z.strictObject({ name: Name, phone: Phone.optional() });

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date (YYYY-MM-DD)');

/** Term dates for counting school days (issue 7): real dates, each end after its start, no overlaps. */
export const SchoolCalendarSchema = z
  .strictObject({
    terms: z.array(z.strictObject({ start: IsoDate, end: IsoDate })).max(60),
    closures: z.array(IsoDate).max(200),
  })
  .superRefine((cal, ctx) => {
    for (const p of termDateProblems(cal.terms, cal.closures)) {
      ctx.addIssue({
        code: 'custom',
        path: p.field === 'closure' ? ['closures', p.index] : ['terms', p.index, p.field],
        message: p.message,
      });
    }
  });

const limit = (l: { min: number; max: number }) => z.number().int().min(l.min).max(l.max);

export const ReminderSettingsSchema = z.strictObject({
  referralOutcomeSchoolDays: limit(REMINDER_LIMITS.referralOutcomeSchoolDays),
  backupMaxDays: limit(REMINDER_LIMITS.backupMaxDays),
});

/**
 * The public settings: what the lock screen shows before anyone unlocks (who to tell, who to ring).
 * A school publishes all of it in its safeguarding policy, so it is stored in the clear, with a MAC
 * checked after unlock so an edit by someone without a key shows.
 */
export const PublicSettingsSchema = z.strictObject({
  establishment: z.strictObject({ name: Name, type: z.enum(['school', 'college', 'other']) }),
  dsl: ContactSchema,
  deputies: z.array(ContactSchema).max(20),
  headteacher: OptionalPhoneContact.optional(),
  chairOfGovernors: OptionalPhoneContact.optional(),
  mash: ContactSchema,
  lado: ContactSchema.optional(),
  police: z.strictObject({
    emergency: Phone,
    nonEmergency: Phone,
    other: z
      .array(z.strictObject({ label: Name, phone: Phone }))
      .max(10)
      .optional(),
  }),
  /** Local risk tools offered at the risk assessment (defaults: RULES.md). */
  riskTools: z.array(Name).max(20).optional(),
  /** Auto-lock after this many idle minutes (1-30; no "never", docs/SECURITY.md item 6). */
  idleMinutes: z.number().int().min(1).max(30).optional(),
  /** Term dates and INSET days, for "within 5 school days" (published by the school, so public). */
  schoolCalendar: SchoolCalendarSchema.optional(),
  /** When a referral without outcome, or an old backup, becomes a reminder. */
  reminders: ReminderSettingsSchema.optional(),
  /** docs/SECURITY.md item 13: cases are reviewed at the youngest child's birthday after this many years (default 25). */
  retentionYears: z.number().int().min(18).max(100).optional(),
});

export type PublicSettings = z.infer<typeof PublicSettingsSchema>;
