// A passphrase field that can be pasted into (WCAG 3.3.8) and shown, with its strength.
import { useEffect, useRef, useState } from 'react';
import { ErrorMessage, FormGroup, Hint, Label } from '../components';
import { checkPassphrase, type Strength } from './strength';

export interface PassphraseInputProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  /** Show strength feedback (when setting a passphrase, not when unlocking). */
  measure?: { userInputs: string[]; onStrength: (s: Strength | null) => void };
  autoComplete?: 'new-password' | 'current-password';
}

export function PassphraseInput({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  measure,
  autoComplete = 'current-password',
}: PassphraseInputProps) {
  const [shown, setShown] = useState(false);
  const [strength, setStrength] = useState<Strength | null>(null);
  const inputs = measure?.userInputs.join('\n');
  // The callback is read through a ref: a new function on each parent render must not re-run the check.
  const onStrength = useRef(measure?.onStrength);
  useEffect(() => {
    onStrength.current = measure?.onStrength;
  });
  const measuring = !!measure;
  useEffect(() => {
    if (!measuring) return;
    let live = true;
    const t = setTimeout(
      () => {
        if (!value) {
          setStrength(null);
          onStrength.current?.(null);
          return;
        }
        void checkPassphrase(value, inputs?.split('\n') ?? []).then((s) => {
          if (!live) return;
          setStrength(s);
          onStrength.current?.(s);
        });
      },
      value ? 200 : 0,
    );
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [value, inputs, measuring]);
  const describedBy =
    [hint && `${id}-hint`, error && `${id}-error`, strength && `${id}-strength`].filter(Boolean).join(' ') || undefined;
  return (
    <FormGroup error={error}>
      <Label htmlFor={id}>{label}</Label>
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={id} error={error} />
      <div className="app-passphrase">
        <input
          id={id}
          name={id}
          className={`app-input${error ? ' app-input--error' : ''}`}
          type={shown ? 'text' : 'password'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete={autoComplete}
          autoCapitalize="none"
          spellCheck={false}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
        <button
          type="button"
          className="app-button app-button--secondary app-passphrase__toggle"
          aria-controls={id}
          aria-pressed={shown}
          onClick={() => setShown(!shown)}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
      </div>
      {strength && (
        <p
          id={`${id}-strength`}
          className={`app-body-s app-passphrase__strength${strength.ok ? '' : ' app-passphrase__strength--weak'}`}
          aria-live="polite"
        >
          {strength.message}
        </p>
      )}
    </FormGroup>
  );
}
