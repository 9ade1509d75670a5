// First run: join an establishment that already syncs, with the one-time enrolment code a key
// holder made on a tablet that syncs (docs/SYNC.md, "Joining a tablet"). The code is typed (the app
// reads no image and no camera). Then a key holder chooses themselves and types their own
// passphrase: only then is anything written on this tablet. PouchDB loads only here.
import { useRef, useState } from 'react';
import { ActionBar, Button, ErrorSummary, NotificationBanner, Radios, TextInput, type FormError } from '../components';
import { PassphraseInput } from './PassphraseInput';
import type { JoinReady } from '../../storage/sync/join';

const ROLE_TEXT = { dsl: 'DSL', 'deputy-dsl': 'Deputy DSL', headteacher: 'Headteacher' } as const;

export function JoinWithCode({ onJoined }: { onJoined: () => void }) {
  const [code, setCode] = useState('');
  const [who, setWho] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ read: number; total: number } | null>(null);
  const [ready, setReady] = useState<JoinReady | null>(null);
  const [done, setDone] = useState(false);
  const joining = useRef<JoinReady | null>(null);
  const fail = (fieldId: string, text: string) => {
    setAttempt((n) => n + 1);
    setErrors([{ fieldId, text }]);
  };
  const err = (id: string) => errors.find((e) => e.fieldId === id)?.text;

  const reach = async () => {
    if (!code.trim()) return fail('join-code', 'Enter the enrolment code shown on a tablet that already syncs');
    setBusy(true);
    setErrors([]);
    try {
      const { JoinError, startJoin } = await import('../../storage/sync/join');
      try {
        const r = await startJoin(code, location.origin, { onProgress: setProgress });
        joining.current = r;
        setReady(r);
      } catch (e) {
        if (e instanceof JoinError) fail('join-code', e.message);
        else throw e;
      }
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const finish = async () => {
    if (!ready) return;
    if (!who) return fail('join-who', 'Choose who you are');
    if (!passphrase) return fail('join-passphrase', 'Enter your passphrase');
    setBusy(true);
    try {
      const { JoinError } = await import('../../storage/sync/join');
      const { WrongPassphraseError } = await import('../../storage/crypto');
      try {
        await ready.complete(who, passphrase);
        await ready.close();
        setDone(true);
      } catch (e) {
        if (e instanceof WrongPassphraseError)
          fail('join-passphrase', 'That passphrase does not open this key holder’s key. Nothing was changed.');
        else if (e instanceof JoinError || e instanceof Error) fail('join-who', `${e.message} Nothing was changed.`);
        else throw e;
      }
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <NotificationBanner
        variant="success"
        heading="This tablet has joined. Each key holder unlocks with their own passphrase."
      >
        <Button onClick={onJoined}>Go to the lock screen</Button>
      </NotificationBanner>
    );
  return (
    <section aria-labelledby="join-heading">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h2 className="app-heading-m" id="join-heading">
        Join with an enrolment code
      </h2>
      {!ready ? (
        <>
          <TextInput
            id="join-code"
            label="Enrolment code"
            hint="A key holder makes it on a tablet that syncs: Settings, Sync with the school’s server, Join another tablet. Type it with or without the dashes."
            value={code}
            onChange={setCode}
            error={err('join-code')}
            autoComplete="off"
            spellCheck={false}
          />
          {progress && progress.total > 0 && (
            <p className="app-body">
              <label htmlFor="join-progress">Copying the encrypted records from the school’s server</label>{' '}
              <progress id="join-progress" max={progress.total} value={progress.read} />
            </p>
          )}
          <ActionBar>
            <Button variant="secondary" onClick={() => void reach()} disabled={busy}>
              Join the school’s server
            </Button>
          </ActionBar>
        </>
      ) : (
        <>
          <p className="app-body">
            Found {ready.establishment}. One key holder unlocks here now to finish joining; the others unlock with their
            own passphrases afterwards.
          </p>
          <Radios
            id="join-who"
            legend="Who are you?"
            items={ready.holders.map((h) => ({ value: h.userId, label: `${h.name} (${ROLE_TEXT[h.role]})` }))}
            value={who}
            onChange={setWho}
            error={err('join-who')}
          />
          <PassphraseInput
            id="join-passphrase"
            label="Your passphrase"
            value={passphrase}
            onChange={setPassphrase}
            error={err('join-passphrase')}
          />
          <ActionBar>
            <Button onClick={() => void finish()} disabled={busy}>
              Unlock and finish joining
            </Button>
          </ActionBar>
        </>
      )}
    </section>
  );
}
