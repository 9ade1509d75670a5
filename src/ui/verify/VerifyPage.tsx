// Check a PDF case record: is the signature valid, does it cover the whole file (bytes appended
// after signing are rejected), who signed it (this establishment?), and does its record hash
// match the case on this device? Reads the file locally; nothing is sent anywhere.
import { useState } from 'react';
import { Link } from 'react-router';
import type { VerifyResult } from '../../pdf';
import { ErrorSummary, NotificationBanner, SummaryList, type FormError } from '../components';
import { JsonFileInput } from '../components/JsonFileInput';
import { useSession } from '../session/SessionContext';
import { formatDateTime } from '../format';
import { DestructionNoteCheckSection } from './DestructionNoteCheckSection';
import { yesNo } from './words';

type Checked = VerifyResult & { fileName: string; caseId: string | null; isReport: boolean };

/** Does the PDF match a case here (or, for a report for a period, a report exported here)? */
function matchRow(result: Checked) {
  // Never "matches" beside "not valid": content that is not validly signed is not compared.
  if (!result.valid) {
    return {
      key: result.isReport ? 'A report for a period' : 'The case on this tablet',
      value: 'Not compared: the signature is not valid, so nothing in this PDF can be relied on',
    };
  }
  if (result.isReport) {
    return {
      key: 'A report for a period',
      value: yesNo(
        result.recordHashKnown,
        'Yes: exported from this tablet (figures only, not a case record)',
        'Not exported from this tablet',
      ),
    };
  }
  return {
    key: 'Matches the case on this tablet',
    value: result.caseId ? (
      <>
        {yesNo(
          result.recordHashKnown,
          'Yes: this is a record exported from this case',
          'No: it does not match the case as recorded here',
        )}{' '}
        <Link className="app-link" to={`/cases/${result.caseId}`}>
          Open the case
        </Link>
      </>
    ) : (
      'The case is not on this tablet'
    ),
  };
}

export function VerifyPage() {
  const session = useSession();
  const vault = session.unlocked!;
  const [result, setResult] = useState<Checked | null>(null);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  return (
    <div className="app-page">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h1 className="app-heading-xl">Check a PDF case record</h1>
      <p className="app-body">
        Choose a PDF exported by YPSI Response. The app checks its digital signature and compares it with the records on
        this tablet. The file is read here and sent nowhere.
      </p>
      <JsonFileInput
        id="pdf-file"
        kind="pdf"
        label="PDF case record"
        error={errors.find((e) => e.fieldId === 'pdf-file')?.text}
        onError={(m) => {
          setAttempt((n) => n + 1);
          setErrors([{ fieldId: 'pdf-file', text: m }]);
        }}
        onBytes={async (bytes, fileName) => {
          setBusy(true);
          setResult(null);
          try {
            const pdf = await import('../../pdf');
            // The certificates the establishment log pins, never the stored row's word alone (docs/SECURITY.md item 15).
            const pinned = {
              expectedFingerprint: (await vault.establishmentCertificates()).map((c) => c.fingerprint),
              requireEstablishment: true,
            };
            const first = await pdf.verifyPdf(bytes, pinned);
            // Which case is it? The reference printed in the record; then compare record hashes.
            const ref = first.caseReference;
            const summary = ref ? session.summaries.find((s) => s.reference === ref) : undefined;
            let known: string[] = [];
            if (summary) {
              const own = await pdf.recordHash((await vault.caseRecordForExport(summary.caseId)).events);
              known = [own, ...(await vault.exportedRecordHashes(summary.caseId))];
            }
            // A report for a period (figures only) is matched against the reports exported here.
            const isReport = !summary && !!ref?.startsWith('Report ');
            if (isReport) known = await vault.exportedReportHashes();
            const r = summary || isReport ? await pdf.verifyPdf(bytes, { ...pinned, knownRecordHashes: known }) : first;
            setResult({ ...r, fileName, caseId: summary?.caseId ?? null, isReport });
            setErrors([]);
          } catch (e) {
            setAttempt((n) => n + 1);
            setErrors([
              {
                fieldId: 'pdf-file',
                text: `The file could not be checked: ${e instanceof Error ? e.message : String(e)}`,
              },
            ]);
          } finally {
            setBusy(false);
          }
        }}
      />
      {busy && (
        <p className="app-body" role="status">
          Checking…
        </p>
      )}
      {result && (
        <section aria-labelledby="verify-result" role="status">
          <h2 className="app-heading-m" id="verify-result">
            {result.fileName}
          </h2>
          {result.valid ? (
            <NotificationBanner variant="success" heading="The signature is valid and covers the whole file." />
          ) : (
            <NotificationBanner
              variant="urgent"
              title="Not valid"
              heading={
                result.matchesEstablishment === false
                  ? 'Not signed by this establishment: do not rely on this PDF.'
                  : "This PDF's signature is not valid: do not rely on it."
              }
            >
              <ul className="app-list app-list--bullet">
                {result.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </NotificationBanner>
          )}
          <SummaryList
            rows={[
              {
                key: 'Signature',
                value: yesNo(result.signatureVerified, 'Made by the certificate it carries', 'Does not verify'),
              },
              {
                key: 'Content unchanged since signing',
                value: yesNo(result.digestMatches, 'Yes', 'No: the file was changed after signing'),
              },
              {
                key: 'Covers the whole file',
                value: yesNo(result.totalDocumentSigned, 'Yes', 'No: bytes were added after signing'),
              },
              {
                key: 'Signed by',
                value: result.signer
                  ? `${result.signer.subject} (fingerprint ${result.signer.fingerprint})`
                  : 'Unknown',
              },
              {
                key: 'This establishment’s certificate',
                value: yesNo(
                  result.matchesEstablishment,
                  'Yes',
                  'No: not signed by this establishment',
                  'This tablet has no certificate yet',
                ),
              },
              {
                key: 'Signing time (the signing device’s clock)',
                value: result.signingTime ? formatDateTime(result.signingTime) : 'Not given',
              },
              { key: 'Record hash', value: result.recordHash ?? 'None found' },
              matchRow(result),
              { key: 'Sharing copy (redacted)', value: yesNo(result.redacted, 'Yes', 'No') },
            ]}
          />
          {result.notes.length > 0 && (
            <ul className="app-list app-list--bullet">
              {result.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      <DestructionNoteCheckSection vault={vault} />
    </div>
  );
}
