// Text input (GOV.UK pattern) with its label, hint and inline error.
import type { InputHTMLAttributes, ReactNode } from 'react';
import { describedBy, ErrorMessage, FormGroup, Hint, Label, type LabelSize } from './parts';

export type InputWidth = 'full' | '20' | '10' | '5' | '4' | '3' | '2';

export interface TextInputProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'type' | 'width'> {
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
}

export function TextInput({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  type = 'text',
  width = 'full',
  labelSize,
  isPageHeading,
  name,
  ...rest
}: TextInputProps) {
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
