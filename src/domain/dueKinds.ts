// The kinds of thing a case can owe by a date or at once, and which of them call for action now.
// A small module of its own so that reminders (read on the first screen's path) need none of the
// case summary's rules.

export type DueKind =
  | 'deletion-deadline'
  | 'unsigned-decision'
  | 'referral-outcome'
  | 'device-collection'
  | 'escalation'
  | 'new-decision'
  | 'act-now'
  | 'liaison';

/**
 * What is owed now, not by a date: a referral the policy asks for at once (R6, R4.5: an act-now
 * route, owed.ts's 'act-now' items) or an escalation not yet answered (R6.9). Screens show these as
 * "Act now", never as merely due.
 */
const ACT_NOW_KINDS: ReadonlySet<string> = new Set<DueKind>(['act-now', 'escalation']);

/** Does this due item (or a reminder of this kind) call for action now (R6, R6.9)? */
export function actsNow(kind: string): boolean {
  return ACT_NOW_KINDS.has(kind);
}
