// Settings, under sync: "Revoke a tablet" (docs/SYNC.md, "Revoking a tablet"). A key holder picks a
// lost or stolen tablet by its server name, reads what revoking does, and confirms: the school's
// server refuses that tablet from then on, the other tablets refuse what it records afterwards, and
// the establishment log records it. When only IT can do it (the tablet changed its own password),
// the screen says so with the command to give them. The permission is the domain's (may).
import { useState } from 'react';
import { may } from '../../domain/permissions';
import type { Role } from '../../domain/types';
import {
  ActionBar,
  Button,
  ErrorSummary,
  NotificationBanner,
  Radios,
  WarningText,
  type FormError,
} from '../components';
import { useSync } from '../sync/SyncProvider';
import type { SyncVault } from '../sync/types';

const GROUP_ID = 'revoke-tablet';

type Step =
  | { at: 'start' }
  | { at: 'choose'; tablets: { username: string; since: string }[] }
  | { at: 'confirm'; tablets: { username: string; since: string }[]; username: string }
  | { at: 'done'; username: string }
  | { at: 'it'; message: string; command: string };

function dateText(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });
}

export function RevokeTabletSection({
  sync,
  role,
  onLogged,
}: {
  sync: SyncVault;
  role: Role;
  /** The revocation went into the establishment log (the activity log shows it). */
  onLogged?: (() => void) | undefined;
}) {
  const [step, setStep] = useState<Step>({ at: 'start' });
  const [choice, setChoice] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const control = useSync();
  if (!may(role, 'revoke-tablet')) return null;

  const fail = (text: string) => {
    setErrors([{ fieldId: GROUP_ID, text }]);
    setAttempt((n) => n + 1);
  };
  const list = async () => {
    setBusy(true);
    try {
      const r = await sync.tablets();
      if (!r.ok) return fail(r.message);
      setErrors([]);
      setChoice(null);
      setStep({ at: 'choose', tablets: r.tablets });
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (username: string) => {
    setBusy(true);
    try {
      const r = await sync.revoke(username);
      setErrors([]);
      // This tablet set itself a new server password: sync starts again with it.
      if (r.ok || r.itCommand) {
        control.restart();
        onLogged?.();
      }
      if (r.ok) setStep({ at: 'done', username });
      else if (r.itCommand) setStep({ at: 'it', message: r.message, command: r.itCommand });
      else fail(r.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="revoke-heading">
      <h3 className="app-heading-s" id="revoke-heading">
        Revoke a tablet
      </h3>
      <p className="app-body">
        If a tablet that syncs is lost, stolen or given away, lock it out of the school’s server from here. Then join
        the tablet that replaces it with a new enrolment code.
      </p>
      <ErrorSummary errors={errors} focusKey={attempt} />
      {step.at === 'start' && (
        <ActionBar>
          <Button variant="warning" onClick={() => void list()} disabled={busy}>
            Revoke a tablet
          </Button>
        </ActionBar>
      )}
      {step.at === 'choose' &&
        (step.tablets.length === 0 ? (
          <p className="app-body" data-testid="revoke-none">
            No other tablet can be revoked from here: none has synced with this version yet. IT can revoke any tablet on
            the server (npm run sync:setup -- revoke-tablet).
          </p>
        ) : (
          <>
            <Radios
              id={GROUP_ID}
              legend="Which tablet is lost?"
              legendSize="s"
              hint="Tablets are listed by their names on the server, as IT gave them. This tablet is not listed."
              error={errors[0]?.text}
              items={step.tablets.map((t) => ({
                value: t.username,
                label: t.username,
                hint: `Last set its server password ${dateText(t.since)}`,
              }))}
              value={choice}
              onChange={setChoice}
            />
            <ActionBar>
              <Button
                variant="warning"
                onClick={() =>
                  choice
                    ? setStep({ at: 'confirm', tablets: step.tablets, username: choice })
                    : fail('Choose the tablet to revoke')
                }
              >
                Continue
              </Button>
              <Button variant="secondary" onClick={() => setStep({ at: 'start' })}>
                Cancel
              </Button>
            </ActionBar>
          </>
        ))}
      {step.at === 'confirm' && (
        <div data-testid="revoke-confirm">
          <WarningText>
            Revoke {step.username}? The school’s server will refuse it from now on: it can no longer send or receive
            records. What it sent before stays; anything it recorded and never sent is not seen by the other tablets.
          </WarningText>
          <ul className="app-list app-list--bullet">
            <li>Every other tablet refuses steps that tablet records from now on.</li>
            <li>Each remaining tablet sets itself a new server password the next time it syncs.</li>
            <li>The establishment log records that you revoked it, and when.</li>
            <li>To use that tablet again, IT adds it afresh and it joins with a new code.</li>
          </ul>
          <ActionBar>
            <Button variant="warning" onClick={() => void revoke(step.username)} disabled={busy}>
              Yes, revoke {step.username}
            </Button>
            <Button variant="secondary" onClick={() => setStep({ at: 'choose', tablets: step.tablets })}>
              Cancel
            </Button>
          </ActionBar>
        </div>
      )}
      {step.at === 'done' && (
        <NotificationBanner variant="success" heading={`Tablet ${step.username} is revoked`}>
          <p className="app-body">
            The school’s server now refuses it. If a key holder’s passphrase may be known with that tablet, remove that
            key holder too (Key holders, above): that renews the records key.
          </p>
        </NotificationBanner>
      )}
      {step.at === 'it' && (
        <div data-testid="revoke-it">
          <WarningText>{step.message}</WarningText>
          <pre className="app-code" aria-label="Command for IT">
            {step.command}
          </pre>
          <p className="app-body">
            IT fills in the server administrator’s name and password in place of ADMIN and PASSWORD.
          </p>
        </div>
      )}
    </section>
  );
}
