// The app: the router, the session and reminders, and the route table. What each part owns is in
// src/ui/app/: the route table (routes.tsx), the page frame (Shell.tsx), whether the device is
// set up, locked or unlocked (SessionGate.tsx) and the screens wired to the session
// (SessionScreens.tsx).
import { BrowserRouter } from 'react-router';
import { SessionProvider } from './session/SessionContext';
import { lazyStorageVault } from './data/lazyVault';
import type { Vault } from './data/vault';
import { RemindersProvider } from './reminders/RemindersContext';
import { AppRoutes } from './app/routes';
import type { FirstScreen } from './app/firstScreen';
import { FirstScreenContext } from './app/FirstScreenContext';
import './session/session.css';

export { AppRoutes, NotFoundPage } from './app/routes';

/** Everything under the router: the session, reminders and the route table. */
export function AppWithoutRouter({ vault, firstScreen = 'lock' }: { vault: Vault; firstScreen?: FirstScreen }) {
  return (
    <FirstScreenContext.Provider value={firstScreen}>
      <SessionProvider vault={vault}>
        <RemindersProvider>
          <AppRoutes />
        </RemindersProvider>
      </SessionProvider>
    </FirstScreenContext.Provider>
  );
}

/** The app in the browser; `firstScreen`: what index.html showed at "/" before storage answered. */
export function App({ vault = lazyStorageVault, firstScreen }: { vault?: Vault; firstScreen?: FirstScreen }) {
  return (
    <BrowserRouter>
      <AppWithoutRouter vault={vault} firstScreen={firstScreen} />
    </BrowserRouter>
  );
}
