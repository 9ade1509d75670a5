// @vitest-environment jsdom
// Settings → "Sync with the school's server", over the real storage on fake-indexeddb: what was
// typed is refused at its field (nothing stored), saved encrypted, and forgotten on request.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { storageVault } from '../data/storageVault';
import type { UnlockedVault } from '../data/vault';
import type { SyncVault } from '../sync/types';
import { SyncSection } from './SyncSection';

let device: Device;
let dsl: UnlockedVault;
let sync: SyncVault;

beforeAll(async () => {
  device = await setUpDevice('ui-sync-settings');
  dsl = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
  sync = dsl.sync!;
});
afterEach(cleanup);

function show() {
  render(<SyncSection sync={sync} role="dsl" />);
  const section = screen.getByRole('heading', { name: 'Sync with the school’s server' }).closest('section')!;
  return { user: userEvent.setup(), section: within(section) };
}

describe('Sync with the school’s server', () => {
  it('names each problem at its field and stores nothing', async () => {
    await useCopyOf(device);
    const { user, section } = show();
    await user.type(section.getByLabelText('Server address'), 'http://sync.hillside.sch.uk/ypsi');
    await user.type(section.getByLabelText('This tablet’s name on the server'), 'Dana Shah');
    await user.click(section.getByRole('button', { name: 'Save and sync' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link', { name: /must start with https:\/\// })).toHaveProperty('hash', '#sync-url');
    expect(section.getByLabelText('Server address').getAttribute('aria-describedby')).toContain('sync-url');
    expect(screen.getAllByText(/Enter this tablet’s name on the server, as IT gave it/)).toHaveLength(2);
    expect(screen.getAllByText('Enter this tablet’s password on the server, as IT gave it')).toHaveLength(2);
    expect(await sync.settings()).toBeNull();
  });

  it('saves the address and the tablet’s name (the password is kept, encrypted, and not shown again), warns about another address, and forgets on request', async () => {
    await useCopyOf(device);
    const { user, section } = show();
    await user.type(section.getByLabelText('Server address'), 'https://sync.hillside.sch.uk/ypsi-hillside');
    await user.type(section.getByLabelText('This tablet’s name on the server'), 'hillside-tablet-1');
    await user.type(section.getByLabelText('This tablet’s password on the server'), 'Tablet-password-qx71');
    await user.click(section.getByRole('button', { name: 'Save and sync' }));
    expect(
      await screen.findByText('Saved. This tablet now syncs with the school’s server while it is unlocked and online.'),
    ).toBeTruthy();
    expect(
      screen.getByText(/ask whoever hosts the app to add this server to the Content-Security-Policy’s connect-src/),
    ).toBeTruthy();
    expect(await sync.settings()).toEqual({
      url: 'https://sync.hillside.sch.uk/ypsi-hillside',
      username: 'hillside-tablet-1',
    });
    expect((section.getByLabelText('This tablet’s password on the server') as HTMLInputElement).value).toBe('');

    await user.click(section.getByRole('button', { name: 'Stop syncing on this tablet' }));
    expect(
      await screen.findByText(
        'This tablet no longer syncs. What the school’s server holds stays there until IT removes it.',
      ),
    ).toBeTruthy();
    expect(await sync.settings()).toBeNull();
  });
});
