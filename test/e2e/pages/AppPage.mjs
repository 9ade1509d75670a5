// Page model for what every screen shares: the header, navigation, skip link, main heading,
// the error summary, in-app navigation, and the service worker. Screen models extend it.

export class AppPage {
  /** The address this screen lives at. */
  static path = '/';
  /** The h1 it shows (string or RegExp), or undefined when any h1 will do. */
  static heading = undefined;

  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  get heading() {
    return this.page.locator('main h1').first();
  }

  get main() {
    return this.page.locator('main');
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

  /** The GOV.UK-style error summary at the top of a page with an invalid answer. */
  get errorSummary() {
    return this.page.locator('.app-error-summary');
  }

  /** @param {string | RegExp} name */
  button(name) {
    return this.main.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** @param {string | RegExp} name */
  link(name) {
    return this.main.getByRole('link', { name, exact: typeof name === 'string' });
  }

  /** @param {string} id  an element id (form fields are found by their ids, as the error summary links them) */
  field(id) {
    return this.page.locator(`[id="${id}"]`);
  }

  /** Loads the screen by its address (a full page load: it locks an unlocked app) and waits for its heading. */
  async open(path = /** @type {typeof AppPage} */ (this.constructor).path) {
    await this.page.goto(path);
    await this.waitUntilShown();
    return this;
  }

  /**
   * Goes to an address inside the running app, as a link would (no page load, so an unlocked
   * session stays unlocked), and waits for this screen's heading.
   */
  async visit(path = /** @type {typeof AppPage} */ (this.constructor).path) {
    await this.page.evaluate((to) => {
      window.history.pushState({}, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    await this.waitUntilShown();
    return this;
  }

  /** Waits until the screen's heading is visible (the app has rendered it). */
  async waitUntilShown(timeout = 15_000) {
    const expected = /** @type {typeof AppPage} */ (this.constructor).heading;
    if (expected !== undefined) {
      await this.page.locator('main h1', { hasText: expected }).first().waitFor({ state: 'visible', timeout });
    } else {
      await this.heading.waitFor({ state: 'visible', timeout });
    }
    return this;
  }

  async headingText() {
    return (await this.heading.textContent())?.trim();
  }

  /** Everything the main region says, whitespace collapsed. */
  async mainText() {
    return ((await this.main.innerText()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** The error summary's messages (waits for it to appear). */
  async errors() {
    await this.errorSummary.waitFor({ state: 'visible' });
    return (await this.errorSummary.locator('li').allInnerTexts()).map((t) => t.trim());
  }

  /** The id of the focused element, or its tag name when it has none. */
  async focusedElement() {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      return el ? el.id || el.tagName.toLowerCase() : null;
    });
  }

  /** The case id in the address (/cases/:id/...), if any. */
  caseIdFromUrl() {
    return new URL(this.page.url()).pathname.match(/^\/cases\/([^/]+)/)?.[1] ?? null;
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
