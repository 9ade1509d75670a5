// @vitest-environment jsdom
// "Use the recovery key", through the whole app over the real storage on fake-indexeddb: from the
// lock screen's link to unlocked with a new passphrase; a wrong or mistyped key, a weak or
// mismatched new passphrase are refused at their field, with the slow-down wait, changing nothing.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readLog, unlock } from '../../storage';
import { clearFailures } from '../../storage/keys/throttle';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { AppRoutes } from '../App';
import { storageVault } from '../data/storageVault';
import { SessionProvider } from '../session/SessionContext';

const NEW_PASS = 'Orchard ladders lean on quiet barns';
/** A well-formed key that is not this device's. */
const WRONG_KEY = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';
let device: Device;

beforeAll(async () => {
  device = await setUpDevice('ui-recovery');
});
beforeEach(async () => {
  await useCopyOf(device);
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
});
afterEach(async () => {
  cleanup();
  await clearFailures();
});

async function openRecovery(path = '/') {
  const user = userEvent.setup();
  render(
    <MemoryRouter initialEntries={[path]}>
      <SessionProvider vault={storageVault}>
        <AppRoutes />
      </SessionProvider>
    </MemoryRouter>,
  );
  if (path === '/') {
    await screen.findByRole('heading', { name: 'YPSI Response is locked' });
    await user.click(screen.getByRole('link', { name: 'Use the recovery key' }));
  }
  await screen.findByRole('heading', { name: 'Use the recovery key' });
  return user;
}

async function fill(
  user: ReturnType<typeof userEvent.setup>,
  key: string,
  passphrase = NEW_PASS,
  confirm = passphrase,
) {
  await user.click(screen.getByLabelText('Recovery key'));
  await user.paste(key);
  await user.click(screen.getByLabelText('Dana Shah (Designated Safeguarding Lead)'));
  await user.click(screen.getByLabelText('Your new passphrase'));
  await user.paste(passphrase);
  await screen.findByText(/Good passphrase|Strong passphrase|too easy to guess|Use at least 12 characters/);
  await user.click(screen.getByLabelText('Type the new passphrase again'));
  await user.paste(confirm);
  await user.click(screen.getByRole('button', { name: 'Unlock and set my new passphrase' }));
}

function summaryLinks() {
  return within(screen.getByRole('alert'))
    .getAllByRole('link')
    .map((a) => a.textContent);
}

describe('recovery with the recovery key', () => {
  it('from the lock screen: a key typed in lower case with spaces unlocks, sets the new passphrase, and is logged', async () => {
    const user = await openRecovery();
    const typed = device.recoveryKey.toLowerCase().replace(/-/g, ' ');
    await fill(user, typed);

    expect(await screen.findByText('Unlocked. Dana Shah’s new passphrase is set.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Replace the recovery key now' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to Settings to replace the recovery key' }).getAttribute('href')).toBe(
      '/settings',
    );
    // The session adopted the vault: the unlocked navigation is shown.
    expect(await screen.findByRole('link', { name: 'Settings' })).toBeTruthy();

    const session = await unlock(device.users.dsl, NEW_PASS);
    expect((await readLog(session)).at(-2)).toMatchObject({ type: 'recovery.used', userId: device.users.dsl });
  });

  it('refuses a wrong key at its field, with the slow-down wait, and changes nothing', async () => {
    const user = await openRecovery('/recover');
    await fill(user, WRONG_KEY);

    const text = 'That recovery key is not right. Wait 1 second before trying again.';
    expect(await screen.findByRole('link', { name: text })).toBeTruthy();
    // Focus moves to the summary once it is shown (an effect after the render that showed it).
    await waitFor(() => expect(document.activeElement?.className).toBe('app-error-summary'));
    const field = screen.getByLabelText('Recovery key');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    // The countdown itself is one second long; on a loaded machine it may be over by now.
    const button = screen.getByRole('button', { name: 'Unlock and set my new passphrase' }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(false), { timeout: 4000 });
    expect(screen.queryByRole('link', { name: 'Settings' })).toBeNull();

    await clearFailures();
    expect((await unlock(device.users.dsl, PASSPHRASES.dsl)).user.name).toBe('Dana Shah');
  });

  it('says what is wrong with a mistyped key (wrong length or letters) before trying it', async () => {
    const user = await openRecovery('/recover');
    await fill(user, 'ABCD-1234');
    expect(
      await screen.findByRole('link', { name: 'A recovery key has 32 letters and digits; this has 8.' }),
    ).toBeTruthy();

    await user.clear(screen.getByLabelText('Recovery key'));
    await user.click(screen.getByLabelText('Recovery key'));
    await user.paste('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-678!');
    await user.click(screen.getByRole('button', { name: 'Unlock and set my new passphrase' }));
    expect(
      await screen.findByRole('link', {
        name: /A recovery key has 32 letters and digits; this has 32\.|uses only digits and the letters/,
      }),
    ).toBeTruthy();
  });

  it('refuses an empty form, a weak new passphrase and a mismatch, without trying the key', async () => {
    const user = await openRecovery('/recover');
    await user.click(screen.getByRole('button', { name: 'Unlock and set my new passphrase' }));
    expect(summaryLinks()).toEqual(['Enter the recovery key', 'Choose who you are', 'Enter a new passphrase']);

    await fill(user, device.recoveryKey, 'password1234', 'password1235');
    const links = summaryLinks();
    expect(links.some((l) => /too easy to guess/.test(l ?? ''))).toBe(true);
    expect(links).toContain('The passphrases do not match');
    expect(screen.queryByText(/Unlocked\./)).toBeNull();
    expect((await unlock(device.users.dsl, PASSPHRASES.dsl)).user.name).toBe('Dana Shah');
  });
});
