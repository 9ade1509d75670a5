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
import './session/session.css';

export { AppRoutes, NotFoundPage } from './app/routes';

/** Everything under the router: the session, reminders and the route table. */
export function AppWithoutRouter({ vault }: { vault: Vault }) {
  return (
    <SessionProvider vault={vault}>
      <RemindersProvider>
        <AppRoutes />
      </RemindersProvider>
    </SessionProvider>
  );
}

export function App({ vault = lazyStorageVault }: { vault?: Vault }) {
  return (
    <BrowserRouter>
      <AppWithoutRouter vault={vault} />
    </BrowserRouter>
  );
}
