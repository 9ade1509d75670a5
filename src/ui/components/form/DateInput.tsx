// Date input (GOV.UK pattern): day, month and year as three boxes, which people type faster and
// more accurately than they pick from a calendar. Parsing and checking the date is the caller's.
import type { ReactNode } from 'react';
import { Fieldset } from './Fieldset';
import type { LabelSize } from './parts';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DatePart = keyof DateParts;

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

export interface DateInputProps {
  /** The fieldset's id: the error summary links here; focus goes to the day box. */
  id: string;
  legend: ReactNode;
  legendSize?: LabelSize;
  isPageHeading?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  /** Which boxes the error is about (all three when omitted). */
  errorParts?: DatePart[];
  value: DateParts;
  onChange: (value: DateParts) => void;
}

const PARTS: { part: DatePart; label: string; width: '2' | '4' }[] = [
  { part: 'day', label: 'Day', width: '2' },
  { part: 'month', label: 'Month', width: '2' },
  { part: 'year', label: 'Year', width: '4' },
];

export function DateInput({ id, value, onChange, error, errorParts, ...fieldset }: DateInputProps) {
  return (
    <Fieldset id={id} error={error} {...fieldset}>
      <div className="app-date-input">
        {PARTS.map(({ part, label, width }) => {
          const inputId = `${id}-${part}`;
          const hasError = Boolean(error) && (errorParts === undefined || errorParts.includes(part));
          return (
            <div key={part} className="app-date-input__item">
              <label className="app-label app-date-input__label" htmlFor={inputId}>
                {label}
              </label>
              <input
                id={inputId}
                name={inputId}
                className={['app-input', `app-input--width-${width}`, hasError && 'app-input--error']
                  .filter(Boolean)
                  .join(' ')}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={value[part]}
                onChange={(event) => onChange({ ...value, [part]: event.target.value })}
                aria-invalid={hasError ? true : undefined}
              />
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
