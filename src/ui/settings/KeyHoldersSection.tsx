// Settings: who holds a key. The DSL and deputies add a deputy or the Headteacher, remove one,
// reset a forgotten passphrase and replace the recovery key; everyone can change their own
// passphrase. The Headteacher sees the list. Removing a key holder renews the records' key (a progress bar shows it),
// and handing on a key (adding, resetting, a new recovery key) asks for your own passphrase again (docs/KEYS.md).
import { useEffect, useState } from 'react';
import { ROLE_LABELS } from '../../domain/stages';
import { Button, NotificationBanner, VisuallyHidden } from '../components';
import { type KeyHolder, type UnlockedVault } from '../data/vault';
import '../setup/setup.css';
import '../policy/policy.css';
import { may } from '../../domain/permissions';
import { message } from './keyholders/formParts';
import { AddForm } from './keyholders/AddForm';
import { ResetForm } from './keyholders/ResetForm';
import { RemoveForm } from './keyholders/RemoveForm';
import { ChangeForm } from './keyholders/ChangeForm';
import { RecoveryKeyPanel } from './keyholders/RecoveryKeyPanel';

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
