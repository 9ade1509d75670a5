// Error summary (GOV.UK pattern): at the top of the page after a failed submit, takes focus so
// it is read out, and each error links to its field.
import { useEffect, useRef } from 'react';
import { AppLink } from './AppLink';

export interface FormError {
  /** The id of the field (or of a radios / date group). */
  fieldId: string;
  text: string;
  /** When the field is on another page of the same form (e.g. an earlier part of the review): that page's address. */
  href?: string;
}

export interface ErrorSummaryProps {
  errors: FormError[];
  title?: string;
  /** Change it (e.g. a submit counter) to move focus back here after another failed submit. */
  focusKey?: unknown;
}

const FOCUSABLE = 'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])';

/** Focuses the field an error is about and brings its label or legend into view. */
export function focusField(fieldId: string): boolean {
  const target = document.getElementById(fieldId);
  if (!target) return false;
  const control = target.matches(FOCUSABLE) ? target : target.querySelector<HTMLElement>(FOCUSABLE);
  if (!control) return false;
  const legend = control.closest('fieldset')?.querySelector('legend');
  const label = (control as HTMLInputElement).labels?.[0];
  // A question's legend says what is being asked; scroll to it rather than to a lone radio.
  (legend ?? label ?? control).scrollIntoView?.({ block: 'start' });
  control.focus({ preventScroll: true });
  return true;
}

export function ErrorSummary({ errors, title = 'There is a problem', focusKey }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const hasErrors = errors.length > 0;

  useEffect(() => {
    if (hasErrors) ref.current?.focus();
  }, [hasErrors, focusKey]);

  if (!hasErrors) return null;
  return (
    <div className="app-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="app-error-summary__title">{title}</h2>
        <ul className="app-error-summary__list">
          {errors.map((error) => (
            <li key={`${error.fieldId}:${error.text}`}>
              {error.href ? (
                <AppLink className="app-error-summary__link" href={`${error.href}#${error.fieldId}`}>
                  {error.text}
                </AppLink>
              ) : (
                <a
                  className="app-error-summary__link"
                  href={`#${error.fieldId}`}
                  onClick={(event) => {
                    if (focusField(error.fieldId)) event.preventDefault();
                  }}
                >
                  {error.text}
                </a>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
