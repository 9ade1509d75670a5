// Textarea (GOV.UK pattern) for what the user was told, in their own words.
import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { describedBy, ErrorMessage, FormGroup, Hint, Label, type LabelSize } from './parts';

export interface TextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  labelSize?: LabelSize;
  isPageHeading?: boolean;
}

export function Textarea({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  labelSize,
  isPageHeading,
  rows = 5,
  name,
  ...rest
}: TextareaProps) {
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
        className={['app-textarea', error && 'app-textarea--error'].filter(Boolean).join(' ')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </FormGroup>
  );
}
