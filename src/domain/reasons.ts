// A decision is never bare: it carries its reasons, each citing a rule of the policy.
import { RULES, type QuoteSource, type ReadingId, type RuleId } from './rules/catalogue';

/**
 * The answer a reason is about, named as the step (the event draft) names it, so a screen places the
 * message at that answer's field by this name, never by the wording. Each form lists the fields it
 * shows (test/unit/architecture/fields.test.tsx checks every field a step's reasons can name is on
 * the form that records that step). A reason about the case as a whole has no field.
 */
export const REASON_FIELDS = [
  // Shared across steps.
  'reason',
  'to',
  'summary',
  'text',
  'signature',
  // disclosure.recorded
  'disclosedBy',
  'disclosedTo',
  'account',
  'persons',
  // review.decided
  'attendees',
  'rationale',
  'typologyReason',
  'noConsentReconsidered',
  'routes',
  'routeReason',
  // referral.outcome, risk.assessed, conversation.recorded, parents.recorded
  'outcome',
  'tool',
  'conductedBy',
  'personId',
  'agreedWith',
  // viewing.justified
  'grounds',
  'factsNotFromYoungPeople',
  'safeguards.noSignificantDistress',
  'safeguards.discussedWithHeadteacher',
  'safeguards.viewerAuthorised',
  'safeguards.secondStaffPresent',
  'safeguards.onPremises',
  'safeguards.sameSexWherePossible',
  'safeguards.noCopyPrintShare',
  // viewing.recorded
  'viewer',
  'why',
  'actions',
  'witness',
  'viewerSignature',
  'witnessSignature',
  // branches.merged
  'reconciliation',
  // same-incident.recorded (and 'reason')
  'carriedOver',
  // signoff.signed
  'inPlaceOfHeadteacher',
  // deletion.planned, deletion.confirmed
  'deadline',
  'items',
  'items.where',
  'items.personId',
  'illegalityReminderGiven',
  'how',
  // device.secured, device.collected
  'description',
  'switchedOff',
  'lockedAway',
  'collectedBy',
  // removal.reported
  'note',
  // retention: retention.date-set, retention.reviewed, and a destruction's second key holder
  'reviewDate',
  'keepUntil',
  'second',
  // issue 11: an override's consultation, why an answer is set back, advice from an agency, a refusal to delete
  'consultation',
  'changeReason',
  'who',
  'advice',
] as const;
export type ReasonField = (typeof REASON_FIELDS)[number];

export interface Reason {
  rule: RuleId;
  /** The answer this reason is about, when it is about one (see REASON_FIELDS). */
  field?: ReasonField;
  /** One plain-English sentence a DSL can read out. */
  text: string;
  /** The rule's short quote (the catalogue's), in the words quoteFrom says. */
  quote: string;
  /** Whose words the quote is: the policy's own, the rules digest's, national guidance's, or the app's. */
  quoteFrom: QuoteSource;
  /** Set when a labelled reading, not the source's letter, made the difference. */
  reading?: ReadingId;
  /** Set when the reason rests on an answer that is not known yet, with what it could change. */
  unknown?: boolean;
}

export function reason(
  rule: RuleId,
  text: string,
  extra: { reading?: ReadingId; unknown?: boolean; field?: ReasonField } = {},
): Reason {
  const entry = RULES[rule];
  const r: Reason = { rule, text, quote: entry.quote, quoteFrom: entry.quoteFrom };
  if (extra.field) r.field = extra.field;
  if (extra.reading) r.reading = extra.reading;
  if (extra.unknown) r.unknown = true;
  return r;
}

/** A gate says whether an action is allowed, and always why. */
export interface Explanation {
  allowed: boolean;
  /** Why it is allowed, or each thing that stands in the way. */
  reasons: Reason[];
}

export function allow(...reasons: Reason[]): Explanation {
  return { allowed: true, reasons };
}

export function refuse(...reasons: Reason[]): Explanation {
  return { allowed: false, reasons };
}

/** Combine checks: allowed only when every blocking reason list is empty. */
export function gate(blockers: Reason[], whenAllowed: Reason): Explanation {
  return blockers.length > 0 ? refuse(...blockers) : allow(whenAllowed);
}
