// Fieldset and legend (GOV.UK pattern): groups related controls under one question.
import type { ReactNode } from 'react';
import { describedBy, ErrorMessage, FormGroup, Hint, type LabelSize } from './parts';

export interface FieldsetProps {
  /** The group's id: the error summary links here and focus goes to its first control. */
  id: string;
  legend: ReactNode;
  legendSize?: LabelSize;
  /** The legend is the page's h1 (a question page asks one thing). */
  isPageHeading?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}

export function Fieldset({
  id,
  legend,
  legendSize = 'm',
  isPageHeading = false,
  hint,
  error,
  children,
}: FieldsetProps) {
  return (
    <FormGroup error={error}>
      <fieldset id={id} className="app-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`app-fieldset__legend app-fieldset__legend--${legendSize}`}>
          {isPageHeading ? <h1 className="app-fieldset__heading">{legend}</h1> : legend}
        </legend>
        <Hint id={id}>{hint}</Hint>
        <ErrorMessage id={id} error={error} />
        {children}
      </fieldset>
    </FormGroup>
  );
}
