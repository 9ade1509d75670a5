// Settings, under sync: "Join another tablet" (docs/SYNC.md, "Joining a tablet"). A key holder gives
// the new tablet's server name and first password (IT's add-tablet printed them); this tablet
// checks them with the server and shows a one-time code to type on the new tablet, with the same
// code as a QR code for IT's own tools. The code opens nothing without a key holder's passphrase.
import { useState } from 'react';
import { ActionBar, Button, ErrorSummary, InsetText, WarningText, type FormError } from '../components';
import { TabletCredentialFields } from './TabletCredentialFields';
import { QrCode } from '../sync/QrCode';
import type { SyncVault } from '../sync/types';

const IDS = { username: 'enrol-username', password: 'enrol-password' } as const;

function expiryText(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });
}

export function EnrolTabletSection({ sync }: { sync: SyncVault }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<{ code: string; expiresAt: string } | null>(null);
  const err = (f: keyof typeof IDS) => errors.find((e) => e.fieldId === IDS[f])?.text;

  const make = async () => {
    const problems: FormError[] = [];
    if (!username.trim())
      problems.push({ fieldId: IDS.username, text: 'Enter the new tablet’s name on the server, as IT gave it' });
    if (!password)
      problems.push({ fieldId: IDS.password, text: 'Enter the new tablet’s password on the server, as IT gave it' });
    if (problems.length === 0) {
      setBusy(true);
      try {
        const r = await sync.enrol({ username, password });
        if (r.ok) {
          setMade({ code: r.code, expiresAt: r.expiresAt });
          setPassword('');
          setErrors([]);
          return;
        }
        problems.push({ fieldId: r.field ? IDS[r.field] : IDS.username, text: r.message });
      } finally {
        setBusy(false);
      }
    }
    setAttempt((n) => n + 1);
    setErrors(problems);
  };

  return (
    <section aria-labelledby="enrol-heading">
      <h3 className="app-heading-s" id="enrol-heading">
        Join another tablet
      </h3>
      <p className="app-body">
        A deputy’s tablet, or one that replaces a lost tablet, joins with a one-time code from here. Ask IT to add the
        new tablet to the server first (they give you its name and password). On the new tablet, choose “Join with an
        enrolment code”, type the code, and each key holder then unlocks there with their own passphrase.
      </p>
      {made ? (
        <div data-testid="enrol-result">
          <p className="app-body">
            Type this code on the new tablet. It works once, until {expiryText(made.expiresAt)}.
          </p>
          <p className="app-recovery-key" data-testid="enrol-code" aria-label="Enrolment code">
            {made.code}
          </p>
          <QrCode text={made.code} label="The same enrolment code as a QR code" />
          <WarningText>
            Show this code only to whoever sets up the new tablet, and close it when they are done. It lets a tablet
            reach the school’s server; it opens no record without a key holder’s passphrase.
          </WarningText>
          <ActionBar>
            <Button variant="secondary" onClick={() => setMade(null)}>
              Close the code
            </Button>
          </ActionBar>
        </div>
      ) : (
        <>
          <ErrorSummary errors={errors} focusKey={attempt} />
          <TabletCredentialFields
            which="new"
            ids={IDS}
            username={username}
            password={password}
            onUsername={setUsername}
            onPassword={setPassword}
            errors={{ username: err('username'), password: err('password') }}
            usernameHint="For example hillside-deputy-tablet-2"
            passwordHint="Shown once to IT when they added the new tablet."
          />
          <ActionBar>
            <Button onClick={() => void make()} disabled={busy}>
              Make an enrolment code
            </Button>
          </ActionBar>
        </>
      )}
      <InsetText>
        <p className="app-body">
          A lost or stolen tablet: revoke it below, then remove any key holder whose passphrase may be known with it.
        </p>
      </InsetText>
    </section>
  );
}
