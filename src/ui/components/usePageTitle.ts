// The document title names the page first, then the app, and says "Error:" when the page has
// errors (GOV.UK pattern), so screen-reader users hear what changed.
import { useEffect, useLayoutEffect } from 'react';

export const APP_NAME = 'YPSI Response';

export function formatTitle(pageTitle: string, hasErrors = false): string {
  return `${hasErrors ? 'Error: ' : ''}${pageTitle} - ${APP_NAME}`;
}

/**
 * Sets the title from a page. Runs as a passive effect, after the route's default title (set in
 * a layout effect by <PageTitle>), so a page's own title wins.
 */
export function usePageTitle(pageTitle: string, hasErrors = false): void {
  useEffect(() => {
    document.title = formatTitle(pageTitle, hasErrors);
  }, [pageTitle, hasErrors]);
}

/** The route's default title: set by the route table for every page. */
export function PageTitle({ title, children }: { title: string; children: React.ReactNode }) {
  useLayoutEffect(() => {
    document.title = formatTitle(title);
  }, [title]);
  return children;
}
