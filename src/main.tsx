// Wiring only: the styles, then the app once the page has painted. index.html already holds the
// lock screen (pre-rendered at build time), so the browser paints it from the HTML and the
// stylesheet before React, the router and the app are fetched and evaluated (issue 14 item 6):
// nothing but the HTML, the stylesheet and this small file stands before the first paint.
import './ui/styles/index.css';
// The pre-rendered page's own styles (the lock screen, the session banners) are in the entry's
// stylesheet, which the HTML links: the page is laid out once, as React will find it.
import './ui/setup/setup.css';
import './ui/session/session.css';
import { afterFirstPaint } from './firstPaint';

void afterFirstPaint().then(() => import('./boot'));
