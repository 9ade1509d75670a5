// Adding a key holder: their name, role and passphrase, confirmed with the manager's own (docs/SECURITY.md).
import { useState } from 'react';
import { ROLE_LABELS } from '../../../domain/stages';
import { ActionBar, Button, ErrorSummary, Radios, TextInput, type FormError } from '../../components';
import { RefusedError } from '../../data/vault';
import { message, type FormProps, useFormErrors, PanelHeading, useNewPassphrase, OwnPassphrase } from './formParts';

export function AddForm({ vault, userInputs, onCancel, onDone }: FormProps & { userInputs: string[] }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<'deputy-dsl' | 'headteacher' | null>(null);
  const pass = useNewPassphrase('add', { passphrase: 'Their passphrase', confirm: 'Type the passphrase again' }, [
    ...userInputs,
    name,
  ]);
  const [own, setOwn] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, attempt, fail, err } = useFormErrors();

  const submit = async () => {
    const errs: FormError[] = [];
    if (!name.trim()) errs.push({ fieldId: 'add-name', text: 'Enter the name of the new key holder' });
    if (!role) errs.push({ fieldId: 'add-role', text: 'Choose their role' });
    errs.push(...pass.errors());
    if (!own) errs.push({ fieldId: 'add-own', text: 'Enter your own passphrase' });
    if (fail(errs)) return;
    setBusy(true);
    try {
      const h = await vault.addKeyHolder({ name: name.trim(), role: role!, passphrase: pass.passphrase }, own);
      await onDone(`${h.name} can now unlock as ${ROLE_LABELS[h.role]}. Give them their passphrase in person.`);
    } catch (e) {
      setOwn('');
      const field =
        e instanceof RefusedError
          ? e.field === 'new-passphrase'
            ? 'add-passphrase'
            : e.field === 'own-passphrase'
              ? 'add-own'
              : 'add-name'
          : 'add-name';
      fail([{ fieldId: field, text: `Nobody was added: ${message(e)}` }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app-person">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <PanelHeading>Add a key holder</PanelHeading>
      <TextInput
        id="add-name"
        label="Name"
        value={name}
        onChange={setName}
        error={err('add-name')}
        autoComplete="off"
        spellCheck={false}
      />
      <Radios
        id="add-role"
        legend="Role"
        legendSize="s"
        items={[
          { value: 'deputy-dsl', label: ROLE_LABELS['deputy-dsl'], hint: 'Can do everything the DSL can.' },
          { value: 'headteacher', label: ROLE_LABELS.headteacher, hint: 'Can read cases and sign off decisions.' },
        ]}
        value={role}
        onChange={(v) => setRole(v as 'deputy-dsl' | 'headteacher')}
        error={err('add-role')}
      />
      {pass.fields(err)}
      <OwnPassphrase id="add-own" value={own} onChange={setOwn} error={err('add-own')} />
      <ActionBar>
        <Button disabled={busy} onClick={submit}>
          {busy ? 'Adding…' : 'Add key holder'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ActionBar>
    </div>
  );
}
