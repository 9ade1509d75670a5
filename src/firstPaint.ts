// Owns "after the first paint": the moment the pre-rendered page is on the screen, when the app's
// code may start to load and run without delaying it (issue 14 item 6). A frame callback alone is
// too early: the frame it runs in is committed, but not yet shown, and work started then (fetching
// and evaluating the app) holds the first paint back by as long as it takes on a busy device.

/** Resolves once the browser reports the first contentful paint (at once where it cannot). */
export function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    // A page opened in the background is not painted until shown: nothing to wait for there.
    if (
      typeof PerformanceObserver === 'undefined' ||
      !PerformanceObserver.supportedEntryTypes?.includes('paint') ||
      document.visibilityState === 'hidden'
    ) {
      resolve();
      return;
    }
    const done = () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', hidden);
      resolve();
    };
    // The observer's own list (buffered: also a paint reported before it was made), not
    // performance.getEntriesByName(), which a page's faked clock may replace.
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length > 0) done();
    });
    // Hidden before it painted: it will not paint until shown, and the app must not wait for that.
    const hidden = () => {
      if (document.visibilityState === 'hidden') done();
    };
    observer.observe({ type: 'paint', buffered: true });
    document.addEventListener('visibilitychange', hidden);
  });
}
