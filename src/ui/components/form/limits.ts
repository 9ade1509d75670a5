// How long a typed answer may be (the domain's limits), checked where the person types: each text
// field shows "too long" at itself, and a form about to save asks `tooLongFieldErrors` for the
// summary, so a 1 MB paste gets a clear message and nothing is stored.
import { SHORT_TEXT_LIMIT, TEXT_LIMIT, textTooLong } from '../../../domain/validation';
import type { FormError } from '../ErrorSummary';

export { SHORT_TEXT_LIMIT, TEXT_LIMIT };

/** The inline message for a field holding `value` with the given limit, or undefined. */
export function tooLongMessage(value: string, limit: number): string | undefined {
  return textTooLong(value, limit) ?? undefined;
}

/**
 * Every text field on the page (or under `root`) that holds more than its limit, as error-summary
 * entries linked to the field. Fields opt in through `data-max-chars` (TextInput and Textarea do).
 */
export function tooLongFieldErrors(root: ParentNode = document): FormError[] {
  const out: FormError[] = [];
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    'input[data-max-chars], textarea[data-max-chars]',
  )) {
    const limit = Number(el.dataset.maxChars);
    const text = Number.isFinite(limit) ? textTooLong(el.value, limit) : null;
    if (!text || !el.id) continue;
    const label = el.labels?.[0]?.textContent?.trim();
    out.push({ fieldId: el.id, text: label ? `${label}: ${text}` : text });
  }
  return out;
}

/** Errors for the summary: the form's own, then any too-long field it did not already name. */
export function withTooLong(errors: FormError[], root?: ParentNode): FormError[] {
  const named = new Set(errors.map((e) => e.fieldId));
  return [...errors, ...tooLongFieldErrors(root).filter((e) => !named.has(e.fieldId))];
}
