// Checking a signed destruction note (docs/SECURITY.md item 13): its signature, and whether this device holds the case it names.
import { useState } from 'react';
import { ErrorSummary, NotificationBanner, SummaryList, type FormError } from '../components';
import { JsonFileInput } from '../components/JsonFileInput';
import { formatDate, formatDateTime } from '../format';
import type { DestructionNoteCheck, UnlockedVault } from '../data/vault';
import { roleLabel, yesNo } from './words';

const ON_THIS_DEVICE: Record<DestructionNoteCheck['onThisDevice'], string> = {
  same: 'Yes: this tablet holds the same signed note',
  different: 'No: this tablet holds a different note for this case',
  absent: 'This tablet has no note of this case',
};

/**
 * Check a note of a destroyed case (the signed file the Retention screen offers): is the
 * signature valid, did this establishment's key make it, does this tablet hold the same note?
 */
export function DestructionNoteCheckSection({ vault }: { vault: Pick<UnlockedVault, 'checkDestructionNote'> }) {
  const [result, setResult] = useState<(DestructionNoteCheck & { fileName: string }) | null>(null);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const fail = (text: string) => {
    setResult(null);
    setAttempt((n) => n + 1);
    setErrors([{ fieldId: 'note-file', text }]);
  };
  const n = result?.note;
  return (
    <section aria-labelledby="note-check" className="app-section">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h2 className="app-heading-l" id="note-check">
        Check a note of a destroyed case
      </h2>
      <p className="app-body">
        When a case is destroyed after its retention review, the app keeps a signed note that the record existed and was
        destroyed: its reference, dates, who destroyed it, who agreed and why. Choose such a note (a <code>.json</code>{' '}
        file from the Retention screen) to check it.
      </p>
      <JsonFileInput
        id="note-file"
        label="Note of a destroyed case"
        error={errors.find((e) => e.fieldId === 'note-file')?.text}
        onError={fail}
        onText={async (text, fileName) => {
          try {
            setResult({ ...(await vault.checkDestructionNote(text)), fileName });
            setErrors([]);
          } catch (e) {
            fail(`The note could not be checked: ${e instanceof Error ? e.message : String(e)}`);
          }
        }}
      />
      {result && n && (
        <section aria-labelledby="note-result" role="status">
          <h3 className="app-heading-m" id="note-result">
            {result.fileName}
          </h3>
          {result.thisEstablishment === false ? (
            <NotificationBanner
              variant="urgent"
              title="Not this establishment"
              heading="The signature is valid, but it was not made by this establishment’s key."
            />
          ) : (
            <NotificationBanner
              variant="success"
              heading="The signature is valid and was made by this establishment’s key."
            />
          )}
          <SummaryList
            rows={[
              { key: 'Case', value: n.reference },
              { key: 'Opened', value: n.openedAt ? formatDate(n.openedAt) : 'Not recorded' },
              { key: 'Closed', value: n.closedAt ? formatDate(n.closedAt) : 'Not recorded' },
              { key: 'Review date', value: n.reviewDate ? formatDate(n.reviewDate) : 'Not recorded' },
              { key: 'Destroyed', value: formatDateTime(n.destroyedAt) },
              {
                key: 'Destroyed by',
                value: (
                  <>
                    <bdi>{n.destroyedBy.name}</bdi> ({roleLabel(n.destroyedBy.role)})
                  </>
                ),
              },
              {
                key: 'Agreed by',
                value: (
                  <>
                    <bdi>{n.approvedBy.name}</bdi> ({roleLabel(n.approvedBy.role)})
                  </>
                ),
              },
              { key: 'Why', value: n.reason },
              { key: 'Key fingerprint', value: n.keyFingerprint },
              {
                key: 'This establishment’s key',
                value: yesNo(result.thisEstablishment, 'Yes', 'No: another key signed it', 'This tablet is not set up'),
              },
              { key: 'On this tablet', value: ON_THIS_DEVICE[result.onThisDevice] },
            ]}
          />
        </section>
      )}
    </section>
  );
}
