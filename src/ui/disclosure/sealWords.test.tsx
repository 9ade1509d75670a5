// @vitest-environment jsdom
// The seal words on the lock screen (issue 12 finding 5, docs/SECURITY.md item 16), through the
// whole app over the real storage on fake-indexeddb: the words of the key staff seal to, for a
// person to compare with the staff notice; and, once that key is swapped in the clear settings
// row (a raw IndexedDB edit, no passphrase), a plain warning not to record the disclosure here.
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateSealingKeyPair } from '../../storage/crypto';
import { db, useDatabase } from '../../storage/db';
import { getPublicSettings } from '../../storage/settings';
import { rawDb, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { AppRoutes } from '../App';
import { storageVault } from '../data/storageVault';
import { SessionProvider } from '../session/SessionContext';

let device: Device;
beforeAll(async () => {
  device = await setUpDevice('ui-seal-words');
});
beforeEach(async () => {
  await useCopyOf(device);
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
});
afterEach(() => cleanup());

function showLockScreen() {
  render(
    <MemoryRouter initialEntries={['/']}>
      <SessionProvider vault={storageVault}>
        <AppRoutes />
      </SessionProvider>
    </MemoryRouter>,
  );
  return screen.findByRole('heading', { name: 'YPSI Response is locked' });
}

describe('the seal words (issue 12 finding 5)', () => {
  it('the lock screen shows the six words of the key disclosures are sealed to', async () => {
    const words = (await getPublicSettings())!.sealingKeyWords.join(' ');
    await showLockScreen();
    expect((await screen.findByText(words)).tagName).toBe('STRONG');
    expect(screen.getByText(/should be the same as on the staff notice from your DSL/)).toBeTruthy();
  });

  it('the key swapped in the clear settings row: the lock screen says not to record the disclosure here', async () => {
    const attacker = await generateSealingKeyPair();
    const name = db().name;
    db().close();
    const raw = rawDb(name);
    await raw.open();
    const row = await raw.table('meta').get('settings');
    await raw.table('meta').put({ ...row, sealingPublicJwk: attacker.publicJwk });
    raw.close();
    useDatabase(name);
    await showLockScreen();
    expect(await screen.findByText(/This tablet cannot seal a disclosure safely/)).toBeTruthy();
    expect(screen.queryByText(/Seal words:/)).toBeNull();
  });
});
