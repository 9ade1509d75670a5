// Replacing the recovery key: a new one shown once to write down, the old one stops working.
import { useState } from 'react';
import { ActionBar, Button, Checkboxes, InsetText, NotificationBanner, WarningText } from '../../components';
import { message, type FormProps, PanelHeading, OwnPassphrase } from './formParts';

/** Makes a new recovery key (the old one stops working) and shows it once, as at set-up. */
export function RecoveryKeyPanel({ vault, onCancel, onDone }: FormProps) {
  const [key, setKey] = useState<string | null>(null);
  const [keptSafe, setKeptSafe] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [asked, setAsked] = useState(false);
  const [own, setOwn] = useState('');

  if (!key) {
    return (
      <div className="app-person">
        <PanelHeading>Replace the recovery key</PanelHeading>
        <p className="app-body">
          Do this if the recovery key was used, lost, or could have been seen by someone else. The old key stops working
          at once, and the new one is shown only once.
        </p>
        <InsetText>Have paper and a pen ready, and make sure nobody can see the screen.</InsetText>
        {problem && <NotificationBanner variant="urgent" title="Problem" heading={`No new key was made: ${problem}`} />}
        <OwnPassphrase id="recovery-own" value={own} onChange={setOwn} />
        <ActionBar>
          <Button
            disabled={busy}
            onClick={async () => {
              if (!own) return void setProblem('Enter your own passphrase.');
              setBusy(true);
              try {
                setKey(await vault.replaceRecoveryKey(own));
              } catch (e) {
                setOwn('');
                setProblem(message(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? 'Making a new key…' : 'Make a new recovery key'}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </ActionBar>
      </div>
    );
  }
  return (
    <div className="app-person">
      <PanelHeading>Your new recovery key</PanelHeading>
      <WarningText>This is the only time it is shown. The old recovery key no longer works.</WarningText>
      <p className="app-body">
        If every key holder forgets their passphrase, this key is the only way back into the records. Write it on paper
        and keep it locked away, offline, away from this tablet.
      </p>
      <p className="app-recovery-key" aria-label="Recovery key">
        {key}
      </p>
      <Checkboxes
        id="kept-safe"
        legend="Confirm"
        items={[{ value: 'yes', label: 'I have written the recovery key down and will keep it safe, offline' }]}
        values={keptSafe}
        onChange={setKeptSafe}
        error={asked && keptSafe.length === 0 ? 'Confirm that you have written the recovery key down' : undefined}
      />
      <ActionBar>
        <Button
          onClick={() => {
            setAsked(true);
            if (keptSafe.length > 0) void onDone('The new recovery key is in place. Destroy the old one.');
          }}
        >
          Continue
        </Button>
      </ActionBar>
    </div>
  );
}
