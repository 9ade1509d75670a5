// The end of set-up: the recovery key, shown this once, kept only once the DSL confirms it is written
// down (docs/SECURITY.md: recovery), then the way to the lock screen.
import { useState } from 'react';
import { ActionBar, Button, Checkboxes, WarningText } from '../components';

export function RecoveryKeyStep({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const [keptSafe, setKeptSafe] = useState<string[]>([]);
  return (
    <div className="app-page">
      <h1 className="app-heading-xl">Your recovery key</h1>
      <WarningText>This is the only time it is shown.</WarningText>
      <p className="app-body">
        If every key holder forgets their passphrase, this key is the only way back into the records. Write it on paper
        and keep it locked away, offline, away from this tablet.
      </p>
      <p className="app-recovery-key" aria-label="Recovery key">
        {recoveryKey}
      </p>
      <Checkboxes
        id="kept-safe"
        legend="Confirm"
        items={[{ value: 'yes', label: 'I have written the recovery key down and will keep it safe, offline' }]}
        values={keptSafe}
        onChange={setKeptSafe}
      />
      <ActionBar>
        <Button disabled={keptSafe.length === 0} onClick={onDone}>
          Continue
        </Button>
      </ActionBar>
    </div>
  );
}

export function SetUpComplete() {
  return (
    <div className="app-page">
      <h1 className="app-heading-xl">Set-up is complete</h1>
      <p className="app-body">Unlock with your passphrase to start.</p>
      <p className="app-body">
        <a className="app-link app-link--block" href="/">
          Go to the lock screen
        </a>
      </p>
    </div>
  );
}
