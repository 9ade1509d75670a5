// Places the domain's reasons at the form's fields by each reason's `field`, never by its wording.
import type { Reason, ReasonField } from '../../domain/reasons';
import type { FormError } from '../components';

/**
 * Where a form shows each answer the domain's reasons can name: the reason's `field` to the id of
 * the element the error summary links to (or, for a list, a function choosing the row). A form
 * exports its map; test/unit/architecture/fields.test.tsx checks it against the domain and the page.
 */
export type FieldIds = Partial<Record<ReasonField, string | ((r: Reason) => string)>>;

/** The element a reason is placed at: its field's id on this form, else `fallback` (a reason about the whole case). */
export function fieldIdFor(fields: FieldIds, r: Reason, fallback = 'main-content'): string {
  const to = r.field === undefined ? undefined : fields[r.field];
  return typeof to === 'function' ? to(r) : (to ?? fallback);
}

/** Turn the domain's reasons into error-summary entries, each linked to the field it is about. */
export function reasonsToErrors(reasons: Reason[], fields: FieldIds, fallback = 'main-content'): FormError[] {
  return reasons.map((r) => ({ fieldId: fieldIdFor(fields, r, fallback), text: `${r.text} (${r.rule})` }));
}
