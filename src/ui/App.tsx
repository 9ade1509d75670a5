// The app shell and its routes: which screen each address shows, under one page frame.
import { lazy, Suspense } from 'react';
import { BrowserRouter, Link, Outlet, Route, Routes, useLocation } from 'react-router';
import { useServiceWorkerUpdate } from '../pwa/useServiceWorkerUpdate';
import { ErrorBoundary, Layout, PageTitle, UpdateBanner, type NavItem } from './components';
import { PolicyCheckPage } from './pages/PolicyCheckPage';
import { PolicyPage } from './pages/PolicyPage';

// Not linked from the navigation: the design system's examples, for browser tests and review.
const ComponentGallery = lazy(() => import('./components/gallery/ComponentGallery'));

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
        <Route index element={<PageTitle title="Policy check"><PolicyCheckPage /></PageTitle>} />
        <Route path="policy-check" element={<PageTitle title="Policy check"><PolicyCheckPage /></PageTitle>} />
        <Route path="policy" element={<PageTitle title="Policy"><PolicyPage /></PageTitle>} />
        <Route
          path="design-system"
          element={
            <PageTitle title="Components">
              <Suspense fallback={<p className="app-body">Loading…</p>}>
                <ComponentGallery />
              </Suspense>
            </PageTitle>
          }
        />
        <Route path="*" element={<PageTitle title="Page not found"><NotFoundPage /></PageTitle>} />
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
