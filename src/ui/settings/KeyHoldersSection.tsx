// Settings: who holds a key. The DSL and deputies add a deputy or the Headteacher, remove one,
// reset a forgotten passphrase and replace the recovery key; everyone can change their own
// passphrase. The Headteacher sees the list. Removing a key holder renews the records' key (a progress bar shows it),
// and handing on a key (adding, resetting, a new recovery key) asks for your own passphrase again (docs/KEYS.md).
import { useEffect, useRef, useState } from 'react';
import { ROLE_LABELS } from '../../domain/stages';
import {
  ActionBar,
  Button,
  Checkboxes,
  ErrorSummary,
  InsetText,
  NotificationBanner,
  Radios,
  Textarea,
  TextInput,
  VisuallyHidden,
  WarningText,
  type FormError,
} from '../components';
import { type KeyRotationProgress, RefusedError, type KeyHolder, type UnlockedVault } from '../data/vault';
import { PassphraseInput } from '../setup/PassphraseInput';
import { RotationProgressBar } from './RotationProgressBar';
import type { Strength } from '../setup/strength';
import '../setup/setup.css';
import '../policy/policy.css';
import { useRetryWait } from '../lock/useRetryWait';
import { withTooLong } from '../components/form/limits';
import { may } from '../../domain/permissions';

type Task =
  | { kind: 'add' }
  | { kind: 'change' }
  | { kind: 'recovery' }
  | { kind: 'reset'; holder: KeyHolder }
  | { kind: 'remove'; holder: KeyHolder };

export interface KeyHoldersSectionProps {
  vault: UnlockedVault;
  /** Names that make a passphrase easier to guess (the establishment's). */
  userInputs?: string[];
  /** After a change the rest of the app should see (the lock screen's list, the activity log). */
  onChanged?: () => void | Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function KeyHoldersSection({ vault, userInputs = [], onChanged }: KeyHoldersSectionProps) {
  const me = vault.actor;
  const manager = may(me.role, 'manage-key-holders');
  const [holders, setHolders] = useState<KeyHolder[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [task, setTask] = useState<Task | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    vault.keyHolders().then(
      (h) => {
        if (!live) return;
        setHolders(h);
        setLoadError(null);
      },
      (e: unknown) => {
        if (live) setLoadError(message(e));
      },
    );
    return () => {
      live = false;
    };
  }, [vault, version]);

  const finish = async (text: string) => {
    setTask(null);
    setDone(text);
    setVersion((n) => n + 1);
    await onChanged?.();
  };
  const open = (t: Task) => {
    setDone(null);
    setTask(t);
  };

