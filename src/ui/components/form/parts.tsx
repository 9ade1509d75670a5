// The pieces every form control shares: the group, label, hint and inline error message, and
// the aria-describedby wiring between them (GOV.UK form-group pattern).
import type { ReactNode } from 'react';
import { VisuallyHidden } from '../VisuallyHidden';

export type LabelSize = 'l' | 'm' | 's';

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

// The first letter of a right-to-left script (Arabic, Hebrew, Syriac, Thaana, N'Ko, Samaritan,
// Mandaic, Adlam), or of any other script.
const FIRST_LETTER = /\p{L}/u;
const RTL_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;

/**
 * The direction a typed answer reads in, from its first letter: what dir="auto" decides, worked
 * out here because Chromium lays out a long dir="auto" field (plaintext bidi) many times slower
 * (a 1 MB answer: about 8 s against under 1 s).
 */
export function textDirection(value: string): 'rtl' | 'ltr' {
  const first = FIRST_LETTER.exec(value)?.[0];
  return first !== undefined && RTL_LETTER.test(first) ? 'rtl' : 'ltr';
}

/** The ids a control is described by: its hint, then its error. Undefined when there are none. */
export function describedBy(
  id: string,
  hint: ReactNode,
  error: string | undefined,
  extra?: string,
): string | undefined {
  const ids = [extra, hint !== undefined && hint !== null && hintId(id), error && errorId(id)].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FormGroup({
  error,
  children,
  className,
}: {
  error?: string | undefined;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={['app-form-group', error && 'app-form-group--error', className].filter(Boolean).join(' ')}>
      {children}
    </div>
  );
}

export function Label({
  htmlFor,
  size,
  isPageHeading = false,
  children,
}: {
  htmlFor: string;
  size?: LabelSize | undefined;
  isPageHeading?: boolean | undefined;
  children: ReactNode;
}) {
  const className = ['app-label', size && `app-label--${size}`].filter(Boolean).join(' ');
  const label = (
    <label className={className} htmlFor={htmlFor}>
      {children}
    </label>
  );
  return isPageHeading ? <h1 className="app-label-wrapper">{label}</h1> : label;
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  if (children === undefined || children === null) return null;
  return (
    <div id={hintId(id)} className="app-hint">
      {children}
    </div>
  );
}

export function ErrorMessage({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p id={errorId(id)} className="app-error-message">
      <VisuallyHidden>Error:</VisuallyHidden> {error}
    </p>
  );
}
