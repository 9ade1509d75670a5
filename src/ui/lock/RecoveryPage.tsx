// Every passphrase forgotten: the recovery key written down at set-up opens the records and sets
// a new passphrase for the chosen key holder, who is then unlocked. A wrong key gets the same
// slow-down as a wrong passphrase. Its use is recorded in the activity log.
import { useState } from 'react';
import { Link } from 'react-router';
import { ROLE_LABELS } from '../../domain/stages';
import {
  ActionBar,
  BackLink,
  Button,
  ErrorSummary,
  NotificationBanner,
  Radios,
  TextInput,
  usePageTitle,
  type FormError,
} from '../components';
import { useSettings } from '../data/settings';
import { RefusedError, type KeyHolder } from '../data/vault';
import { useSession } from '../session/SessionContext';
import { PassphraseInput } from '../setup/PassphraseInput';
import type { Strength } from '../setup/strength';
import '../setup/setup.css';
import { useRetryWait } from './useRetryWait';

export interface RecoveryPageProps {
  holders: KeyHolder[];
  /** Sets the new passphrase with the recovery key and unlocks; throws RefusedError for a wrong key. */
  onRecover: (recoveryKey: string, userId: string, newPassphrase: string) => Promise<void>;
}

export function RecoveryPage({ holders, onRecover }: RecoveryPageProps) {
  const settings = useSettings();
  const [recoveryKey, setRecoveryKey] = useState('');
  const [userId, setUserId] = useState(holders.length === 1 ? holders[0]!.userId : '');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { waiting, startWait } = useRetryWait();
  usePageTitle(done ? 'Unlocked with the recovery key' : 'Use the recovery key', errors.length > 0);
  const err = (id: string) => errors.find((e) => e.fieldId === id)?.text;
  const chosen = holders.find((h) => h.userId === userId);

  const submit = async () => {
    const errs: FormError[] = [];
    if (!recoveryKey.trim()) errs.push({ fieldId: 'recovery-key', text: 'Enter the recovery key' });
    if (!userId) errs.push({ fieldId: 'user', text: 'Choose who you are' });
    if (!passphrase) errs.push({ fieldId: 'new-passphrase', text: 'Enter a new passphrase' });
    else if (!strength?.ok)
      errs.push({
        fieldId: 'new-passphrase',
        text: strength?.message ?? 'Wait for the strength check, then try again',
      });
    if (passphrase !== confirm) errs.push({ fieldId: 'confirm-passphrase', text: 'The passphrases do not match' });
    setAttempt((n) => n + 1);
    setErrors(errs);
    if (errs.length) return;
    setBusy(true);
    try {
      await onRecover(recoveryKey, userId, passphrase);
      setRecoveryKey('');
      setPassphrase('');
      setConfirm('');
      setErrors([]);
      setDone(chosen?.name ?? '');
    } catch (e) {
      const r = e instanceof RefusedError ? e : null;
      if (r && r.retryAfterMs > 0) {
        startWait(r.retryAfterMs);
      }
      const field = r?.field === 'new-passphrase' ? 'new-passphrase' : r?.field === 'other' ? 'user' : 'recovery-key';
      setAttempt((n) => n + 1);
      setErrors([{ fieldId: field, text: e instanceof Error ? e.message : String(e) }]);
    } finally {
      setBusy(false);
    }
  };

  if (done !== null) {
    return (
      <div className="app-page app-lock">
        <NotificationBanner
          variant="success"
          heading={`Unlocked. ${done ? `${done}’s` : 'Your'} new passphrase is set.`}
        >
          <p className="app-body">
            Use the new passphrase from now on. Using the recovery key is recorded in the activity log.
          </p>
        </NotificationBanner>
        <h1 className="app-heading-l">Replace the recovery key now</h1>
        <p className="app-body">
          The recovery key has been typed on this tablet, so treat it as seen. Make a new one in Settings, under “Who
          holds a key”, write it down and destroy the old one.
        </p>
        <p className="app-body">
          <Link className="app-link app-link--block" to="/settings">
            Go to Settings to replace the recovery key
          </Link>
        </p>
        <p className="app-body">
          <Link className="app-link app-link--block" to="/">
            Go to the cases
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="app-page app-lock">
      <BackLink href="/">Back to the lock screen</BackLink>
      <ErrorSummary errors={errors} focusKey={attempt} />
      <p className="app-caption-l">{settings.establishmentName}</p>
      <h1 className="app-heading-xl">Use the recovery key</h1>
      <p className="app-body">
        If another DSL or deputy can reset your passphrase, ask them instead. The recovery key was shown once, at
        set-up, to be written down and kept offline.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextInput
          id="recovery-key"
          label="Recovery key"
          hint="8 groups of 4 letters and digits. Spaces, dashes and capital letters do not matter."
          value={recoveryKey}
          onChange={setRecoveryKey}
          error={err('recovery-key')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
        />
        <Radios
          id="user"
          legend="Who are you?"
          items={holders.map((h) => ({
            value: h.userId,
            // <bdi>: an Arabic or Hebrew name reads in its own direction beside the role.
            label: (
              <>
                <bdi>{h.name}</bdi> ({ROLE_LABELS[h.role]})
              </>
            ),
          }))}
          value={userId}
          onChange={setUserId}
          error={err('user')}
        />
        <PassphraseInput
          id="new-passphrase"
          label="Your new passphrase"
          hint="At least 12 characters; three or four unrelated words work well. You can paste it from a password manager."
          value={passphrase}
          onChange={setPassphrase}
          error={err('new-passphrase')}
          autoComplete="new-password"
          measure={{ userInputs: [settings.establishmentName, chosen?.name ?? ''], onStrength: setStrength }}
        />
        <PassphraseInput
          id="confirm-passphrase"
          label="Type the new passphrase again"
          value={confirm}
          onChange={setConfirm}
          error={err('confirm-passphrase')}
          autoComplete="new-password"
        />
        {waiting > 0 && (
          <p className="app-body" role="status">
            You can try again in {waiting} second{waiting === 1 ? '' : 's'}.
          </p>
        )}
        <ActionBar>
          <Button type="submit" disabled={busy || waiting > 0}>
            {busy ? 'Unlocking…' : 'Unlock and set my new passphrase'}
          </Button>
        </ActionBar>
      </form>
    </div>
  );
}

/** The /recover route: the lock screen's way in when every passphrase is forgotten. */
export function RecoveryRoute() {
  const session = useSession();
  const [recovered, setRecovered] = useState(false);
  if (session.status === 'loading') return <p className="app-body">Opening…</p>;
  if (session.status !== 'ok') {
    return (
      <div className="app-page">
        <h1 className="app-heading-xl">There is nothing to recover on this tablet</h1>
        <p className="app-body">It has not been set up, or its records are missing.</p>
        <p className="app-body">
          <Link className="app-link app-link--block" to="/">
            Go to the start
          </Link>
        </p>
      </div>
    );
  }
  if (session.unlocked && !recovered) {
    return (
      <div className="app-page">
        <h1 className="app-heading-xl">YPSI Response is already unlocked</h1>
        <p className="app-body">
          To give someone a new passphrase, use “Reset passphrase” in Settings. To replace the recovery key, use
          Settings too.
        </p>
        <p className="app-body">
          <Link className="app-link" to="/settings">
            Go to Settings
          </Link>
        </p>
      </div>
    );
  }
  return (
    <RecoveryPage
      holders={session.holders}
      onRecover={async (key, userId, passphrase) => {
        const v = await session.vault.recover(key, userId, passphrase);
        setRecovered(true);
        await session.adopt(v);
      }}
    />
  );
}
