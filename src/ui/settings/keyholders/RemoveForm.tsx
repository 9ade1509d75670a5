// Removing a key holder: the data key is rotated so their passphrase opens nothing (docs/SECURITY.md).
import { useState } from 'react';
import { ROLE_LABELS } from '../../../domain/stages';
import { ActionBar, Button, ErrorSummary, Textarea, WarningText } from '../../components';
import { type KeyRotationProgress, type KeyHolder } from '../../data/vault';
import { RotationProgressBar } from '../RotationProgressBar';
import { message, type FormProps, useFormErrors, PanelHeading } from './formParts';

export function RemoveForm({
  vault,
  holder,
  self,
  onCancel,
  onDone,
}: FormProps & { holder: KeyHolder; self: boolean }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<KeyRotationProgress | null>(null);
  const { errors, attempt, fail, err } = useFormErrors();

  const submit = async () => {
    if (!reason.trim())
      return void fail([{ fieldId: 'remove-reason', text: `Say why ${holder.name} is being removed` }]);
    setBusy(true);
    try {
      const r = await vault.removeKeyHolder(holder.userId, reason.trim(), setProgress);
      const after = [
        ...(r.needsNewPassphrase.length > 0
          ? [
              `${r.needsNewPassphrase.join(', ')} had not unlocked since this version was installed, so their key could not be renewed: set them a new passphrase.`,
            ]
          : []),
        ...(r.recoveryKeyLost
          ? ['The recovery key was from before this version and no longer opens anything: make a new one now.']
          : []),
      ];
      const first = self
        ? 'Your key has been removed. Lock the app now: you will not be able to unlock it again.'
        : `${holder.name} can no longer unlock YPSI Response on this device, and a new key protects the records.`;
      await onDone([first, ...after].join(' '));
    } catch (e) {
      fail([{ fieldId: 'remove-reason', text: message(e) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app-person">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <PanelHeading>{self ? 'Remove your own key' : `Remove ${holder.name}`}</PanelHeading>
      <p className="app-body">
        {self ? 'You' : holder.name} ({ROLE_LABELS[holder.role]}) will no longer be able to unlock YPSI Response on this
        device.
      </p>
      <WarningText>
        A new key will protect the records: every case key is wrapped again under it, so a copy of the old key opens
        nothing on this device. Copies already made (backups, exported records) stay as they were.
      </WarningText>
      <Textarea
        id="remove-reason"
        label="Why are they being removed?"
        hint="For example: left the school on 31 August. This goes in the activity log."
        value={reason}
        onChange={setReason}
        rows={3}
        error={err('remove-reason')}
      />
      {busy && progress && <RotationProgressBar progress={progress} />}
      <ActionBar>
        <Button variant="warning" disabled={busy} onClick={submit}>
          {busy ? 'Removing…' : self ? 'Remove my key' : `Remove ${holder.name}’s key`}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ActionBar>
    </div>
  );
}
