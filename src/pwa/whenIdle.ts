// Owns "when the page is idle": after the load event, in the browser's next idle period, for work
// that must not compete with the first screen (the service worker's install downloads every file).

/** Calls `run` once the page has loaded and the browser is idle (a timeout where it has no idle callback). */
export function whenIdle(run: () => void): void {
  const idle = () => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => run(), { timeout: 5000 });
    else setTimeout(run, 1000);
  };
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}
