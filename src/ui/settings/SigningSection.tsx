// The establishment's PDF signing certificate: its fingerprint (for recipients to check by phone),
// and a way to check a PDF. A self-signed certificate shows as "identity unknown" in readers.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { SummaryList } from '../components';
import type { PdfSignerSummary, UnlockedVault } from '../data/vault';
import { formatDate } from '../format';

export function SigningSection({ vault }: { vault: UnlockedVault }) {
  const [info, setInfo] = useState<PdfSignerSummary | null | undefined>(undefined);
  useEffect(() => {
    void vault.pdfSignerInfo().then(setInfo, () => setInfo(null));
  }, [vault]);
  return (
    <section aria-labelledby="signing-heading">
      <h2 className="app-heading-m" id="signing-heading">
        Signing PDF records
      </h2>
      {info === undefined ? null : info === null ? (
        <p className="app-body">The establishment’s signing certificate is made the first time a case record is exported.</p>
      ) : (
        <>
          <p className="app-body">
            Exported records are signed with this establishment’s own certificate, so PDF readers show the signer as “identity unknown”. Recipients can check the
            fingerprint with you by phone:
          </p>
          <p className="app-recovery-key" aria-label="Certificate fingerprint">
            {info.fingerprint}
          </p>
          <SummaryList
            rows={[
              { key: 'Certificate', value: info.subject },
              { key: 'Made', value: `${formatDate(info.createdAt)} (${info.source === 'imported' ? 'imported' : 'made on this tablet'})` },
            ]}
          />
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
