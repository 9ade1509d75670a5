// "When did this happen?": every step records when it happened, as told, beside when it was entered.
import { TextInput } from '../components';
import { localInputToIso } from '../format';

export function OccurredAt({ value, onChange, id = 'occurred-at', label = 'When did this happen?' }: { value: string; onChange: (v: string) => void; id?: string; label?: string }) {
  return (
    <TextInput
      id={id}
      label={label}
      hint="Date and time. Leave as now if it is happening now."
      // datetime-local: the tablet's own date and time picker.
      {...({ type: 'datetime-local' } as object)}
      value={value}
      onChange={onChange}
      width="20"
    />
  );
}

/** The ISO instant for the field's value, or '' when it is not a valid date and time. */
export function occurredAtIso(local: string): string {
  return localInputToIso(local) ?? '';
}

/** A clear message at the field for a missing, invalid or future time (nothing is recorded). */
export function whenErrors(local: string, id = 'occurred-at', now = new Date()): { fieldId: string; text: string }[] {
  const iso = localInputToIso(local);
  if (!iso) return [{ fieldId: id, text: 'Enter the date and time it happened, for example 14/03/2026 09:30' }];
  if (Date.parse(iso) > now.getTime() + 5 * 60_000) return [{ fieldId: id, text: 'The time it happened cannot be in the future' }];
  if (Date.parse(iso) < Date.parse('2000-01-01')) return [{ fieldId: id, text: 'Enter a date after 1 January 2000' }];
  return [];
}
