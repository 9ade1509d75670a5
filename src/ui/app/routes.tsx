// The route table: which screen each address shows, its default document title, and whether it
// needs a key (the lock screen shows in its place until the device is unlocked). Every screen but
// the start loads when first visited; all are precached, so this works offline.
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router';
import { PageTitle } from '../components';
import { Shell } from './Shell';
import { LockNow, Start, Unlocked } from './SessionGate';
import { Disclose, Inbox, Settings } from './SessionScreens';

const PolicyCheckPage = lazy(() => import('../pages/PolicyCheckPage').then((m) => ({ default: m.PolicyCheckPage })));
const PolicyPage = lazy(() => import('../pages/PolicyPage').then((m) => ({ default: m.PolicyPage })));
const CaseRoutes = lazy(() => import('../case/CaseRoutes').then((m) => ({ default: m.CaseRoutes })));
const VerifyPage = lazy(() => import('../verify/VerifyPage').then((m) => ({ default: m.VerifyPage })));
const RemindersPage = lazy(() => import('../reminders/RemindersPage').then((m) => ({ default: m.RemindersPage })));
const ReportsRoute = lazy(() => import('../reports/ReportsPage').then((m) => ({ default: m.ReportsRoute })));
const RecoveryRoute = lazy(() => import('../lock/RecoveryPage').then((m) => ({ default: m.RecoveryRoute })));
const RetentionPage = lazy(() => import('../retention/RetentionPage').then((m) => ({ default: m.RetentionPage })));
const ReceiveTransferRoute = lazy(() =>
  import('../transfer/ReceiveTransferPage').then((m) => ({ default: m.ReceiveTransferRoute })),
);
// Not linked from the navigation: the design system's examples, for browser tests and review.
const ComponentGallery = lazy(() => import('../components/gallery/ComponentGallery'));

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

/**
 * A route's screen: its default document title, and a quiet placeholder while its code loads. "/"
 * has no default: what it shows (lock screen, set-up, cases) always names itself, and a default set
 * beside it could land after the page's own title when React adopts the pre-rendered lock screen.
 */
function Screen({ title, children }: { title?: string; children: ReactNode }) {
  const content = <Suspense fallback={<p className="app-body">Loading…</p>}>{children}</Suspense>;
  return title === undefined ? content : <PageTitle title={title}>{content}</PageTitle>;
}

interface RouteEntry {
  path: string;
  title: string;
  screen: ReactNode;
  /** Needs the device unlocked: the lock screen shows in its place until it is. */
  needsKey?: true;
}

const ROUTES: RouteEntry[] = [
  { path: 'disclose', title: 'Record a disclosure', screen: <Disclose /> },
  { path: 'policy-check', title: 'Policy check', screen: <PolicyCheckPage /> },
  { path: 'policy', title: 'Policy', screen: <PolicyPage /> },
  { path: 'inbox', title: 'Disclosure inbox', screen: <Inbox />, needsKey: true },
  { path: 'verify', title: 'Check a PDF or a note', screen: <VerifyPage />, needsKey: true },
  { path: 'reminders', title: 'Reminders', screen: <RemindersPage />, needsKey: true },
  { path: 'reports', title: 'Report for a period', screen: <ReportsRoute />, needsKey: true },
  { path: 'settings', title: 'Settings', screen: <Settings />, needsKey: true },
  { path: 'retention', title: 'Retention', screen: <RetentionPage />, needsKey: true },
  { path: 'recover', title: 'Use the recovery key', screen: <RecoveryRoute /> },
  { path: 'transfers/receive', title: 'Receive a case transfer', screen: <ReceiveTransferRoute />, needsKey: true },
  { path: 'cases/:caseId/*', title: 'Case', screen: <CaseRoutes />, needsKey: true },
  { path: 'lock', title: 'Lock', screen: <LockNow /> },
  { path: 'design-system', title: 'Components', screen: <ComponentGallery /> },
  { path: '*', title: 'Page not found', screen: <NotFoundPage /> },
];

/** The route table, without a router: tests render it inside a MemoryRouter. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route
          index
          element={
            <Screen key="/">
              <Start />
            </Screen>
          }
        />
        {ROUTES.map((r) => (
          <Route
            key={r.path}
            path={r.path}
            element={
              // Keyed by the route, not the address: another route is a new screen (its own title and
              // state), while moving within one (a case's steps) keeps what it holds.
              <Screen key={r.path} title={r.title}>
                {r.needsKey ? <Unlocked>{r.screen}</Unlocked> : r.screen}
              </Screen>
            }
          />
        ))}
      </Route>
    </Routes>
  );
}