  return (
    <section aria-labelledby="key-holders-heading">
      <h2 className="app-heading-m" id="key-holders-heading">
        Who holds a key
      </h2>
      <p className="app-body">
        The DSL and deputies can do everything. The Headteacher can read cases and sign off decisions. Other staff hold
        no key.
      </p>
      {done && <NotificationBanner variant="success" heading={done} />}
      {loadError && <NotificationBanner variant="urgent" title="Problem" heading={loadError} />}
      {holders && (
        <dl className="app-summary-list">
          {holders.map((h) => (
            <div key={h.userId} className="app-summary-list__row">
              {/* dir="auto": an Arabic or Hebrew name reads in its own direction. */}
              <dt className="app-summary-list__key" dir="auto">
                {h.name}
                {h.userId === me.userId && ' (you)'}
              </dt>
              <dd className="app-summary-list__value">
                {ROLE_LABELS[h.role]}
                {h.needsNewPassphrase && <strong className="app-tag app-tag--red"> Needs a new passphrase</strong>}
              </dd>
              {manager && (
                <dd className="app-summary-list__actions">
                  <div className="app-button-group">
                    {h.userId !== me.userId && (
                      <Button variant="secondary" onClick={() => open({ kind: 'reset', holder: h })}>
                        Reset passphrase <VisuallyHidden>for {h.name}</VisuallyHidden>
                      </Button>
                    )}
                    <Button variant="secondary" onClick={() => open({ kind: 'remove', holder: h })}>
                      Remove <VisuallyHidden>{h.name}</VisuallyHidden>
                    </Button>
                  </div>
                </dd>
              )}
            </div>
          ))}
        </dl>
      )}
      {!manager && (
        <p className="app-body">Only the DSL or a deputy can add or remove key holders and reset passphrases.</p>
      )}

      {task?.kind === 'add' && (
        <AddForm vault={vault} userInputs={userInputs} onCancel={() => setTask(null)} onDone={finish} />
      )}
      {task?.kind === 'reset' && (
        <ResetForm
          vault={vault}
          holder={task.holder}
          userInputs={userInputs}
          onCancel={() => setTask(null)}
          onDone={finish}
        />
      )}
      {task?.kind === 'remove' && (
        <RemoveForm
          vault={vault}
          holder={task.holder}
          self={task.holder.userId === me.userId}
          onCancel={() => setTask(null)}
          onDone={finish}
        />
      )}
      {task?.kind === 'change' && (
        <ChangeForm
          vault={vault}
          userInputs={[...userInputs, me.name]}
          onCancel={() => setTask(null)}
          onDone={finish}
        />
      )}
      {task?.kind === 'recovery' && <RecoveryKeyPanel vault={vault} onCancel={() => setTask(null)} onDone={finish} />}

      {!task && (
        <div className="app-button-group">
          {manager && (
            <Button variant="secondary" onClick={() => open({ kind: 'add' })}>
              Add a key holder
            </Button>
          )}
          <Button variant="secondary" onClick={() => open({ kind: 'change' })}>
            Change your passphrase
          </Button>
          {manager && (
            <Button variant="secondary" onClick={() => open({ kind: 'recovery' })}>
              Replace the recovery key
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

interface FormProps {
  vault: UnlockedVault;
  onCancel: () => void;
  onDone: (text: string) => Promise<void>;
}

/** Errors for one form: the summary at its top (focused), and each at its field. */
function useFormErrors() {
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const fail = (own: FormError[]) => {
    // Any field over its size limit too: nothing is changed while one is.
    const errs = withTooLong(own);
    setAttempt((n) => n + 1);
    setErrors(errs);
    return errs.length > 0;
  };
  const err = (id: string) => errors.find((e) => e.fieldId === id)?.text;
  return { errors, attempt, fail, err };
}

/** A panel's heading takes focus when it opens, so a screen reader hears what appeared. */
function PanelHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h3 className="app-heading-s" ref={ref} tabIndex={-1}>
      {children}
    </h3>
  );
}

function newPassphraseErrors(
  prefix: string,
  passphrase: string,
  confirm: string,
  strength: Strength | null,
): FormError[] {
  const errs: FormError[] = [];
  if (!passphrase) errs.push({ fieldId: `${prefix}-passphrase`, text: 'Enter a new passphrase' });
  else if (!strength?.ok)
    errs.push({
      fieldId: `${prefix}-passphrase`,
      text: strength?.message ?? 'Wait for the strength check, then try again',
    });
  if (passphrase !== confirm) errs.push({ fieldId: `${prefix}-confirm`, text: 'The passphrases do not match' });
  return errs;
}

const PASSPHRASE_HINT =
  'At least 12 characters; three or four unrelated words work well. You can paste it from a password manager.';

/**
 * A new passphrase and its confirmation, strength-checked as it is typed: the one pair used to add
 * a key holder, reset someone's passphrase and change your own (ids `<prefix>-passphrase`, `<prefix>-confirm`).
 */
function useNewPassphrase(prefix: string, labels: { passphrase: string; confirm: string }, userInputs: string[]) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);
  return {
    passphrase,
    errors: () => newPassphraseErrors(prefix, passphrase, confirm, strength),
    fields: (err: (fieldId: string) => string | undefined) => (
      <>
        <PassphraseInput
          id={`${prefix}-passphrase`}
          label={labels.passphrase}
          hint={PASSPHRASE_HINT}
          value={passphrase}
          onChange={setPassphrase}
          error={err(`${prefix}-passphrase`)}
          autoComplete="new-password"
          measure={{ userInputs, onStrength: setStrength }}
        />
        <PassphraseInput
          id={`${prefix}-confirm`}
          label={labels.confirm}
          value={confirm}
          onChange={setConfirm}
          error={err(`${prefix}-confirm`)}
          autoComplete="new-password"
        />
      </>
    ),
  };
}

function AddForm({ vault, userInputs, onCancel, onDone }: FormProps & { userInputs: string[] }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<'deputy-dsl' | 'headteacher' | null>(null);
  const pass = useNewPassphrase('add', { passphrase: 'Their passphrase', confirm: 'Type the passphrase again' }, [
    ...userInputs,
    name,
  ]);
  const [own, setOwn] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, attempt, fail, err } = useFormErrors();

  const submit = async () => {
    const errs: FormError[] = [];
    if (!name.trim()) errs.push({ fieldId: 'add-name', text: 'Enter the name of the new key holder' });
    if (!role) errs.push({ fieldId: 'add-role', text: 'Choose their role' });
    errs.push(...pass.errors());
    if (!own) errs.push({ fieldId: 'add-own', text: 'Enter your own passphrase' });
    if (fail(errs)) return;
    setBusy(true);
    try {
      const h = await vault.addKeyHolder({ name: name.trim(), role: role!, passphrase: pass.passphrase }, own);
      await onDone(`${h.name} can now unlock as ${ROLE_LABELS[h.role]}. Give them their passphrase in person.`);
    } catch (e) {
      setOwn('');
      const field =
        e instanceof RefusedError
          ? e.field === 'new-passphrase'
            ? 'add-passphrase'
            : e.field === 'own-passphrase'
              ? 'add-own'
              : 'add-name'
          : 'add-name';
      fail([{ fieldId: field, text: `Nobody was added: ${message(e)}` }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app-person">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <PanelHeading>Add a key holder</PanelHeading>
      <TextInput
        id="add-name"
        label="Name"
        value={name}
        onChange={setName}
        error={err('add-name')}
        autoComplete="off"
        spellCheck={false}
      />
      <Radios
        id="add-role"
        legend="Role"
        legendSize="s"
        items={[
          { value: 'deputy-dsl', label: ROLE_LABELS['deputy-dsl'], hint: 'Can do everything the DSL can.' },
          { value: 'headteacher', label: ROLE_LABELS.headteacher, hint: 'Can read cases and sign off decisions.' },
        ]}
        value={role}
        onChange={(v) => setRole(v as 'deputy-dsl' | 'headteacher')}
        error={err('add-role')}
      />
      {pass.fields(err)}
      <OwnPassphrase id="add-own" value={own} onChange={setOwn} error={err('add-own')} />
      <ActionBar>
        <Button disabled={busy} onClick={submit}>
          {busy ? 'Adding…' : 'Add key holder'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ActionBar>
    </div>
  );
}

function ResetForm({
  vault,
  holder,
  userInputs,
  onCancel,
  onDone,
}: FormProps & { holder: KeyHolder; userInputs: string[] }) {
  const pass = useNewPassphrase('reset', { passphrase: 'New passphrase', confirm: 'Type the new passphrase again' }, [
    ...userInputs,
    holder.name,
  ]);
  const [own, setOwn] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, attempt, fail, err } = useFormErrors();

  const submit = async () => {
    const errs = pass.errors();
    if (!own) errs.push({ fieldId: 'reset-own', text: 'Enter your own passphrase' });
    if (fail(errs)) return;
    setBusy(true);
    try {
      await vault.resetPassphrase(holder.userId, pass.passphrase, own);
      await onDone(
        `${holder.name} has a new passphrase. Give it to them in person; they can change it after unlocking.`,
      );
    } catch (e) {
      setOwn('');
      fail([
        {
          fieldId: e instanceof RefusedError && e.field === 'own-passphrase' ? 'reset-own' : 'reset-passphrase',
          text: `The passphrase was not changed: ${message(e)}`,
        },
      ]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app-person">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <PanelHeading>{`Reset the passphrase for ${holder.name}`}</PanelHeading>
      <p className="app-body">
        For when {holder.name} has forgotten theirs. Their old passphrase stops working. The activity log records that
        you did this.
      </p>
      {pass.fields(err)}
      <OwnPassphrase id="reset-own" value={own} onChange={setOwn} error={err('reset-own')} />
      <ActionBar>
        <Button disabled={busy} onClick={submit}>
          {busy ? 'Saving…' : 'Set the new passphrase'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ActionBar>
    </div>
  );
}

function RemoveForm({ vault, holder, self, onCancel, onDone }: FormProps & { holder: KeyHolder; self: boolean }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<KeyRotationProgress | null>(null);
  const { errors, attempt, fail, err } = useFormErrors();

  const submit = async () => {
    if (!reason.trim())
      return void fail([{ fieldId: 'remove-reason', text: `Say why ${holder.name} is being removed` }]);
    setBusy(true);
    try {
      const r = await vault.removeKeyHolder(holder.userId, reason.trim(), setProgress);
      const after = [
        ...(r.needsNewPassphrase.length > 0
          ? [
              `${r.needsNewPassphrase.join(', ')} had not unlocked since this version was installed, so their key could not be renewed: set them a new passphrase.`,
            ]
          : []),
        ...(r.recoveryKeyLost
          ? ['The recovery key was from before this version and no longer opens anything: make a new one now.']
          : []),
      ];
      const first = self
        ? 'Your key has been removed. Lock the app now: you will not be able to unlock it again.'
        : `${holder.name} can no longer unlock YPSI Response on this device, and a new key protects the records.`;
      await onDone([first, ...after].join(' '));
    } catch (e) {
      fail([{ fieldId: 'remove-reason', text: message(e) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app-person">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <PanelHeading>{self ? 'Remove your own key' : `Remove ${holder.name}`}</PanelHeading>
      <p className="app-body">
        {self ? 'You' : holder.name} ({ROLE_LABELS[holder.role]}) will no longer be able to unlock YPSI Response on this
        device.
      </p>
      <WarningText>
        A new key will protect the records: every case key is wrapped again under it, so a copy of the old key opens
        nothing on this device. Copies already made (backups, exported records) stay as they were.
      </WarningText>
      <Textarea
        id="remove-reason"
        label="Why are they being removed?"
        hint="For example: left the school on 31 August. This goes in the activity log."
        value={reason}
        onChange={setReason}
        rows={3}
        error={err('remove-reason')}
      />
      {busy && progress && <RotationProgressBar progress={progress} />}
      <ActionBar>
        <Button variant="warning" disabled={busy} onClick={submit}>
          {busy ? 'Removing…' : self ? 'Remove my key' : `Remove ${holder.name}’s key`}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ActionBar>
    </div>
  );
}

function ChangeForm({ vault, userInputs, onCancel, onDone }: FormProps & { userInputs: string[] }) {
  const [current, setCurrent] = useState('');
  const pass = useNewPassphrase(
    'change',
    { passphrase: 'New passphrase', confirm: 'Type the new passphrase again' },
    userInputs,
  );
  const [busy, setBusy] = useState(false);
  const { errors, attempt, fail, err } = useFormErrors();
  const { waiting, startWait } = useRetryWait();

  const submit = async () => {
    const errs: FormError[] = [];
    if (!current) errs.push({ fieldId: 'change-current', text: 'Enter your current passphrase' });
    errs.push(...pass.errors());
    if (pass.passphrase && pass.passphrase === current)
      errs.push({ fieldId: 'change-passphrase', text: 'Choose a passphrase different from your current one' });
    if (fail(errs)) return;
    setBusy(true);
    try {
      await vault.changePassphrase(current, pass.passphrase);
      await onDone('Your passphrase has been changed. Use the new one next time you unlock.');
    } catch (e) {
      setCurrent('');
      if (e instanceof RefusedError && e.retryAfterMs > 0) {
        startWait(e.retryAfterMs);
      }
      const field = e instanceof RefusedError && e.field === 'new-passphrase' ? 'change-passphrase' : 'change-current';
      fail([{ fieldId: field, text: message(e) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app-person">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <PanelHeading>Change your passphrase</PanelHeading>
      <PassphraseInput
        id="change-current"
        label="Your current passphrase"
        value={current}
        onChange={setCurrent}
        error={err('change-current')}
      />
      {pass.fields(err)}
      {waiting > 0 && (
        <p className="app-body" role="status">
          You can try again in {waiting} second{waiting === 1 ? '' : 's'}.
        </p>
      )}
      <ActionBar>
        <Button disabled={busy || waiting > 0} onClick={submit}>
          {busy ? 'Saving…' : 'Change my passphrase'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ActionBar>
    </div>
  );
}

/** Makes a new recovery key (the old one stops working) and shows it once, as at set-up. */
function RecoveryKeyPanel({ vault, onCancel, onDone }: FormProps) {
  const [key, setKey] = useState<string | null>(null);
  const [keptSafe, setKeptSafe] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [asked, setAsked] = useState(false);
  const [own, setOwn] = useState('');

  if (!key) {
    return (
      <div className="app-person">
        <PanelHeading>Replace the recovery key</PanelHeading>
        <p className="app-body">
          Do this if the recovery key was used, lost, or could have been seen by someone else. The old key stops working
          at once, and the new one is shown only once.
        </p>
        <InsetText>Have paper and a pen ready, and make sure nobody can see the screen.</InsetText>
        {problem && <NotificationBanner variant="urgent" title="Problem" heading={`No new key was made: ${problem}`} />}
        <OwnPassphrase id="recovery-own" value={own} onChange={setOwn} />
        <ActionBar>
          <Button
            disabled={busy}
            onClick={async () => {
              if (!own) return void setProblem('Enter your own passphrase.');
              setBusy(true);
              try {
                setKey(await vault.replaceRecoveryKey(own));
              } catch (e) {
                setOwn('');
                setProblem(message(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? 'Making a new key…' : 'Make a new recovery key'}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </ActionBar>
      </div>
    );
  }
  return (
    <div className="app-person">
      <PanelHeading>Your new recovery key</PanelHeading>
      <WarningText>This is the only time it is shown. The old recovery key no longer works.</WarningText>
      <p className="app-body">
        If every key holder forgets their passphrase, this key is the only way back into the records. Write it on paper
        and keep it locked away, offline, away from this tablet.
      </p>
      <p className="app-recovery-key" aria-label="Recovery key">
        {key}
      </p>
      <Checkboxes
        id="kept-safe"
        legend="Confirm"
        items={[{ value: 'yes', label: 'I have written the recovery key down and will keep it safe, offline' }]}
        values={keptSafe}
        onChange={setKeptSafe}
        error={asked && keptSafe.length === 0 ? 'Confirm that you have written the recovery key down' : undefined}
      />
      <ActionBar>
        <Button
          onClick={() => {
            setAsked(true);
            if (keptSafe.length > 0) void onDone('The new recovery key is in place. Destroy the old one.');
          }}
        >
          Continue
        </Button>
      </ActionBar>
    </div>
  );
}

/** The signed-in manager's own passphrase, asked again: the app keeps no copy of the key it hands on (docs/SECURITY.md item 5). */
function OwnPassphrase({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <PassphraseInput
      id={id}
      label="Your own passphrase"
      hint="Asked again because the app keeps no copy of the key it hands on."
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
