// What Settings shows about this device's records: storage kept by the browser, the full integrity
// check (docs/SECURITY.md), and making an encrypted backup with its own passphrase.
import { useEffect, useState } from 'react';
import { requestPersistence, storageEstimate, type StorageEstimate } from '../../storage/durability';
import { Button, InsetText, NotificationBanner, SummaryList, WarningText, type FormError } from '../components';
import type { IntegrityReport, UnlockedVault } from '../data/vault';
import { PassphraseInput } from '../setup/PassphraseInput';
import type { Strength } from '../setup/strength';
import { IndexRepairsNote } from './IndexRepairsNote';

function mb(n: number | null): string {
  return n === null ? 'unknown' : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function StorageSection({ onSaid }: { onSaid: (text: string) => void }) {
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  const isIpad = /iPad|Macintosh/.test(navigator.userAgent) && 'ontouchend' in document;
  useEffect(() => {
    void storageEstimate().then(setEstimate);
  }, []);
  return (
    <>
      <h2 className="app-heading-m">Storage on this device</h2>
      <SummaryList
        rows={[
          {
            key: 'Kept by the browser even when space runs low',
            value:
              estimate?.persisted === null || !estimate
                ? 'Unknown'
                : estimate.persisted
                  ? 'Yes'
                  : 'No: ask for it below',
          },
          {
            key: 'Space used',
            value: estimate ? `${mb(estimate.usageBytes)} of ${mb(estimate.quotaBytes)}` : 'Unknown',
          },
        ]}
      />
      <Button
        variant="secondary"
        onClick={async () => {
          const r = await requestPersistence();
          onSaid(
            r === 'persisted'
              ? 'The browser will keep this data.'
              : r === 'unsupported'
                ? 'This browser cannot promise to keep the data: keep regular backups.'
                : 'The browser did not agree to keep the data for certain. Install the app and keep regular backups.',
          );
          setEstimate(await storageEstimate());
        }}
      >
        Ask the browser to keep this data
      </Button>
      {isIpad && (
        <WarningText>
          On an iPad, Safari deletes a website’s stored data if it is not used for seven days, unless the app was added
          to the Home Screen. Use YPSI Response from the Home Screen icon, and keep backups.
        </WarningText>
      )}
    </>
  );
}

export function IntegritySection({ vault, indexRepairs }: { vault: UnlockedVault; indexRepairs: readonly string[] }) {
  const [integrity, setIntegrity] = useState<IntegrityReport | null>(null);
  const [checking, setChecking] = useState(false);
  return (
    <>
      <h2 className="app-heading-m">Check the records have not been altered</h2>
      <p className="app-body">
        Every change is a chained, signed event. The full check reads every event and names the first one that does not
        match.
      </p>
      <IndexRepairsNote repairs={indexRepairs} />
      <Button
        variant="secondary"
        disabled={checking}
        onClick={async () => {
          setChecking(true);
          try {
            setIntegrity(await vault.fullVerify());
          } finally {
            setChecking(false);
          }
        }}
      >
        {checking ? 'Checking…' : 'Run the full check'}
      </Button>
      {integrity && (
        <div role="status">
          {integrity.ok ? (
            <NotificationBanner variant="success" heading={`All ${integrity.checked} events check out.`} />
          ) : (
            <NotificationBanner
              variant="urgent"
              title="Records altered"
              heading="The records on this device have been altered."
            >
              <p className="app-body">{integrity.firstProblem}</p>
              <p className="app-body">
                Tell the DSL and your data protection officer. Restore from a backup if you have one.
              </p>
            </NotificationBanner>
          )}
        </div>
      )}
    </>
  );
}

export function BackupSection({
  vault,
  establishmentName,
  error,
  fail,
  onMade,
}: {
  vault: UnlockedVault;
  establishmentName: string;
  error: string | undefined;
  fail: (errors: FormError[]) => void;
  onMade: () => void;
}) {
  const [backupPass, setBackupPass] = useState('');
  const [backupStrength, setBackupStrength] = useState<Strength | null>(null);
  const [backupUrl, setBackupUrl] = useState<string | null>(null);
  const [backupName, setBackupName] = useState('ypsi-backup.json');
  useEffect(
    () => () => {
      if (backupUrl) URL.revokeObjectURL(backupUrl);
    },
    [backupUrl],
  );
  return (
    <>
      <h2 className="app-heading-m" id="backup">
        Encrypted backup
      </h2>
      <InsetText>
        A backup holds every case, encrypted with a backup passphrase you choose now. Keep the file and the passphrase
        apart. Backups are needed if this tablet is lost or its storage is cleared.
      </InsetText>
      <PassphraseInput
        id="backup-passphrase"
        label="Backup passphrase"
        value={backupPass}
        onChange={setBackupPass}
        autoComplete="new-password"
        error={error}
        measure={{ userInputs: [establishmentName], onStrength: setBackupStrength }}
      />
      <Button
        variant="secondary"
        onClick={async () => {
          if (!backupStrength?.ok)
            return fail([
              { fieldId: 'backup-passphrase', text: backupStrength?.message ?? 'Choose a backup passphrase' },
            ]);
          try {
            const text = await vault.exportBackup(backupPass);
            setBackupName(`ypsi-backup-${new Date().toISOString().slice(0, 10)}.json`);
            setBackupUrl(URL.createObjectURL(new Blob([text], { type: 'application/json' })));
            onMade();
          } catch (e) {
            fail([
              {
                fieldId: 'backup-passphrase',
                text: `The backup could not be made: ${e instanceof Error ? e.message : String(e)}`,
              },
            ]);
          }
        }}
      >
        Make a backup
      </Button>
      {backupUrl && (
        <p className="app-body">
          <a className="app-link app-link--block" href={backupUrl} download={backupName}>
            Save the backup file
          </a>
        </p>
      )}
    </>
  );
}
