// The session gate: what "/" is (set-up, the lock screen, or the cases), the lock screen in place
// of any screen that needs a key until the device is unlocked, and locking on demand.
import { useEffect, useLayoutEffect, type ReactNode } from 'react';
import { Navigate } from 'react-router';
import { usePageTitle } from '../components';
import { useSession } from '../session/SessionContext';
import { installationMarkerPresent } from '../../storage/summary-index/names';
import { LockScreen } from '../lock/LockScreen';
import { lazyStorageVault, loadStorageVault } from '../data/lazyVault';
import { Home, loadHome } from './SessionScreens';
import { useFirstScreen } from './FirstScreenContext';
import { replayEarlyInput } from './earlyInput';
// Set-up and a lost database are loaded when needed; precached, so this works offline. Only the
// lock screen and the page frame are in the first load (issue 6).
import { FirstRun, LostDatabasePage, loadFirstRun } from './firstRunCode';

/** Each screen under "/" names itself (WCAG 2.4.2): the route's default title cannot. */
function Titled({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return <>{children}</>;
}

/** What "/" is: set-up, the lock screen, or the cases. */
export function Start() {
  const session = useSession();
  const firstScreen = useFirstScreen();
  // A device this browser set up: the lock screen at once, who can unlock filled in when read.
  // The home screen's code is fetched while the passphrase is checked, not after.
  const unlock = (userId: string, passphrase: string) => {
    void loadHome();
    return session.unlock(userId, passphrase);
  };
  // A browser that never set up a device will most likely be shown set-up: its code is fetched
  // while storage is read, not after (the database still decides what shows).
  useEffect(() => {
    if (!installationMarkerPresent()) void loadFirstRun();
  }, []);
  // The rest of storage (keys, chain, machine) is fetched when someone starts to use the screen
  // (to unlock, or to set up), while they type: not while the first screen is still loading.
  // React has adopted the pre-rendered screen (this runs once its elements are React's, before the
  // browser can deliver another tap or key): what was typed, chosen or pressed on it before then
  // becomes React's state and action, not lost at the next render.
  useLayoutEffect(() => {
    const root = document.getElementById('root');
    if (root) replayEarlyInput(root);
  }, []);
  const lazyVault = session.vault === lazyStorageVault;
  useEffect(() => {
    if (!lazyVault) return;
    const events = ['focusin', 'pointerdown', 'keydown'] as const;
    const prefetch = () => {
      for (const e of events) document.removeEventListener(e, prefetch, true);
      void loadStorageVault();
    };
    for (const e of events) document.addEventListener(e, prefetch, true);
    return () => {
      for (const e of events) document.removeEventListener(e, prefetch, true);
    };
  }, [lazyVault]);
  // Until storage answers: the first screen index.html already shows (pre-rendered at build by
  // vite.config.ts from src/ui/prerender.tsx; set-up where this browser never set up a device, the
  // lock screen elsewhere), so React takes over the same page with nothing moving. Storage's answer
  // then decides (set-up, the lock screen, or that the records are gone).
  if (session.status === 'loading' && firstScreen === 'set-up') return <FirstRun />;
  if (session.status === 'loading')
    return (
      <Titled title="Locked">
        <LockScreen
          holders={session.holders}
          loading
          onUnlock={unlock}
          notice={session.lockNotice}
          sealWords={session.sealWords}
        />
      </Titled>
    );
  if (session.status === 'fresh-install') return <FirstRun />;
  if (session.status === 'database-lost')
    return (
      <Titled title="Records missing">
        <LostDatabasePage />
      </Titled>
    );
  if (!session.unlocked)
    return (
      <Titled title="Locked">
        <LockScreen
          holders={session.holders}
          onUnlock={unlock}
          notice={session.lockNotice}
          sealWords={session.sealWords}
        />
      </Titled>
    );
  return (
    <Titled title="Cases">
      <Home />
    </Titled>
  );
}

/** Screens that need a key: the lock screen until unlocked. */
export function Unlocked({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.status !== 'ok' || !session.unlocked) return <Start />;
  return <>{children}</>;
}

export function LockNow() {
  const session = useSession();
  useEffect(() => {
    if (session.unlocked) session.lock('Locked.');
  }, [session]);
  return session.unlocked ? <p className="app-body">Locking…</p> : <Navigate to="/" replace />;
}
