// Setting a new passphrase for a key holder who forgot theirs, confirmed with the manager's own.
import { useState } from 'react';
import { ActionBar, Button, ErrorSummary } from '../../components';
import { RefusedError, type KeyHolder } from '../../data/vault';
import { message, type FormProps, useFormErrors, PanelHeading, useNewPassphrase, OwnPassphrase } from './formParts';

export function ResetForm({
  vault,
  holder,
  userInputs,
  onCancel,
  onDone,
}: FormProps & { holder: KeyHolder; userInputs: string[] }) {
  const pass = useNewPassphrase('reset', { passphrase: 'New passphrase', confirm: 'Type the new passphrase again' }, [
    ...userInputs,
    holder.name,
  ]);
  const [own, setOwn] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, attempt, fail, err } = useFormErrors();

  const submit = async () => {
    const errs = pass.errors();
    if (!own) errs.push({ fieldId: 'reset-own', text: 'Enter your own passphrase' });
    if (fail(errs)) return;
    setBusy(true);
    try {
      await vault.resetPassphrase(holder.userId, pass.passphrase, own);
      await onDone(
        `${holder.name} has a new passphrase. Give it to them in person; they can change it after unlocking.`,
      );
    } catch (e) {
      setOwn('');
      fail([
        {
          fieldId: e instanceof RefusedError && e.field === 'own-passphrase' ? 'reset-own' : 'reset-passphrase',
          text: `The passphrase was not changed: ${message(e)}`,
        },
      ]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app-person">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <PanelHeading>{`Reset the passphrase for ${holder.name}`}</PanelHeading>
      <p className="app-body">
        For when {holder.name} has forgotten theirs. Their old passphrase stops working. The activity log records that
        you did this.
      </p>
      {pass.fields(err)}
      <OwnPassphrase id="reset-own" value={own} onChange={setOwn} error={err('reset-own')} />
      <ActionBar>
        <Button disabled={busy} onClick={submit}>
          {busy ? 'Saving…' : 'Set the new passphrase'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ActionBar>
    </div>
  );
}
