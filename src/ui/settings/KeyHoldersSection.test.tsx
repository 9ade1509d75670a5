// @vitest-environment jsdom
// Key holders in Settings, over the real storage on fake-indexeddb: add, remove (the last DSL or
// deputy refused), reset a forgotten passphrase, change your own, replace the recovery key; the
// Headteacher sees the list only. One device is set up per file; each test works on a copy of it.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { listUsers, recoverWithRecoveryKey } from '../../storage';
import { clearFailures } from '../../storage/keys/throttle';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { storageVault } from '../data/storageVault';
import type { UnlockedVault } from '../data/vault';
import { KeyHoldersSection } from './KeyHoldersSection';

const NEW_PASS = 'Orchard ladders lean on quiet barns';
let device: Device;
let dsl: UnlockedVault;

beforeAll(async () => {
  device = await setUpDevice('ui-key-holders');
});
beforeEach(async () => {
  await useCopyOf(device);
  // Removing a key holder renews the records' key under the session that did it: each test unlocks its own.
  dsl = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
});
afterEach(cleanup);

async function show(vault: UnlockedVault = dsl, onChanged = vi.fn<() => void>()) {
  render(<KeyHoldersSection vault={vault} userInputs={['Hillside Academy']} onChanged={onChanged} />);
  await screen.findByText('Dana Shah (you)');
  return { user: userEvent.setup(), onChanged };
}

/** Pastes a passphrase (paste is allowed: WCAG 3.3.8) and waits for its strength to be judged. */
async function pastePassphrase(
  user: ReturnType<typeof userEvent.setup>,
  label: string | RegExp,
  value: string,
  expected: RegExp = /Good passphrase|Strong passphrase/,
) {
  await user.click(screen.getByLabelText(label));
  await user.paste(value);
  await screen.findByText(expected);
}

function summary() {
  return within(screen.getByRole('alert'))
    .getAllByRole('link')
    .map((a) => a.textContent);
}

