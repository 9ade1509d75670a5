// @vitest-environment jsdom
// Bad input for key holders (issue 6), over the real storage on fake-indexeddb: a 1 MB name is
// refused at the field and nobody is added; a right-to-left name with markup is kept exactly,
// listed as text in its own direction, and can unlock.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { listUsers } from '../../storage';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { storageVault } from '../data/storageVault';
import type { UnlockedVault } from '../data/vault';
import { KeyHoldersSection } from './KeyHoldersSection';

const NEW_PASS = 'Orchard ladders lean on quiet barns';
const NAME = 'مريم <img id="injected" src=x onerror="window.__pwned=1"> 🌈';
let device: Device;
let dsl: UnlockedVault;

beforeAll(async () => {
  device = await setUpDevice('ui-key-holders-badinput');
  dsl = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
});
beforeEach(async () => {
  await useCopyOf(device);
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
});
afterEach(cleanup);

async function addForm() {
  render(<KeyHoldersSection vault={dsl} userInputs={['Hillside Academy']} onChanged={() => undefined} />);
  await screen.findByText('Dana Shah (you)');
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Add a key holder' }));
  await user.click(screen.getByLabelText('Deputy DSL'));
  await user.click(screen.getByLabelText('Their passphrase'));
  await user.paste(NEW_PASS);
  await screen.findByText(/Good passphrase|Strong passphrase/);
  await user.click(screen.getByLabelText('Type the passphrase again'));
  await user.paste(NEW_PASS);
  // The app keeps no copy of the key it hands on: the DSL's own passphrase is asked again.
  await user.click(screen.getByLabelText('Your own passphrase'));
  await user.paste(PASSPHRASES.dsl);
  return user;
}

describe('adding a key holder with awkward names', () => {
  it('refuses a 1 MB name at the field and in the summary, and adds nobody', async () => {
    const user = await addForm();
    const before = (await listUsers()).length;
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'n'.repeat(1_048_576) } });
    await user.click(screen.getByRole('button', { name: 'Add key holder' }));
    const summary = (await screen.findByText('There is a problem')).closest('[role="alert"]')!;
    expect(summary.textContent).toMatch(/too long \(1,048,576 characters\)/);
    expect(document.getElementById('add-name-error')?.textContent).toMatch(/too long/);
    expect((await listUsers()).length).toBe(before);
  });

  it('keeps a right-to-left name with markup and emoji exactly, lists it as text in its own direction', async () => {
    const user = await addForm();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: NAME } });
    await user.click(screen.getByRole('button', { name: 'Add key holder' }));
    const listed = await screen.findByText(NAME, { selector: 'dt' });
    expect(listed.getAttribute('dir')).toBe('auto');
    expect(document.getElementById('injected')).toBeNull();
    expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
    const added = (await listUsers()).find((u) => u.name === NAME)!;
    expect((await storageVault.unlock(added.userId, NEW_PASS)).actor.name).toBe(NAME);
  });
});
