// The key holders set up on the first run: each one's name, phone and passphrase (typed twice), a
// deputy DSL or the Headteacher added, anyone but the DSL removed (docs/SECURITY.md: who holds a key).
import type { Role } from '../../domain/types';
import { leads, may } from '../../domain/permissions';
import { ROLE_LABELS } from '../../domain/stages';
import { Button, TextInput } from '../components';
import { PassphraseInput } from './PassphraseInput';
import type { Strength } from './strength';

export interface Holder {
  key: string;
  name: string;
  phone: string;
  role: Exclude<Role, 'staff'>;
  passphrase: string;
  confirm: string;
  strength: Strength | null;
}

export const holder = (role: Holder['role']): Holder => ({
  key: crypto.randomUUID(),
  name: '',
  phone: '',
  role,
  passphrase: '',
  confirm: '',
  strength: null,
});

export function KeyHolderFields({
  holders,
  setHolders,
  userInputs,
  err,
  strengthFor,
}: {
  holders: Holder[];
  setHolders: (update: Holder[] | ((prev: Holder[]) => Holder[])) => void;
  userInputs: string[];
  err: (id: string) => string | undefined;
  strengthFor: (key: string) => (strength: Strength | null) => void;
}) {
  const setHolder = (key: string, patch: Partial<Holder>) =>
    setHolders((hs) => hs.map((h) => (h.key === key ? { ...h, ...patch } : h)));
  return (
    <>
      {holders.map((h, i) => {
        const id = `holder-${i + 1}`;
        return (
          <fieldset key={h.key} className="app-fieldset app-person">
            <legend className="app-fieldset__legend app-fieldset__legend--s">
              Key holder {i + 1}: {ROLE_LABELS[h.role]}
            </legend>
            <TextInput
              id={`${id}-name`}
              label="Name"
              value={h.name}
              onChange={(v) => setHolder(h.key, { name: v })}
              error={err(`${id}-name`)}
              autoComplete="off"
            />
            <TextInput
              id={`${id}-phone`}
              label="Phone number staff should call"
              hint="Optional."
              type="tel"
              value={h.phone}
              onChange={(v) => setHolder(h.key, { phone: v })}
              error={err(`${id}-phone`)}
              width="20"
            />
            <PassphraseInput
              id={`${id}-passphrase`}
              label="Passphrase"
              hint="At least 12 characters; three or four unrelated words work well. You can paste it from a password manager."
              value={h.passphrase}
              onChange={(v) => setHolder(h.key, { passphrase: v })}
              error={err(`${id}-passphrase`)}
              autoComplete="new-password"
              measure={{ userInputs, onStrength: strengthFor(h.key) }}
            />
            <PassphraseInput
              id={`${id}-confirm`}
              label="Type the passphrase again"
              value={h.confirm}
              onChange={(v) => setHolder(h.key, { confirm: v })}
              error={err(`${id}-confirm`)}
              autoComplete="new-password"
            />
            {!leads(h.role) && (
              <Button variant="secondary" onClick={() => setHolders(holders.filter((x) => x.key !== h.key))}>
                Remove key holder {i + 1}
              </Button>
            )}
          </fieldset>
        );
      })}
      <div className="app-button-group">
        <Button variant="secondary" onClick={() => setHolders([...holders, holder('deputy-dsl')])}>
          Add a deputy DSL
        </Button>
        {!holders.some((h) => may(h.role, 'sign-off-as-headteacher')) && (
          <Button variant="secondary" onClick={() => setHolders([...holders, holder('headteacher')])}>
            Add the Headteacher
          </Button>
        )}
      </div>
    </>
  );
}
