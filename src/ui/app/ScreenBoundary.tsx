// The current route's screen inside the error boundary. A failed screen is cleared by moving to
// another path, but moving never remounts what the boundary holds: within a case the open case
// (its actor in src/ui/data/CaseContext) stays as it is, and only an error starts it afresh.
import { Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../components';

export function ScreenBoundary() {
  const { pathname } = useLocation();
  return (
    <ErrorBoundary resetKey={pathname}>
      <Outlet />
    </ErrorBoundary>
  );
}
