// Textarea (GOV.UK pattern) for what the user was told, in their own words.
import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { describedBy, ErrorMessage, FormGroup, Hint, Label, textDirection, type LabelSize } from './parts';
import { TEXT_LIMIT, tooLongMessage } from './limits';

export interface TextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  labelSize?: LabelSize;
  isPageHeading?: boolean;
  /** The most characters the answer may hold; more shows "too long" at the field. */
  maxChars?: number;
}

export function Textarea({
  id,
  label,
  hint,
  error: givenError,
  value,
  onChange,
  labelSize,
  isPageHeading,
  rows = 5,
  name,
  maxChars = TEXT_LIMIT,
  ...rest
}: TextareaProps) {
  // A too-long answer is named at the field as it happens (and in the summary on submit).
  const error = givenError || tooLongMessage(value, maxChars);
  return (
    <FormGroup error={error}>
      <Label htmlFor={id} size={labelSize} isPageHeading={isPageHeading}>
        {label}
      </Label>
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={id} error={error} />
      <textarea
        {...rest}
        id={id}
        name={name ?? id}
        rows={rows}
        // Answers in Arabic or Hebrew read right to left (from the first letter, as dir="auto" would).
        dir={textDirection(value)}
        data-max-chars={maxChars}
        className={['app-textarea', error && 'app-textarea--error'].filter(Boolean).join(' ')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </FormGroup>
  );
}
