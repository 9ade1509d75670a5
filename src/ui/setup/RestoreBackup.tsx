// Restore an encrypted backup onto this device (an empty one): the file and its passphrase.
// A wrong passphrase or a damaged file gets a clear message and changes nothing.
import { useState } from 'react';
import { ActionBar, Button, ErrorSummary, NotificationBanner, type FormError } from '../components';
import { JsonFileInput } from '../components/JsonFileInput';
import { PassphraseInput } from './PassphraseInput';

export function RestoreBackup({ onRestored }: { onRestored: () => void }) {
  const [text, setText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const fail = (e: FormError[]) => {
    setAttempt((n) => n + 1);
    setErrors(e);
  };
  if (done) {
    return (
      <NotificationBanner variant="success" heading={done}>
        <Button onClick={onRestored}>Go to the lock screen</Button>
      </NotificationBanner>
    );
  }
  return (
    <section aria-labelledby="restore-heading">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h2 className="app-heading-m" id="restore-heading">
        Restore a backup
      </h2>
      <JsonFileInput
        id="backup-file"
        label="Backup file"
        hint="A .json file made by YPSI Response's “Make a backup”."
        error={errors.find((e) => e.fieldId === 'backup-file')?.text}
        onError={(m) => fail([{ fieldId: 'backup-file', text: m }])}
        onText={(t, name) => {
          setText(t);
          setFileName(name);
          setErrors([]);
        }}
      />
      <PassphraseInput
        id="backup-passphrase"
        label="The backup's passphrase"
        value={passphrase}
        onChange={setPassphrase}
        error={errors.find((e) => e.fieldId === 'backup-passphrase')?.text}
      />
      <ActionBar>
        <Button
          variant="secondary"
          disabled={busy}
          onClick={async () => {
            const errs: FormError[] = [];
            if (!text) errs.push({ fieldId: 'backup-file', text: 'Choose the backup file' });
            if (!passphrase) errs.push({ fieldId: 'backup-passphrase', text: "Enter the backup's passphrase" });
            if (errs.length) return fail(errs);
            setBusy(true);
            // Storage is fetched when a backup is restored, not with the set-up screen (issue 14 item 6).
            const { importBackup, ImportError } = await import('../../storage');
            try {
              const r = await importBackup(text!, passphrase);
              setDone(
                `Restored ${r.caseCount} case${r.caseCount === 1 ? '' : 's'} from ${fileName}. Unlock with your usual passphrase.`,
              );
            } catch (e) {
              // A refused backup says where the fault is (field) and that nothing was changed.
              if (e instanceof ImportError) {
                fail([{ fieldId: e.field === 'passphrase' ? 'backup-passphrase' : 'backup-file', text: e.message }]);
              } else {
                const m = e instanceof Error ? e.message : String(e);
                fail([{ fieldId: 'backup-file', text: `${m} Nothing on this device was changed.` }]);
              }
            } finally {
              setBusy(false);
            }
          }}
        >
          Restore the backup
        </Button>
      </ActionBar>
    </section>
  );
}
