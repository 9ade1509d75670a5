// "When did this happen?": every step records when it happened, as told, beside when it was entered.
import { TextInput } from '../components';
import { localInputToIso } from '../format';
import { whenProblem } from '../../domain/validation';

export function OccurredAt({
  value,
  onChange,
  id = 'occurred-at',
  label = 'When did this happen?',
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  id?: string;
  label?: string;
  error?: string | undefined;
}) {
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
      error={error}
    />
  );
}

/** The ISO instant for the field's value, or '' when it is not a valid date and time. */
export function occurredAtIso(local: string): string {
  return localInputToIso(local) ?? '';
}

/**
 * A clear message at the field for a missing, invalid or future time, or one before `notBefore`
 * (e.g. the disclosure): the domain's rule (whenProblem); nothing is recorded.
 */
export function whenErrors(
  local: string,
  id = 'occurred-at',
  now = new Date(),
  notBefore?: { iso: string; what: string },
): { fieldId: string; text: string }[] {
  const text = whenProblem(localInputToIso(local), { now, notBefore });
  return text ? [{ fieldId: id, text }] : [];
}
