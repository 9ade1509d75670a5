// Exporting a report: who it is for (every export is logged), the signed PDF or the CSV, and the
// files ready to save with the certificate fingerprint and the report hash to check by phone.
import { ActionBar, Button, NotificationBanner, TextInput, WarningText } from '../components';
import type { Exported } from './exportReport';

export function ExportSection({
  recipient,
  setRecipient,
  busy,
  onExport,
  exported,
  error,
}: {
  recipient: string;
  setRecipient: (value: string) => void;
  busy: string | null;
  onExport: (format: 'pdf' | 'csv') => void;
  exported: readonly Exported[];
  error: string | undefined;
}) {
  return (
    <section aria-labelledby="export-heading" className="app-report-export">
      <h2 id="export-heading" className="app-heading-m">
        Export this report
      </h2>
      <WarningText>
        A saved PDF or CSV is not encrypted. It holds figures only, but send it only by a route your safeguarding policy
        allows.
      </WarningText>
      <TextInput
        id="recipient"
        label="Who is it for?"
        hint="For example “Governing board, annual safeguarding report” or “Local authority safeguarding audit”. Every export is logged."
        value={recipient}
        onChange={setRecipient}
        error={error}
      />
      <ActionBar>
        <Button disabled={!!busy} onClick={() => onExport('pdf')}>
          {busy ?? 'Create and sign the PDF'}
        </Button>
        <Button variant="secondary" disabled={!!busy} onClick={() => onExport('csv')}>
          Create the CSV
        </Button>
      </ActionBar>
      {exported.map((x) => (
        <NotificationBanner
          key={x.kind}
          variant="success"
          heading={
            x.kind === 'pdf'
              ? 'The signed PDF is ready. This export has been logged.'
              : 'The CSV is ready. This export has been logged.'
          }
        >
          <p className="app-body">
            <a className="app-link app-link--block" href={x.url} download={x.name}>
              Save {x.name}
            </a>
          </p>
          {x.fingerprint && <p className="app-body">Certificate fingerprint, to check by phone: {x.fingerprint}</p>}
          {x.hash && <p className="app-body">Report hash (SHA-256 of the figures): {x.hash}</p>}
        </NotificationBanner>
      ))}
    </section>
  );
}
