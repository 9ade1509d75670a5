// Text input (GOV.UK pattern) with its label, hint and inline error.
import type { InputHTMLAttributes, ReactNode } from 'react';
import { describedBy, ErrorMessage, FormGroup, Hint, Label, textDirection, type LabelSize } from './parts';
import { SHORT_TEXT_LIMIT, tooLongMessage } from './limits';

export type InputWidth = 'full' | '20' | '10' | '5' | '4' | '3' | '2';

export interface TextInputProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'type' | 'width'
> {
  /** Also the target of the error summary's link. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'search' | 'url' | 'password' | 'time';
  width?: InputWidth;
  labelSize?: LabelSize;
  isPageHeading?: boolean;
  /** The most characters the answer may hold; more shows "too long" at the field (default: a short answer). */
  maxChars?: number;
}

export function TextInput({
  id,
  label,
  hint,
  error: givenError,
  value,
  onChange,
  type = 'text',
  width = 'full',
  labelSize,
  isPageHeading,
  name,
  maxChars = SHORT_TEXT_LIMIT,
  ...rest
}: TextInputProps) {
  // A too-long answer is named at the field as it happens (and in the summary on submit).
  const error = givenError || (type === 'password' ? undefined : tooLongMessage(value, maxChars));
  return (
    <FormGroup error={error}>
      <Label htmlFor={id} size={labelSize} isPageHeading={isPageHeading}>
        {label}
      </Label>
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={id} error={error} />
      <input
        {...rest}
        id={id}
        name={name ?? id}
        type={type}
        // Names and answers in any script read in their own direction (Arabic, Hebrew, Urdu).
        dir={type === 'text' || type === 'search' ? textDirection(value) : undefined}
        data-max-chars={type === 'password' ? undefined : maxChars}
        className={['app-input', width !== 'full' && `app-input--width-${width}`, error && 'app-input--error']
          .filter(Boolean)
          .join(' ')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </FormGroup>
  );
}
