// The first screens as HTML, for index.html: vite.config.ts renders these at build time (Node, no
// DOM, no storage) and writes the lock screen into <div id="root"> and set-up into a <template>,
// so the page frame and its first screen paint from the HTML and the stylesheet alone, before any
// script runs (issue 14 item 6). main.tsx shows set-up instead of the lock screen where this browser
// never set up a device. Each is the app's own first render of "/" (the session still loading: no
// establishment name, key holders not yet read), so boot.tsx hydrates it and nothing moves when
// React takes over.
import { StrictMode } from 'react';
import { prerender } from 'react-dom/static';
import { StaticRouter } from 'react-router';
import { AppWithoutRouter } from './App';
import { lazyStorageVault } from './data/lazyVault';
import type { FirstScreen } from './app/firstScreen';

/** The address whose first render is pre-rendered: the only one boot.tsx hydrates. */
export const PRERENDERED_PATH = '/';

/**
 * The markup of the app's first render at PRERENDERED_PATH showing `screen`, as boot.tsx renders
 * it. Waits for screens loaded on demand (set-up), as the browser does before it hydrates them.
 */
export async function renderFirstScreen(screen: FirstScreen): Promise<string> {
  const { prelude } = await prerender(
    <StrictMode>
      <StaticRouter location={PRERENDERED_PATH}>
        {/* Never called here: a session's reads start in effects, which a server render does not run. */}
        <AppWithoutRouter vault={lazyStorageVault} firstScreen={screen} />
      </StaticRouter>
    </StrictMode>,
  );
  return new Response(prelude).text();
}
