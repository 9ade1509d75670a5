// Wiring only: the styles, the first screen, then the app once the page has painted. index.html
// already holds the lock screen and, in a <template>, set-up (both pre-rendered at build time), so
// the browser paints the first screen from the HTML and the stylesheet before React, the router
// and the app are fetched and evaluated (issue 14 item 6): nothing but the HTML, the stylesheet and
// this small file stands before the first paint.
import './ui/styles/index.css';
// The pre-rendered page's own styles (the lock screen, set-up, the session banners) are in the
// entry's stylesheet, which the HTML links: the page is laid out once, as React will find it.
import './ui/setup/setup.css';
import './ui/session/session.css';
import { afterFirstPaint } from './firstPaint';
import { loadAppInSlices } from './inSlices';
import { installationMarkerPresent } from './storage/summary-index/names';
import { FIRST_SCREEN_ATTRIBUTE, SET_UP_TEMPLATE_ID } from './ui/app/firstScreen';
import { noteEarlyPresses } from './ui/app/earlyInput';

// A browser that never set up a device sees set-up first, not a lock screen no one can unlock.
// (No installation marker is only a guess: storage's answer, read later, decides what shows next.)
const root = document.getElementById('root');
const setUp = document.getElementById(SET_UP_TEMPLATE_ID);
if (
  root?.getAttribute('data-prerendered') === window.location.pathname &&
  setUp instanceof HTMLTemplateElement &&
  !installationMarkerPresent()
) {
  root.replaceChildren(setUp.content.cloneNode(true));
  root.setAttribute(FIRST_SCREEN_ATTRIBUTE, 'set-up');
}

// A button pressed before React takes over is pressed again once it has (src/ui/app/earlyInput.ts).
noteEarlyPresses();
void afterFirstPaint().then(loadAppInSlices);