describe('the list', () => {
  it('shows every key holder with their role, and what the DSL can do', async () => {
    await show();
    const list = document.querySelector<HTMLElement>('dl.app-summary-list')!;
    expect(within(list).getByText('Dana Shah (you)')).toBeTruthy();
    expect(within(list).getByText('Designated Safeguarding Lead')).toBeTruthy();
    expect(within(list).getByText('Dev Patel', { selector: 'dt' })).toBeTruthy();
    expect(within(list).getByText('Deputy DSL')).toBeTruthy();
    expect(within(list).getByText('Helen Okafor', { selector: 'dt' })).toBeTruthy();
    expect(within(list).getByText('Headteacher')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reset passphrase for Helen Okafor' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reset passphrase for Dana Shah' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Add a key holder' })).toBeTruthy();
  });

  it('shows the Headteacher the list only', async () => {
    const head = await storageVault.unlock(device.users.head, PASSPHRASES.head);
    render(<KeyHoldersSection vault={head} />);
    await screen.findByText('Helen Okafor (you)');
    expect(screen.getByText('Dana Shah', { selector: 'dt' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add a key holder' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Reset passphrase/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Replace the recovery key' })).toBeNull();
    expect(screen.getByText(/Only the DSL or a deputy can add or remove key holders/)).toBeTruthy();
  });
});

describe('adding a key holder', () => {
  it('adds a deputy, who can then unlock with their passphrase', async () => {
    const { user, onChanged } = await show();
    await user.click(screen.getByRole('button', { name: 'Add a key holder' }));
    expect(document.activeElement?.textContent).toBe('Add a key holder');
    await user.type(screen.getByLabelText('Name'), 'Priya Nair');
    await user.click(screen.getByLabelText('Deputy DSL'));
    await pastePassphrase(user, 'Their passphrase', NEW_PASS);
    await user.click(screen.getByLabelText('Type the passphrase again'));
    await user.paste(NEW_PASS);
    // The app keeps no copy of the key it hands on: the DSL's own passphrase is asked again.
    await user.click(screen.getByLabelText('Your own passphrase'));
    await user.paste('Not my passphrase at all');
    await user.click(screen.getByRole('button', { name: 'Add key holder' }));
    expect(
      await screen.findByRole('link', { name: /Nobody was added: That passphrase is not right/ }, { timeout: 20_000 }),
    ).toBeTruthy();
    expect(screen.getByLabelText('Your own passphrase').getAttribute('aria-invalid')).toBe('true');
    expect(await listUsers()).toHaveLength(3);
    await clearFailures();
    await user.click(screen.getByLabelText('Your own passphrase'));
    await user.paste(PASSPHRASES.dsl);
    await user.click(screen.getByRole('button', { name: 'Add key holder' }));

    // Two PBKDF2 derivations (the DSL's own passphrase, then the new holder's): slow on a loaded machine.
    expect(
      await screen.findByText(
        'Priya Nair can now unlock as Deputy DSL. Give them their passphrase in person.',
        undefined,
        { timeout: 20_000 },
      ),
    ).toBeTruthy();
    expect(await screen.findByText('Priya Nair', { selector: 'dt' })).toBeTruthy();
    expect(onChanged).toHaveBeenCalled();
    const added = (await listUsers()).find((u) => u.name === 'Priya Nair')!;
    expect(added.role).toBe('deputy-dsl');
    expect((await storageVault.unlock(added.userId, NEW_PASS)).actor.name).toBe('Priya Nair');
  }, 60_000);

  it('refuses a missing name and role, a weak passphrase and a mismatch, at each field, and adds nobody', async () => {
    const { user } = await show();
    await user.click(screen.getByRole('button', { name: 'Add a key holder' }));
    await pastePassphrase(user, 'Their passphrase', 'password1234', /too easy to guess/);
    await user.click(screen.getByLabelText('Type the passphrase again'));
    await user.paste('password12345');
    await user.click(screen.getByRole('button', { name: 'Add key holder' }));

    const links = summary();
    expect(links).toContain('Enter the name of the new key holder');
    expect(links).toContain('Choose their role');
    expect(links.some((l) => /too easy to guess/.test(l ?? ''))).toBe(true);
    expect(links).toContain('The passphrases do not match');
    expect(document.activeElement?.className).toBe('app-error-summary');
    expect(screen.getByLabelText('Their passphrase').getAttribute('aria-invalid')).toBe('true');
    expect(await listUsers()).toHaveLength(3);
  });
});

describe('removing a key holder', () => {
  it('asks why, says plainly that a new key will protect the records, and removes them', async () => {
    const { user } = await show();
    await user.click(screen.getByRole('button', { name: 'Remove Dev Patel' }));
    expect(
      screen.getByText(
        /A new key will protect the records: every case key is wrapped again under it, so a copy of the old key opens nothing on this device\./,
      ),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove Dev Patel’s key' }));
    expect(summary()).toEqual(['Say why Dev Patel is being removed']);

    await user.type(screen.getByLabelText('Why are they being removed?'), 'Left the school in August');
    await user.click(screen.getByRole('button', { name: 'Remove Dev Patel’s key' }));
    expect(
      await screen.findByText(
        'Dev Patel can no longer unlock YPSI Response on this device, and a new key protects the records.',
      ),
    ).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Dev Patel', { selector: 'dt' })).toBeNull());
    expect((await listUsers()).map((u) => u.name)).toEqual(expect.not.arrayContaining(['Dev Patel']));
  });

  it('shows the storage’s refusal to remove the last DSL or deputy', async () => {
    await dsl.removeKeyHolder(device.users.deputy, 'Left');
    const { user } = await show();
    await user.click(screen.getByRole('button', { name: 'Remove Dana Shah' }));
    expect(screen.getByRole('heading', { name: 'Remove your own key' })).toBeTruthy();
    await user.type(screen.getByLabelText('Why are they being removed?'), 'Leaving');
    await user.click(screen.getByRole('button', { name: 'Remove my key' }));
    const message = 'This is the last DSL or deputy on this device. Add another before removing this one.';
    expect(await screen.findByRole('link', { name: message })).toBeTruthy();
    expect(screen.getByLabelText('Why are they being removed?').getAttribute('aria-invalid')).toBe('true');
    expect((await listUsers()).map((u) => u.name)).toContain('Dana Shah');
  });
});

describe('passphrases', () => {
  it('resets another user’s forgotten passphrase (strength-checked); they unlock with the new one', async () => {
    const { user } = await show();
    await user.click(screen.getByRole('button', { name: 'Reset passphrase for Helen Okafor' }));
    await pastePassphrase(user, 'New passphrase', 'qwertyuiop12', /too easy to guess/);
    await user.click(screen.getByRole('button', { name: 'Set the new passphrase' }));
    expect(summary().some((l) => /too easy to guess/.test(l ?? ''))).toBe(true);

    await user.clear(screen.getByLabelText('New passphrase'));
    await pastePassphrase(user, 'New passphrase', NEW_PASS);
    await user.click(screen.getByLabelText('Type the new passphrase again'));
    await user.paste(NEW_PASS);
    await user.click(screen.getByLabelText('Your own passphrase'));
    await user.paste(PASSPHRASES.dsl);
    await user.click(screen.getByRole('button', { name: 'Set the new passphrase' }));
    expect(await screen.findByText(/Helen Okafor has a new passphrase\./)).toBeTruthy();
    expect((await storageVault.unlock(device.users.head, NEW_PASS)).actor.name).toBe('Helen Okafor');
  });

  it('changes my own passphrase; a wrong current one is refused with the slow-down wait', async () => {
    const { user } = await show();
    await user.click(screen.getByRole('button', { name: 'Change your passphrase' }));
    await user.click(screen.getByLabelText('Your current passphrase'));
    await user.paste('Not my passphrase at all');
    await pastePassphrase(user, 'New passphrase', NEW_PASS);
    await user.click(screen.getByLabelText('Type the new passphrase again'));
    await user.paste(NEW_PASS);
    await user.click(screen.getByRole('button', { name: 'Change my passphrase' }));

    expect(
      await screen.findByRole('link', { name: /That passphrase is not right\. Wait 1 second before trying again\./ }),
    ).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/You can try again in 1 second/);
    const button = screen.getByRole('button', { name: 'Change my passphrase' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await waitFor(() => expect(button.disabled).toBe(false), { timeout: 4000 });

    await clearFailures();
    await user.click(screen.getByLabelText('Your current passphrase'));
    await user.paste(PASSPHRASES.dsl);
    await user.click(button);
    expect(
      await screen.findByText('Your passphrase has been changed. Use the new one next time you unlock.'),
    ).toBeTruthy();
    expect((await storageVault.unlock(device.users.dsl, NEW_PASS)).actor.name).toBe('Dana Shah');
  });
});

describe('the recovery key', () => {
  it('is replaced and shown once; Continue needs the “written down” confirmation; the old key stops working', async () => {
    const { user } = await show();
    await user.click(screen.getByRole('button', { name: 'Replace the recovery key' }));
    await user.click(screen.getByLabelText('Your own passphrase'));
    await user.paste(PASSPHRASES.dsl);
    await user.click(screen.getByRole('button', { name: 'Make a new recovery key' }));
    const shown = await screen.findByLabelText('Recovery key');
    expect(shown.textContent).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(shown.textContent).not.toBe(device.recoveryKey);
    expect(screen.getByText(/This is the only time it is shown/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('Confirm that you have written the recovery key down')).toBeTruthy();
    expect(screen.getByLabelText('Recovery key')).toBeTruthy();
    await user.click(screen.getByLabelText('I have written the recovery key down and will keep it safe, offline'));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('The new recovery key is in place. Destroy the old one.')).toBeTruthy();
    expect(screen.queryByLabelText('Recovery key')).toBeNull();

    await expect(recoverWithRecoveryKey(device.recoveryKey, device.users.dsl, NEW_PASS)).rejects.toThrow(
      /recovery key is not right/,
    );
    await clearFailures();
  });
});
