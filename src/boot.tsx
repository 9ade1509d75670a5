// The app itself, started by main.tsx once the pre-rendered first screen (the lock screen, or
// set-up) has painted: React takes over the page (src/ui/prerender.tsx says what index.html already
// shows), then, once the page is idle, the service worker.
import { StrictMode, startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { startServiceWorker } from './pwa/serviceWorker';
import { whenIdle } from './pwa/whenIdle';
import { App } from './ui/App';
import { lockNoticePending } from './ui/session/SessionContext';
import { FIRST_SCREEN_ATTRIBUTE, type FirstScreen } from './ui/app/firstScreen';
import { stopNotingEarlyPresses } from './ui/app/earlyInput';
import { loadFirstRun } from './ui/app/firstRunCode';

/** index.html's root holds the lock screen pre-rendered at build time (src/ui/prerender.tsx). */
const PRERENDERED_ATTRIBUTE = 'data-prerendered';

const root = document.getElementById('root');
if (root) {
  // What main.tsx showed at "/" (set-up, or by default the lock screen): the same first render.
  const firstScreen: FirstScreen = root.getAttribute(FIRST_SCREEN_ATTRIBUTE) === 'set-up' ? 'set-up' : 'lock';
  const app = (
    <StrictMode>
      <App firstScreen={firstScreen} />
    </StrictMode>
  );
  // Where the first render is the pre-rendered lock screen (the start address, with no notice of
  // why the app locked), React adopts the page as it is: the same elements, nothing repainted or
  // moved. Elsewhere (a deep link, a notice to show) it renders afresh in one commit, replacing it.
  const same = root.getAttribute(PRERENDERED_ATTRIBUTE) === window.location.pathname && !lockNoticePending();
  root.removeAttribute(PRERENDERED_ATTRIBUTE);
  // As a transition: React renders in short slices, yielding to the browser between them, so a
  // tap or a key pressed meanwhile is handled at once (the page is already on the screen).
  const start = () => {
    stopNotingEarlyPresses();
    startTransition(() => {
      if (same) hydrateRoot(root, app);
      else createRoot(root).render(app);
    });
  };
  // Set-up's code is loaded on demand: React adopts the pre-rendered set-up only once it is here,
  // so the screen is adopted whole, never left half-adopted (a tap on it dropped, or the screen
  // rendered afresh when storage answers, losing what was chosen). Meanwhile a press is noted and
  // pressed again once React has it (earlyInput.ts).
  if (firstScreen === 'set-up') void loadFirstRun().then(start, start);
  else start();
}
// The worker's install fetches and caches every file of the app: not while the page starts.
whenIdle(startServiceWorker);
