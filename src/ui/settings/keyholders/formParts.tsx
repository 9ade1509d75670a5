// What the key holder forms share: errors at their fields, a focused panel heading, and a new passphrase with its strength and confirmation.
import { useEffect, useRef, useState } from 'react';
import { type FormError } from '../../components';
import { type UnlockedVault } from '../../data/vault';
import { PassphraseInput } from '../../setup/PassphraseInput';
import type { Strength } from '../../setup/strength';
import { withTooLong } from '../../components/form/limits';

export const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface FormProps {
  vault: UnlockedVault;
  onCancel: () => void;
  onDone: (text: string) => Promise<void>;
}

/** Errors for one form: the summary at its top (focused), and each at its field. */
export function useFormErrors() {
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const fail = (own: FormError[]) => {
    // Any field over its size limit too: nothing is changed while one is.
    const errs = withTooLong(own);
    setAttempt((n) => n + 1);
    setErrors(errs);
    return errs.length > 0;
  };
  const err = (id: string) => errors.find((e) => e.fieldId === id)?.text;
  return { errors, attempt, fail, err };
}

/** A panel's heading takes focus when it opens, so a screen reader hears what appeared. */
export function PanelHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h3 className="app-heading-s" ref={ref} tabIndex={-1}>
      {children}
    </h3>
  );
}

function newPassphraseErrors(
  prefix: string,
  passphrase: string,
  confirm: string,
  strength: Strength | null,
): FormError[] {
  const errs: FormError[] = [];
  if (!passphrase) errs.push({ fieldId: `${prefix}-passphrase`, text: 'Enter a new passphrase' });
  else if (!strength?.ok)
    errs.push({
      fieldId: `${prefix}-passphrase`,
      text: strength?.message ?? 'Wait for the strength check, then try again',
    });
  if (passphrase !== confirm) errs.push({ fieldId: `${prefix}-confirm`, text: 'The passphrases do not match' });
  return errs;
}

const PASSPHRASE_HINT =
  'At least 12 characters; three or four unrelated words work well. You can paste it from a password manager.';

/**
 * A new passphrase and its confirmation, strength-checked as it is typed: the one pair used to add
 * a key holder, reset someone's passphrase and change your own (ids `<prefix>-passphrase`, `<prefix>-confirm`).
 */
export function useNewPassphrase(
  prefix: string,
  labels: { passphrase: string; confirm: string },
  userInputs: string[],
) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);
  return {
    passphrase,
    errors: () => newPassphraseErrors(prefix, passphrase, confirm, strength),
    fields: (err: (fieldId: string) => string | undefined) => (
      <>
        <PassphraseInput
          id={`${prefix}-passphrase`}
          label={labels.passphrase}
          hint={PASSPHRASE_HINT}
          value={passphrase}
          onChange={setPassphrase}
          error={err(`${prefix}-passphrase`)}
          autoComplete="new-password"
          measure={{ userInputs, onStrength: setStrength }}
        />
        <PassphraseInput
          id={`${prefix}-confirm`}
          label={labels.confirm}
          value={confirm}
          onChange={setConfirm}
          error={err(`${prefix}-confirm`)}
          autoComplete="new-password"
        />
      </>
    ),
  };
}

/** The signed-in manager's own passphrase, asked again: the app keeps no copy of the key it hands on (docs/SECURITY.md item 5). */
export function OwnPassphrase({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <PassphraseInput
      id={id}
      label="Your own passphrase"
      hint="Asked again because the app keeps no copy of the key it hands on."
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
