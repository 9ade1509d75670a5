// @vitest-environment jsdom
// Auto-lock by the wall clock (issue 12 finding 3, docs/SECURITY.md item 6), through the whole app
// over the real storage on fake-indexeddb. A sleeping tablet runs no timers: here no timer runs
// either (the idle and hidden timers are minutes and seconds away and never fire), only Date moves.
// On resume, or on the tap that wakes it, the app locks once a deadline has passed, and that tap
// does nothing else.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { AppRoutes } from '../App';
import { storageVault } from '../data/storageVault';
import { SessionProvider } from './SessionContext';

const TWO_HOURS = 2 * 60 * 60_000;
let device: Device;
let visibility: DocumentVisibilityState = 'visible';

beforeAll(async () => {
  device = await setUpDevice('ui-auto-lock');
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
});
beforeEach(async () => {
  await useCopyOf(device);
  visibility = 'visible';
  sessionStorage.clear();
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function unlockApp() {
  const user = userEvent.setup();
  render(
    <MemoryRouter initialEntries={['/']}>
      <SessionProvider vault={storageVault}>
        <AppRoutes />
      </SessionProvider>
    </MemoryRouter>,
  );
  await screen.findByRole('heading', { name: 'YPSI Response is locked' });
  await user.click(await screen.findByLabelText('Dana Shah (Designated Safeguarding Lead)'));
  await user.click(screen.getByLabelText('Passphrase'));
  await user.paste(PASSPHRASES.dsl);
  await user.click(screen.getByRole('button', { name: 'Unlock' }));
  const settings = await screen.findByRole('link', { name: 'Settings' });
  // From here only the date moves: no timer will run, as on a sleeping tablet.
  vi.useFakeTimers({ toFake: ['Date'] });
  return settings;
}

function setVisibility(v: DocumentVisibilityState) {
  visibility = v;
  document.dispatchEvent(new Event('visibilitychange'));
}

const notice = () => sessionStorage.getItem('ypsi.lockNotice');

// Retried: the jsdom lock path (storage read, page reload stand-in) was seen to miss its 15 s wait once on a clean clone.
describe('auto-lock by the wall clock (issue 12 finding 3)', { retry: 2 }, () => {
  it('hidden, two hours asleep, shown again: locks as "in the background"', async () => {
    await unlockApp();
    setVisibility('hidden');
    vi.setSystemTime(Date.now() + TWO_HOURS);
    expect(notice()).toBeNull();
    setVisibility('visible');
    await waitFor(() => expect(notice()).toMatch(/^Locked because the app was in the background\./), {
      timeout: 15_000,
    });
  });

  it('restored from the back-forward cache or refocused without a visibility event: pageshow or focus locks', async () => {
    await unlockApp();
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    vi.setSystemTime(Date.now() + TWO_HOURS);
    visibility = 'visible';
    window.dispatchEvent(new Event('focus'));
    await waitFor(() => expect(notice()).toMatch(/^Locked because the app was in the background\./), {
      timeout: 15_000,
    });
  });

  it('asleep past the idle deadline while shown, then tapped: locks, and the tap does not open the screen it landed on', async () => {
    const settings = await unlockApp();
    vi.setSystemTime(Date.now() + 6 * 60_000);
    fireEvent.pointerDown(settings);
    fireEvent.click(settings);
    await waitFor(() => expect(notice()).toMatch(/^Locked after a period of inactivity\./), { timeout: 15_000 });
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();
  });

  it('a tap before the deadline is just a tap (no lock)', async () => {
    const settings = await unlockApp();
    vi.setSystemTime(Date.now() + 2 * 60_000);
    fireEvent.click(settings);
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(notice()).toBeNull();
  });
});
