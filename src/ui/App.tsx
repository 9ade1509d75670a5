// The app shell and its routes: which screen each address shows, under one page frame.
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Link, Outlet, Route, Routes, useLocation } from 'react-router';
import { useServiceWorkerUpdate } from '../pwa/useServiceWorkerUpdate';
import { ErrorBoundary, Layout, PageTitle, UpdateBanner, type NavItem } from './components';
import { PolicyCheckPage } from './pages/PolicyCheckPage';

// Loaded when first visited (the policy text is large); all are precached, so this works offline.
const PolicyPage = lazy(() => import('./pages/PolicyPage').then((m) => ({ default: m.PolicyPage })));
// Not linked from the navigation: the design system's examples, for browser tests and review.
const ComponentGallery = lazy(() => import('./components/gallery/ComponentGallery'));

/** A route's screen: its default document title, and a quiet placeholder while its code loads. */
function Screen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <PageTitle title={title}>
      <Suspense fallback={<p className="app-body">Loading…</p>}>{children}</Suspense>
    </PageTitle>
  );
}

/** The main navigation. "Cases", "Settings" and "Lock" join it as those screens arrive. */
export const NAV_ITEMS: NavItem[] = [
  { href: '/policy-check', text: 'Policy check', alsoCurrentOn: ['/'] },
  { href: '/policy', text: 'Policy' },
];

function Shell() {
  const update = useServiceWorkerUpdate();
  const { pathname } = useLocation();
  return (
    <Layout
      navItems={NAV_ITEMS}
      banner={<UpdateBanner status={update.status} onUpdate={update.accept} onDismiss={update.dismiss} />}
    >
      {/* Keyed by path: a failed screen does not stay failed after navigating away. */}
      <ErrorBoundary key={pathname}>
        <Outlet />
      </ErrorBoundary>
    </Layout>
  );
}

export function NotFoundPage() {
  return (
    <div className="app-page">
      <h1 className="app-heading-xl">Page not found</h1>
      <p className="app-body">If you typed the web address, check it is correct.</p>
      <p className="app-body">
        <Link to="/" className="app-link app-link--block">
          Go to the policy check
        </Link>
      </p>
    </div>
  );
}

/** The route table, without a router: tests render it inside a MemoryRouter. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<Screen title="Policy check"><PolicyCheckPage /></Screen>} />
        <Route path="policy-check" element={<Screen title="Policy check"><PolicyCheckPage /></Screen>} />
        <Route path="policy" element={<Screen title="Policy"><PolicyPage /></Screen>} />
        <Route path="design-system" element={<Screen title="Components"><ComponentGallery /></Screen>} />
        <Route path="*" element={<Screen title="Page not found"><NotFoundPage /></Screen>} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
