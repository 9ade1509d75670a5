// Select (GOV.UK pattern). Prefer radios for fewer than about eight options.
import type { ReactNode, SelectHTMLAttributes } from 'react';
import { describedBy, ErrorMessage, FormGroup, Hint, Label, type LabelSize } from './parts';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  options: SelectOption[];
  value: string;
  onChange: (value: string) => void;
  labelSize?: LabelSize;
}

export function Select({ id, label, hint, error, options, value, onChange, labelSize, name, ...rest }: SelectProps) {
  return (
    <FormGroup error={error}>
      <Label htmlFor={id} size={labelSize}>
        {label}
      </Label>
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={id} error={error} />
      <select
        {...rest}
        id={id}
        name={name ?? id}
        className={['app-select', error && 'app-select--error'].filter(Boolean).join(' ')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
