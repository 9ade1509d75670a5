// A decision is never bare: it carries its reasons, each citing a rule of the policy.
import { RULES, type QuoteSource, type ReadingId, type RuleId } from './rules/catalogue';

export interface Reason {
  rule: RuleId;
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

export function reason(rule: RuleId, text: string, extra: { reading?: ReadingId; unknown?: boolean } = {}): Reason {
  const entry = RULES[rule];
  const r: Reason = { rule, text, quote: entry.quote, quoteFrom: entry.quoteFrom };
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
