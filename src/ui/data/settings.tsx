// The establishment's settings as the screens read them (names, phones, wording). The storage
// layer loads and saves them; until set-up, the template's defaults from the policy apply.
import { createContext, useContext } from 'react';
import {
  DEFAULT_REMINDER_SETTINGS,
  DEFAULT_RETENTION_YEARS,
  type ReminderSettings,
} from '../../domain/settingsDefaults';
import type { Term } from '../../domain/schoolDays';

export type EstablishmentType = 'school' | 'college' | 'setting';

export interface Contact {
  name: string;
  phone: string;
}

export interface PublicSettings {
  establishmentName: string;
  establishmentType: EstablishmentType;
  dsl: Contact;
  deputies: Contact[];
  headteacher: Contact;
  chairOfGovernors: Contact;
  mashName: string;
  mashPhone: string;
  ladoName: string;
  ladoPhone: string;
  policeNonEmergency: string;
  policeEmergency: string;
  riskTools: string[];
  /** Auto-lock after this many idle minutes (1-30; docs/SECURITY.md item 6). */
  idleMinutes: number;
  /** Term dates and INSET or closure days, for counting school days (issue 7). */
  schoolCalendar: { terms: Term[]; closures: string[] };
  /** When a referral without outcome, or an old backup, becomes a reminder. */
  reminders: ReminderSettings;
  /** docs/SECURITY.md item 13: review at the youngest child's birthday after this many years (default 25). */
  retentionYears: number;
}

/** The template's placeholders (RULES.md "Placeholders the establishment fills in"). */
export const DEFAULT_SETTINGS: PublicSettings = {
  establishmentName: 'Our school',
  establishmentType: 'school',
  dsl: { name: 'the Designated Safeguarding Lead', phone: '' },
  deputies: [],
  headteacher: { name: 'the Headteacher', phone: '' },
  chairOfGovernors: { name: 'the chair of governors', phone: '' },
  mashName: 'Wolverhampton MASH',
  mashPhone: '01902 555392',
  ladoName: 'LADO',
  ladoPhone: '',
  policeNonEmergency: '101',
  policeEmergency: '999',
  riskTools: [
    'WSCB Risk Assessment Matrix',
    'CSE guidance',
    'Thresholds of Support',
    'Working with Sexually Active Young People Under 18 Protocol',
    'Child Abuse and ICT',
    'Brook Traffic Light tool',
  ],
  idleMinutes: 5,
  schoolCalendar: { terms: [], closures: [] },
  reminders: DEFAULT_REMINDER_SETTINGS,
  retentionYears: DEFAULT_RETENTION_YEARS,
};

/** The establishment's own words: "pupil" or "student", "school" or "college" (R1.4). */
export function wording(type: EstablishmentType) {
  return type === 'college'
    ? { place: 'college', pupil: 'student', pupils: 'students' }
    : type === 'setting'
      ? { place: 'setting', pupil: 'child', pupils: 'children' }
      : { place: 'school', pupil: 'pupil', pupils: 'pupils' };
}

export const SettingsContext = createContext<PublicSettings>(DEFAULT_SETTINGS);

export function useSettings(): PublicSettings {
  return useContext(SettingsContext);
}

/** A phone number as typed: digits, spaces, brackets, dashes, an optional leading +; empty is allowed. */
export function isPhoneNumber(v: string): boolean {
  return v.trim() === '' || /^[+\d][\d ()-]{2,19}$/.test(v.trim());
}
