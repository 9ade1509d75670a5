// The lock screen as HTML, for index.html: vite.config.ts renders this at build time (Node, no
// DOM, no storage) and writes the markup into <div id="root">, so the page frame and the lock
// screen paint from the HTML and the stylesheet alone, before any script runs (issue 14 item 6).
// It is the app's own first render of "/" (the session still loading: no establishment name, key
// holders not yet read), so main.tsx hydrates it and nothing moves when React takes over.
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { AppWithoutRouter } from './App';
import { lazyStorageVault } from './data/lazyVault';

/** The address whose first render is pre-rendered: the only one main.tsx hydrates. */
export const PRERENDERED_PATH = '/';

/** The markup of the app's first render at PRERENDERED_PATH, as main.tsx renders it. */
export function renderLockScreen(): string {
  return renderToString(
    <StrictMode>
      <StaticRouter location={PRERENDERED_PATH}>
        {/* Never called here: a session's reads start in effects, which a server render does not run. */}
        <AppWithoutRouter vault={lazyStorageVault} />
      </StaticRouter>
    </StrictMode>,
  );
}
