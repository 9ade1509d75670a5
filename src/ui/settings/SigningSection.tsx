// The establishment's PDF signing certificate: its fingerprint (for recipients to check by phone),
// a local authority's certificate (.p12) instead of the app's own, and a way to check a PDF.
import type { P12Error } from '../../pdf';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Button, ErrorSummary, NotificationBanner, SummaryList, type FormError } from '../components';
import { JsonFileInput } from '../components/JsonFileInput';
import type { PdfSignerSummary, UnlockedVault } from '../data/vault';
import { formatDate } from '../format';
import { PassphraseInput } from '../setup/PassphraseInput';
import { may } from '../../domain/permissions';

export function SigningSection({ vault }: { vault: UnlockedVault }) {
  const [info, setInfo] = useState<PdfSignerSummary | null | undefined>(undefined);
  const [p12, setP12] = useState<{ bytes: Uint8Array; name: string } | null>(null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const manager = may(vault.actor.role, 'set-signing-certificate');
  useEffect(() => {
    void vault.pdfSignerInfo().then(setInfo, () => setInfo(null));
  }, [vault, saved]);
  const fail = (e: FormError[]) => {
    setAttempt((n) => n + 1);
    setErrors(e);
  };
  return (
    <section aria-labelledby="signing-heading">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h2 className="app-heading-m" id="signing-heading">
        Signing PDF records
      </h2>
      {saved && <NotificationBanner variant="success" heading={saved} />}
      {info === undefined ? null : info === null ? (
        <p className="app-body">
          The establishment’s own signing certificate is made the first time a case record is exported, unless you use
          your local authority’s below.
        </p>
      ) : (
        <>
          <p className="app-body">
            Exported records are signed with this certificate. A certificate the establishment made itself shows as
            “identity unknown” in PDF readers: recipients can check the fingerprint with you by phone:
          </p>
          <p className="app-recovery-key" aria-label="Certificate fingerprint">
            {info.fingerprint}
          </p>
          <SummaryList
            rows={[
              { key: 'Certificate', value: info.subject },
              {
                key: 'Since',
                value: `${formatDate(info.createdAt)} (${info.source === 'imported' ? 'imported from a .p12 file' : 'made on this tablet'})`,
              },
            ]}
          />
        </>
      )}
      {manager && (
        <>
          <h3 className="app-heading-s">Use your local authority’s certificate</h3>
          <JsonFileInput
            id="p12-file"
            kind="p12"
            label="Certificate file (.p12 or .pfx)"
            error={errors.find((e) => e.fieldId === 'p12-file')?.text}
            onError={(m) => fail([{ fieldId: 'p12-file', text: m }])}
            onBytes={(bytes, name) => {
              setP12({ bytes, name });
              setErrors([]);
            }}
          />
          <PassphraseInput
            id="p12-password"
            label="The file's password"
            value={password}
            onChange={setPassword}
            error={errors.find((e) => e.fieldId === 'p12-password')?.text}
          />
          <Button
            variant="secondary"
            onClick={async () => {
              if (!p12) return fail([{ fieldId: 'p12-file', text: 'Choose the certificate file' }]);
              try {
                const pdf = await import('../../pdf');
                const signer = await pdf.importP12(p12.bytes, password);
                const exported = await pdf.exportSigner(signer);
                await vault.savePdfSigner(
                  { ...exported, fingerprint: signer.fingerprint, subject: signer.subject, source: 'imported' },
                  true,
                );
                setPassword('');
                setP12(null);
                setErrors([]);
                setSaved(`From now on, records are signed with ${signer.subject}.`);
              } catch (e) {
                const message = e instanceof Error ? e.message : String(e);
                // The PDF module loads on demand, so the refusal is recognised by its name and typed field.
                const wrongPassword =
                  e instanceof Error && e.name === 'P12Error' && (e as P12Error).field === 'password';
                fail([
                  { fieldId: wrongPassword ? 'p12-password' : 'p12-file', text: `${message} Nothing was changed.` },
                ]);
              }
            }}
          >
            Use this certificate
          </Button>
        </>
      )}
      <p className="app-body">
        <Link className="app-link app-link--block" to="/verify">
          Check a PDF case record
        </Link>
      </p>
    </section>
  );
}
