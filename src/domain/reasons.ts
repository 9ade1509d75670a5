// A decision is never bare: it carries its reasons, each citing a rule of the policy.
import { RULES, type ReadingId, type RuleId } from './rules/catalogue';

export interface Reason {
  rule: RuleId;
  /** One plain-English sentence a DSL can read out. */
  text: string;
  /** A short quote of the source. */
  quote: string;
  /** Set when a labelled reading, not the source's letter, made the difference. */
  reading?: ReadingId;
  /** Set when the reason rests on an answer that is not known yet, with what it could change. */
  unknown?: boolean;
}

export function reason(rule: RuleId, text: string, extra: { reading?: ReadingId; unknown?: boolean } = {}): Reason {
  const r: Reason = { rule, text, quote: RULES[rule].quote };
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
