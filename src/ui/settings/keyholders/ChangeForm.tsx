// Changing your own passphrase: the current one, then the new one twice.
import { useState } from 'react';
import { ActionBar, Button, ErrorSummary, type FormError } from '../../components';
import { RefusedError } from '../../data/vault';
import { PassphraseInput } from '../../setup/PassphraseInput';
import { useRetryWait } from '../../lock/useRetryWait';
import { message, type FormProps, useFormErrors, PanelHeading, useNewPassphrase } from './formParts';

export function ChangeForm({ vault, userInputs, onCancel, onDone }: FormProps & { userInputs: string[] }) {
  const [current, setCurrent] = useState('');
  const pass = useNewPassphrase(
    'change',
    { passphrase: 'New passphrase', confirm: 'Type the new passphrase again' },
    userInputs,
  );
  const [busy, setBusy] = useState(false);
  const { errors, attempt, fail, err } = useFormErrors();
  const { waiting, startWait } = useRetryWait();

  const submit = async () => {
    const errs: FormError[] = [];
    if (!current) errs.push({ fieldId: 'change-current', text: 'Enter your current passphrase' });
    errs.push(...pass.errors());
    if (pass.passphrase && pass.passphrase === current)
      errs.push({ fieldId: 'change-passphrase', text: 'Choose a passphrase different from your current one' });
    if (fail(errs)) return;
    setBusy(true);
    try {
      await vault.changePassphrase(current, pass.passphrase);
      await onDone('Your passphrase has been changed. Use the new one next time you unlock.');
    } catch (e) {
      setCurrent('');
      if (e instanceof RefusedError && e.retryAfterMs > 0) {
        startWait(e.retryAfterMs);
      }
      const field = e instanceof RefusedError && e.field === 'new-passphrase' ? 'change-passphrase' : 'change-current';
      fail([{ fieldId: field, text: message(e) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app-person">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <PanelHeading>Change your passphrase</PanelHeading>
      <PassphraseInput
        id="change-current"
        label="Your current passphrase"
        value={current}
        onChange={setCurrent}
        error={err('change-current')}
      />
      {pass.fields(err)}
      {waiting > 0 && (
        <p className="app-body" role="status">
          You can try again in {waiting} second{waiting === 1 ? '' : 's'}.
        </p>
      )}
      <ActionBar>
        <Button disabled={busy || waiting > 0} onClick={submit}>
          {busy ? 'Saving…' : 'Change my passphrase'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ActionBar>
    </div>
  );
}
