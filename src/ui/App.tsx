// The app shell and its routes: which screen each address shows, under one page frame, and
// whether the device is set up, locked or unlocked.
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { BrowserRouter, Link, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { useServiceWorkerUpdate } from '../pwa/useServiceWorkerUpdate';
import { SyncProvider } from './sync/SyncProvider';
import { SyncStatus } from './sync/SyncStatus';
import {
  ErrorBoundary,
  Layout,
  NotificationBanner,
  PageTitle,
  UpdateBanner,
  usePageTitle,
  type NavItem,
} from './components';
import { SessionProvider, useSession } from './session/SessionContext';
import { IdleWarning } from './session/IdleWarning';
import { NoImagery } from './components/NoImagery';
import { installationMarkerPresent } from '../storage/summary-index/names';
import { lazyStorageVault } from './data/lazyVault';
import type { Vault } from './data/vault';
import { LockScreen } from './lock/LockScreen';
import { RemindersProvider, useReminders } from './reminders/RemindersContext';
import './session/session.css';
import { may } from '../domain/permissions';

// Loaded when first visited; all are precached, so this works offline. Only the lock screen and
// the page frame are in the first load (issue 6): set-up, home and the rest load when needed.
const loadFirstRun = () => import('./setup/FirstRunPages');
const FirstRun = lazy(() => loadFirstRun().then((m) => ({ default: m.FirstRun })));
const LostDatabasePage = lazy(() => loadFirstRun().then((m) => ({ default: m.LostDatabasePage })));
const loadHome = () => import('./home/HomePage');
const HomePage = lazy(() => loadHome().then((m) => ({ default: m.HomePage })));
const StaffDisclosurePage = lazy(() =>
  import('./disclosure/StaffDisclosurePage').then((m) => ({ default: m.StaffDisclosurePage })),
);
const PolicyCheckPage = lazy(() => import('./pages/PolicyCheckPage').then((m) => ({ default: m.PolicyCheckPage })));
const PolicyPage = lazy(() => import('./pages/PolicyPage').then((m) => ({ default: m.PolicyPage })));
const CaseRoutes = lazy(() => import('./case/CaseRoutes').then((m) => ({ default: m.CaseRoutes })));
const InboxPage = lazy(() => import('./inbox/InboxPage').then((m) => ({ default: m.InboxPage })));
const VerifyPage = lazy(() => import('./verify/VerifyPage').then((m) => ({ default: m.VerifyPage })));
const RemindersPage = lazy(() => import('./reminders/RemindersPage').then((m) => ({ default: m.RemindersPage })));
const ReportsRoute = lazy(() => import('./reports/ReportsPage').then((m) => ({ default: m.ReportsRoute })));
const SettingsPage = lazy(() => import('./settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const RecoveryRoute = lazy(() => import('./lock/RecoveryPage').then((m) => ({ default: m.RecoveryRoute })));
const RetentionPage = lazy(() => import('./retention/RetentionPage').then((m) => ({ default: m.RetentionPage })));
const ReceiveTransferRoute = lazy(() =>
  import('./transfer/ReceiveTransferPage').then((m) => ({ default: m.ReceiveTransferRoute })),
);
// Not linked from the navigation: the design system's examples, for browser tests and review.
const ComponentGallery = lazy(() => import('./components/gallery/ComponentGallery'));

/**
 * A route's screen: its default document title, and a quiet placeholder while its code loads. "/"
 * has no default: what it shows (lock screen, set-up, cases) always names itself, and a default set
 * beside it could land after the page's own title when React adopts the pre-rendered lock screen.
 */
function Screen({ title, children }: { title?: string; children: ReactNode }) {
  const content = <Suspense fallback={<p className="app-body">Loading…</p>}>{children}</Suspense>;
  return title === undefined ? content : <PageTitle title={title}>{content}</PageTitle>;
}

const LOCKED_NAV: NavItem[] = [
  { href: '/', text: 'Lock screen' },
  { href: '/policy-check', text: 'Policy check' },
  { href: '/policy', text: 'Policy' },
];

function navFor(unlocked: boolean, inboxCount: number, reminderCount = 0): NavItem[] {
  if (!unlocked) return LOCKED_NAV;
  return [
    { href: '/', text: 'Cases', alsoCurrentOn: ['/cases'] },
    { href: '/inbox', text: inboxCount > 0 ? `Inbox (${inboxCount})` : 'Inbox' },
    { href: '/reminders', text: reminderCount > 0 ? `Reminders (${reminderCount})` : 'Reminders' },
    { href: '/reports', text: 'Reports' },
    { href: '/retention', text: 'Retention' },
    // The policy check (a what-if, nothing recorded) is one link away, on the policy page.
    { href: '/policy', text: 'Policy', alsoCurrentOn: ['/policy-check'] },
    { href: '/settings', text: 'Settings' },
    { href: '/lock', text: 'Lock' },
  ];
}

function Shell() {
  const update = useServiceWorkerUpdate();
  const { pathname } = useLocation();
  const session = useSession();
  const reminders = useReminders();
  return (
    <SyncProvider sync={session.unlocked?.sync}>
      <Layout
        navItems={navFor(!!session.unlocked, session.inbox.length, reminders.counts.attention)}
        banner={<UpdateBanner status={update.status} onUpdate={update.accept} onDismiss={update.dismiss} />}
      >
        <SyncStatus />
        {!session.writer && (
          <NotificationBanner heading="YPSI Response is open in another tab or window.">
            <p className="app-body">
              Only one can record at a time, so nothing here can be changed. Close the other one, then reload this page.
            </p>
          </NotificationBanner>
        )}
        {session.databaseRemoved && (
          <NotificationBanner
            variant="urgent"
            title="Reload needed"
            heading="The records on this device were deleted from outside the app."
          >
            <p className="app-body">
              The browser’s stored data was cleared (in its settings, or by another tab), so nothing more can be saved
              here. Anything you have typed is still on this page: note it down, then reload this page. The app will say
              what is missing and offer to restore your backup.
            </p>
          </NotificationBanner>
        )}
        {session.outdated && !session.databaseRemoved && (
          <NotificationBanner
            variant="urgent"
            title="Reload needed"
            heading="A newer version of YPSI Response was opened in another tab."
          >
            <p className="app-body">
              Nothing more can be saved here. Anything you have typed is still on this page: note it down, then reload
              this page to continue safely. Everything saved before is safe.
            </p>
          </NotificationBanner>
        )}
        {session.integrity && !session.integrity.ok && (
          <NotificationBanner
            variant="urgent"
            title="Records altered"
            heading="The records on this device do not match their signed history."
          >
            <p className="app-body">{session.integrity.firstProblem}</p>
            <p className="app-body">
              Do not rely on what you see until this is explained. Tell your DSL and data protection officer; restore a
              backup if you have one.
            </p>
          </NotificationBanner>
        )}
        <IdleWarning />
        <NoImagery />
        {/* Keyed by path: a failed screen does not stay failed after navigating away. */}
        <ErrorBoundary key={pathname}>
          <Outlet />
        </ErrorBoundary>
      </Layout>
    </SyncProvider>
  );
}

export function NotFoundPage() {
  return (
    <div className="app-page">
      <h1 className="app-heading-xl">Page not found</h1>
      <p className="app-body">If you typed the web address, check it is correct.</p>
      <p className="app-body">
        <Link to="/" className="app-link app-link--block">
          Go to the start
        </Link>
      </p>
    </div>
  );
}

/** Each screen under "/" names itself (WCAG 2.4.2): the route's default title cannot. */
function Titled({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return <>{children}</>;
}

/** What "/" is: set-up, the lock screen, or the cases. */
function Start() {
  const session = useSession();
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
  // Until storage answers: the lock screen, as index.html already shows it (pre-rendered at build
  // by vite.config.ts from src/ui/prerender.tsx), so React takes over the same page with nothing
  // moving. A device not set up yet (or whose records are gone) is told so when storage answers.
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

function Home() {
  const session = useSession();
  const listed = useMemo(() => session.summaries.filter((s) => !s.discarded), [session.summaries]);
  const [lastBackupAt, setLastBackupAt] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void session.unlocked?.lastBackupAt().then(setLastBackupAt, () => setLastBackupAt(undefined));
  }, [session.unlocked]);
  // Only the number of destroyed cases, so a DSL looking for one is sent to Retention (never their content here).
  const [destroyedCount, setDestroyedCount] = useState(0);
  useEffect(() => {
    let live = true;
    void session.unlocked?.destroyedCases().then(
      (list) => live && setDestroyedCount(list.length),
      () => live && setDestroyedCount(0),
    );
    return () => {
      live = false;
    };
  }, [session.unlocked, session.summaries]);
  return (
    <HomePage
      // A case discarded empty (opened by mistake) is not listed; its record and chain stay.
      summaries={listed}
      inboxCount={session.inbox.length}
      lastBackupAt={lastBackupAt}
      destroyedCount={destroyedCount}
      readOnly={session.unlocked ? !may(session.unlocked.actor.role, 'record:case.opened') : false}
      unreadable={session.unreadable}
      onNewCase={async () => {
        const id = await session.unlocked!.createCase();
        await session.refresh();
        return id;
      }}
    />
  );
}

/** Screens that need a key: the lock screen until unlocked. */
function Unlocked({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.status !== 'ok' || !session.unlocked) return <Start />;
  return <>{children}</>;
}

function Inbox() {
  const session = useSession();
  return (
    <InboxPage
      items={session.inbox}
      onAccept={async (id) => {
        const caseId = await session.unlocked!.acceptDisclosure(id);
        await session.refresh();
        return caseId;
      }}
      onImport={async (text) => {
        await session.unlocked!.importSealedDisclosure(text);
        await session.refresh();
      }}
    />
  );
}

function Settings() {
  const session = useSession();
  return (
    <SettingsPage
      vault={session.unlocked!}
      settings={session.settings}
      onSaved={session.refresh}
      indexRepairs={session.indexRepairs}
    />
  );
}

function Disclose() {
  const session = useSession();
  if (session.status === 'loading') return <p className="app-body">Opening…</p>;
  if (session.status !== 'ok') {
    return (
      <div className="app-page">
        <h1 className="app-heading-xl">This tablet is not set up yet</h1>
        <p className="app-body">
          Tell the Designated Safeguarding Lead in person, now. If someone is in danger right now, call 999.
        </p>
      </div>
    );
  }
  return (
    <StaffDisclosurePage
      onSeal={(p) => session.vault.sealDisclosure(p)}
      onExport={(id) => session.vault.exportSealedDisclosure(id)}
      sealWords={session.sealWords}
    />
  );
}

function LockNow() {
  const session = useSession();
  useEffect(() => {
    if (session.unlocked) session.lock('Locked.');
  }, [session]);
  return session.unlocked ? <p className="app-body">Locking…</p> : <Navigate to="/" replace />;
}

/** The route table, without a router: tests render it inside a MemoryRouter. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route
          index
          element={
            <Screen>
              <Start />
            </Screen>
          }
        />
        <Route
          path="disclose"
          element={
            <Screen title="Record a disclosure">
              <Disclose />
            </Screen>
          }
        />
        <Route
          path="policy-check"
          element={
            <Screen title="Policy check">
              <PolicyCheckPage />
            </Screen>
          }
        />
        <Route
          path="policy"
          element={
            <Screen title="Policy">
              <PolicyPage />
            </Screen>
          }
        />
        <Route
          path="inbox"
          element={
            <Screen title="Disclosure inbox">
              <Unlocked>
                <Inbox />
              </Unlocked>
            </Screen>
          }
        />
        <Route
          path="verify"
          element={
            <Screen title="Check a PDF or a note">
              <Unlocked>
                <VerifyPage />
              </Unlocked>
            </Screen>
          }
        />
        <Route
          path="reminders"
          element={
            <Screen title="Reminders">
              <Unlocked>
                <RemindersPage />
              </Unlocked>
            </Screen>
          }
        />
        <Route
          path="reports"
          element={
            <Screen title="Report for a period">
              <Unlocked>
                <ReportsRoute />
              </Unlocked>
            </Screen>
          }
        />
        <Route
          path="settings"
          element={
            <Screen title="Settings">
              <Unlocked>
                <Settings />
              </Unlocked>
            </Screen>
          }
        />
        <Route
          path="retention"
          element={
            <Screen title="Retention">
              <Unlocked>
                <RetentionPage />
              </Unlocked>
            </Screen>
          }
        />
        <Route
          path="recover"
          element={
            <Screen title="Use the recovery key">
              <RecoveryRoute />
            </Screen>
          }
        />
        <Route
          path="transfers/receive"
          element={
            <Screen title="Receive a case transfer">
              <Unlocked>
                <ReceiveTransferRoute />
              </Unlocked>
            </Screen>
          }
        />
        <Route
          path="cases/:caseId/*"
          element={
            <Screen title="Case">
              <Unlocked>
                <CaseRoutes />
              </Unlocked>
            </Screen>
          }
        />
        <Route
          path="lock"
          element={
            <Screen title="Lock">
              <LockNow />
            </Screen>
          }
        />
        <Route
          path="design-system"
          element={
            <Screen title="Components">
              <ComponentGallery />
            </Screen>
          }
        />
        <Route
          path="*"
          element={
            <Screen title="Page not found">
              <NotFoundPage />
            </Screen>
          }
        />
      </Route>
    </Routes>
  );
}

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
