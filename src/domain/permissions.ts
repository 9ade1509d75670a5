// Owns who may do what: the one table of roles and their permissions. The machine (which events a
// role records), storage's role check (src/storage/keys/session.ts) and every screen ask `may`; no other
// file lists roles. R4.1 (the DSL leads the response), R14.3 (the Headteacher signs off a decision
// not to refer), docs/SECURITY.md (only the DSL or a deputy manages keys, backups and destruction).
import type { CaseEventType } from './events';
import { ROLE_LABELS } from './stages';
import type { Role } from './types';

/** What the establishment does outside a single case's steps. */
export type EstablishmentAction =
  /** Add or remove key holders, reset another's passphrase, replace the recovery key. */
  | 'manage-key-holders'
  | 'change-settings'
  | 'set-signing-certificate'
  | 'export-backup'
  /** Accept a disclosure from the staff inbox as a new case. */
  | 'accept-disclosure'
  /** Transfer a case to another establishment, receive one, record a receipt. */
  | 'transfer-case'
  /** Destroy a closed case past its review date (with a second key holder). */
  | 'destroy-case'
  /** Be the second key holder who agrees to a destruction. */
  | 'agree-to-destruction'
  /** Sign off a decision not to refer in one's own right, not in the Headteacher's place (R14.3). */
  | 'sign-off-as-headteacher'
  /** Lock a lost or stolen tablet out of the school's sync server (docs/SYNC.md, "Revoking a tablet"). */
  | 'revoke-tablet';

/** Recording one kind of event on a case. */
export type RecordAction = `record:${CaseEventType}`;

export type Action = EstablishmentAction | RecordAction;

type Grants = {
  /** Leads the response (R4.1): an establishment is set up with one. */
  leads: boolean;
  /** Holds a key to the records (signs in on this device); staff only write to the sealed inbox. */
  holdsKey: boolean;
  records: 'every' | readonly CaseEventType[];
  may: readonly EstablishmentAction[];
};

const MANAGE: readonly EstablishmentAction[] = [
  'manage-key-holders',
  'change-settings',
  'set-signing-certificate',
  'export-backup',
  'accept-disclosure',
  'transfer-case',
  'destroy-case',
  'agree-to-destruction',
  'revoke-tablet',
];

/** The table. */
const PERMISSIONS: Record<Role, Grants> = {
  // R4.1: the DSL and deputies record the whole response and manage the establishment.
  dsl: { leads: true, holdsKey: true, records: 'every', may: MANAGE },
  'deputy-dsl': { leads: false, holdsKey: true, records: 'every', may: MANAGE },
  // R14.3: the Headteacher reads every case, signs off a decision not to refer, adds notes, and
  // can be the second key holder for a destruction. Any key holder may merge two tablets' branches
  // (docs/SYNC.md): it changes nothing recorded, it says how the two were reconciled; so may any key
  // holder record that two cases of one disclosure are the same incident (src/domain/sameIncident.ts),
  // which changes nothing recorded in either. Any key holder
  // may revoke a lost tablet: it is urgent, protective, logged, and IT can undo it.
  headteacher: {
    leads: false,
    holdsKey: true,
    records: ['signoff.signed', 'note.added', 'branches.merged', 'same-incident.recorded'],
    may: ['agree-to-destruction', 'sign-off-as-headteacher', 'revoke-tablet'],
  },
  // Staff tell the DSL: a disclosure through the sealed inbox, nothing else.
  staff: { leads: false, holdsKey: false, records: ['disclosure.recorded'], may: [] },
};

/** True if `role` may do `action`. */
export function may(role: Role, action: Action): boolean {
  const grants = PERMISSIONS[role];
  if (action.startsWith('record:')) {
    const type = action.slice('record:'.length) as CaseEventType;
    return grants.records === 'every' || grants.records.includes(type);
  }
  return grants.may.includes(action as EstablishmentAction);
}

/** May `role` record an event of this type? */
export function mayRecord(role: Role, type: CaseEventType): boolean {
  return may(role, `record:${type}`);
}

const WHO: Record<Role, string> = {
  dsl: 'the DSL',
  'deputy-dsl': 'a deputy',
  headteacher: 'the Headteacher',
  staff: 'a member of staff',
};
const ROLES = Object.keys(PERMISSIONS) as Role[];

/** Who may do `action`, in words: "the DSL or a deputy". */
export function whoMay(action: Action): string {
  const names = ROLES.filter((r) => may(r, action)).map((r) => WHO[r]);
  if (names.length <= 1) return names[0] ?? 'nobody';
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
}

/** The rule a refusal cites and what to do instead, for a role that may not record a step of this type. */
export function refusalFor(role: Role, type: CaseEventType): { rule: 'R4.1' | 'R14.3'; instead: string } {
  // A key holder is sent to whoever records the step; staff, who hold no key, tell the DSL in person.
  const instead = PERMISSIONS[role].holdsKey
    ? `${capitalise(whoMay(`record:${type}`))} records this.`
    : 'Tell the DSL in person now.';
  // R14.3 is the Headteacher's part of the response (sign-off); every other refusal is R4.1 (the DSL leads).
  return { rule: may(role, 'sign-off-as-headteacher') ? 'R14.3' : 'R4.1', instead };
}

/** "As Deputy DSL you cannot export a backup. The DSL or a deputy does this." */
export function refusedText(role: Role, action: Action, what: string): string {
  return `As ${ROLE_LABELS[role]} you cannot ${what}. ${capitalise(whoMay(action))} does this.`;
}

/** True for the role that leads the response (R4.1): the Designated Safeguarding Lead. */
export function leads(role: Role): boolean {
  return PERMISSIONS[role].leads;
}

/** True for the roles that hold a key to the records (everyone but staff). */
export function holdsKey(role: Role): boolean {
  return PERMISSIONS[role].holdsKey;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
