// Page model for what every screen shares: the header, navigation, skip link, main heading,
// and the service worker. Screen models extend it.

export class AppPage {
  /** The address this screen lives at. */
  static path = '/';
  /** The h1 it shows, or undefined when any h1 will do (a screen another team is writing). */
  static heading = undefined;

  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  get heading() {
    return this.page.locator('main h1').first();
  }

  get mainNav() {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  /** @param {string} text */
  navLink(text) {
    return this.mainNav.getByRole('link', { name: text, exact: true });
  }

  get skipLink() {
    return this.page.getByRole('link', { name: 'Skip to main content' });
  }

  /** Loads the screen by its address (a full page load) and waits for its heading. */
  async open(path = /** @type {typeof AppPage} */ (this.constructor).path) {
    await this.page.goto(path);
    await this.waitUntilShown();
    return this;
  }

  /** Waits until the screen's heading is visible (the app has rendered it). */
  async waitUntilShown() {
    const expected = /** @type {typeof AppPage} */ (this.constructor).heading;
    await this.heading.waitFor({ state: 'visible' });
    if (expected !== undefined) {
      await this.page.locator('main h1', { hasText: expected }).first().waitFor({ state: 'visible' });
    }
  }

  async headingText() {
    return (await this.heading.textContent())?.trim();
  }

  /** The id of the focused element, or its tag name when it has none. */
  async focusedElement() {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      return el ? el.id || el.tagName.toLowerCase() : null;
    });
  }

  /** Resolves once a service worker controls the page: everything is precached by then. */
  async waitForOfflineReady(timeout = 15_000) {
    await this.page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout });
  }

  /** Every URL in Cache Storage, as paths (Workbox's ?__WB_REVISION__ removed). */
  async cachedPaths() {
    return this.page.evaluate(async () => {
      const paths = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
      }
      return paths;
    });
  }

  /** True if fetching `path` from the page fails at the network level (e.g. when offline). */
  async fetchFails(path) {
    return this.page.evaluate(async (url) => {
      try {
        await fetch(url, { cache: 'no-store' });
        return false;
      } catch {
        return true;
      }
    }, path);
  }
}
