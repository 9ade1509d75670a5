// @vitest-environment jsdom
// The seal words in Settings (docs/SECURITY.md item 16), over the real storage on fake-indexeddb: the same words the lock
// screen shows staff, a printable staff notice that names them (words only, no images), and, when the clear settings
// row's key was swapped with raw IndexedDB edits, the establishment's own words with a warning that the lock screen
// differs.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateSealingKeyPair } from '../../storage/crypto';
import { closeDatabase, db } from '../../storage/db';
import { rawDb, PASSPHRASES, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { storageVault } from '../data/storageVault';
import type { UnlockedVault } from '../data/vault';
import { LockScreen } from '../lock/LockScreen';
import { SealWordsSection } from './SealWordsSection';

let device: Device;
let dsl: UnlockedVault;
let name: string;
beforeAll(async () => {
  device = await setUpDevice('ui-seal-words');
});
beforeEach(async () => {
  name = await useCopyOf(device);
  dsl = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The words the lock screen shows, read off the rendered lock screen. */
async function lockScreenWords(): Promise<string> {
  const sealWords = await storageVault.sealWords();
  const { unmount } = render(
    <MemoryRouter>
      <LockScreen holders={await storageVault.keyHolders()} onUnlock={async () => {}} sealWords={sealWords} />
    </MemoryRouter>,
  );
  const words = screen.getByText(/^Seal words:/).querySelector('strong')!.textContent!;
  unmount();
  return words;
}

async function settingsWords(): Promise<string> {
  render(<SealWordsSection vault={dsl} establishment="Hillside Academy" />);
  return (await screen.findByTestId('seal-words')).textContent!;
}

describe('the seal words in Settings', () => {
  it('are the words the lock screen shows staff, six of them, and say so', async () => {
    const onLock = await lockScreenWords();
    const inSettings = await settingsWords();
    expect(inSettings).toBe(onLock);
    expect(inSettings.split(' ')).toHaveLength(6);
    expect(screen.getByText('The lock screen shows the same words.')).toBeTruthy();
  });

  it('print a plain staff notice naming them, with no images, and the screen comes back after printing', async () => {
    const print = vi.fn<() => void>();
    window.print = print;
    const words = await settingsWords();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Print the staff notice' }));
    expect(print).toHaveBeenCalledTimes(1);
    const notice = screen.getByTestId('staff-notice');
    // Printed alone: the notice sits directly in the page's body, beside the app it hides while printing.
    expect(notice.parentElement).toBe(document.body);
    expect(document.body.classList.contains('app-printing-notice')).toBe(true);
    expect(
      within(notice).getByText(
        /^Before you record a disclosure on this tablet, check the lock screen shows these words:/,
      ),
    ).toBeTruthy();
    expect(within(notice).getByText(words)).toBeTruthy();
    expect(notice.textContent).toContain('Hillside Academy');
    expect(notice.querySelectorAll('img, svg, canvas, picture, video, object, iframe')).toHaveLength(0);
    window.dispatchEvent(new Event('afterprint'));
    await vi.waitFor(() => expect(screen.queryByTestId('staff-notice')).toBeNull());
    expect(document.body.classList.contains('app-printing-notice')).toBe(false);
  });

  it('stay the establishment’s own when the lock screen’s key was swapped in the clear row, and warn that it differs', async () => {
    const ownWords = await settingsWords();
    cleanup();
    // Someone with the browser's tools and no passphrase puts their own public key in the clear settings row.
    db().close();
    const raw = rawDb(name);
    await raw.open();
    const row = (await raw.table('meta').get('settings')) as Record<string, unknown>;
    const theirs = await generateSealingKeyPair();
    await raw.table('meta').put({ ...row, sealingPublicJwk: theirs.publicJwk });
    raw.close();
    closeDatabase();

    const onLock = await lockScreenWords().catch(() => null);
    expect(onLock).not.toBe(ownWords);
    expect(await settingsWords()).toBe(ownWords);
    expect(screen.getByText(/The lock screen shows different words/)).toBeTruthy();
    expect(screen.queryByText('The lock screen shows the same words.')).toBeNull();
  });
});
