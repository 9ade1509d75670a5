// The lock screen: unlock with your passphrase; or, without unlocking, record a disclosure or
// check what the policy says. It shows nothing about any case.
import { useState } from 'react';
import { Link } from 'react-router';
import { ROLE_LABELS } from '../../domain/stages';
import { Button, ButtonGroup, ErrorSummary, Fieldset, Radios, type FormError } from '../components';
import { useSettings } from '../data/settings';
import { UnlockRefusedError, type KeyHolder } from '../data/vault';
import { PassphraseInput } from '../setup/PassphraseInput';
import '../setup/setup.css';
import { useRetryWait } from './useRetryWait';
import { SealWordsText } from '../disclosure/SealWordsText';
import type { SealWords } from '../data/vault';

export interface LockScreenProps {
  holders: KeyHolder[];
  onUnlock: (userId: string, passphrase: string) => Promise<void>;
  /** Why the app locked, if it did (idle, hidden, on demand). */
  notice?: string | null;
  /** The device's settings and key holders are still being read: the form shows, filled in when they come. */
  loading?: boolean;
  /** The seal words of the key disclosures are sealed to, for staff to compare with their notice. */
  sealWords?: SealWords | null;
}

export function LockScreen({ holders, onUnlock, notice, loading = false, sealWords = null }: LockScreenProps) {
  const settings = useSettings();
  const [chosenId, setUserId] = useState('');
  // The only key holder is chosen for you, also when the list arrives after the first paint.
  const userId = chosenId || (holders.length === 1 ? holders[0]!.userId : '');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const { waiting, startWait } = useRetryWait();

  const unlock = async () => {
    setAttempt((n) => n + 1);
    const errs: FormError[] = [];
    if (!userId) errs.push({ fieldId: 'user', text: 'Choose who you are' });
    if (!passphrase) errs.push({ fieldId: 'passphrase', text: 'Enter your passphrase' });
    setErrors(errs);
    if (errs.length) return;
    setBusy(true);
    try {
      await onUnlock(userId, passphrase);
      setPassphrase('');
    } catch (e) {
      setPassphrase('');
      if (e instanceof UnlockRefusedError) {
        startWait(e.retryAfterMs);
        setErrors([{ fieldId: 'passphrase', text: e.message }]);
      } else setErrors([{ fieldId: 'passphrase', text: e instanceof Error ? e.message : String(e) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app-page app-lock">
      <ErrorSummary errors={errors} focusKey={attempt} />
      {notice && (
        <p className="app-body app-lock__notice" role="status">
          {notice}
        </p>
      )}
      <p className="app-caption-l">{loading ? '\u00a0' : settings.establishmentName}</p>
      <h1 className="app-heading-xl">YPSI Response is locked</h1>
      <h2 className="app-heading-m">Has someone just told you something?</h2>
      <Link className="app-button app-lock__big" to="/disclose" draggable={false}>
        Record a disclosure
      </Link>
      <p className="app-body">You do not need to unlock. Tell the DSL in person first.</p>
      {/* While loading, a line the size of the seal words holds their place: they arrive without
          moving the form below them (no layout shift, issue 14 item 6). Its text is longer than
          any six words make theirs, so the words, arriving late, are never a larger paint than it:
          the page's largest paint stays its first one. */}
      {sealWords ? (
        <SealWordsText sealWords={sealWords} />
      ) : (
        loading && (
          <p className="app-body" role="status">
            Seal words: <strong>being read from this tablet</strong>. In a moment six words show here, in place of this
            note, for you to compare. They should be the same as on the staff notice from your DSL. If they are not, do
            not record the disclosure here: tell the DSL.
          </p>
        )
      )}
      <h2 className="app-heading-m">Unlock</h2>
      {/* method="dialog": outside a dialog a form with it never submits, so a passphrase typed
          into the pre-rendered form before the script runs is never sent or put in the address. */}
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void unlock();
        }}
      >
        {loading && holders.length === 0 ? (
          // The question's frame and one choice's height, so the list fills it without moving the form.
          <Fieldset id="user-fieldset" legend="Who are you?">
            <p className="app-body app-lock__finding" role="status">
              <span>Finding who can unlock this tablet…</span>
            </p>
          </Fieldset>
        ) : (
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
            error={errors.find((x) => x.fieldId === 'user')?.text}
          />
        )}
        <PassphraseInput
          id="passphrase"
          label="Passphrase"
          value={passphrase}
          onChange={setPassphrase}
          error={errors.find((x) => x.fieldId === 'passphrase')?.text}
        />
        {waiting > 0 && (
          <p className="app-body" role="status">
            You can try again in {waiting} second{waiting === 1 ? '' : 's'}.
          </p>
        )}
        <ButtonGroup>
          <Button type="submit" disabled={busy || waiting > 0}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </Button>
        </ButtonGroup>
      </form>
      <p className="app-body">
        <Link className="app-link app-link--block" to="/policy-check">
          What would the policy say? (nothing is recorded)
        </Link>
      </p>
      <p className="app-body">
        Forgotten your passphrase? Ask another DSL to reset it for you, or use the recovery key.
      </p>
      <p className="app-body">
        <Link className="app-link app-link--block" to="/recover">
          Use the recovery key
        </Link>
      </p>
    </div>
  );
}
