// Every interactive element on every screen is at least 44x44 CSS px (UX.md; WCAG 2.5.5), at
// both tablet sizes. A link inside a sentence is exempt, as WCAG exempts inline targets.
import { ComponentGalleryPage } from './pages/ComponentGalleryPage.mjs';
import { openRoute, ROUTES } from './routes.mjs';
import { assert, test, VIEWPORTS } from './support/harness.mjs';

/** Describes every interactive element smaller than `min` px in either direction. */
function smallTargets(page, min = 44) {
  return page.evaluate((MIN) => {
    const INTERACTIVE =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [tabindex]:not([tabindex="-1"])';
    const inSentence = (el) => {
      const block = el.closest('p, li, dd, td');
      return (
        block !== null &&
        getComputedStyle(el).display === 'inline' &&
        block.textContent.trim() !== el.textContent.trim()
      );
    };
    const small = [];
    for (const el of document.querySelectorAll(INTERACTIVE)) {
      if (el.matches(':disabled') || (el.tagName === 'A' && inSentence(el))) continue;
      // Some targets (the skip link) only appear when focused, as a keyboard user meets them.
      el.focus({ preventScroll: true });
      const { width, height } = el.getBoundingClientRect();
      if (width === 0 && height === 0) continue; // not rendered
      if (width < MIN - 0.5 || height < MIN - 0.5) {
        const name = (el.getAttribute('aria-label') || el.textContent || el.id || '').trim().slice(0, 40);
        const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`;
        small.push(`${what} "${name}" is ${Math.round(width)}x${Math.round(height)}`);
      }
    }
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    return small;
  }, min);
}

export const tests = Object.entries(VIEWPORTS).map(([orientation, viewport]) =>
  test(
    `every control on every screen is at least 44x44 px (${orientation})`,
    async ({ page }) => {
      const problems = [];
      for (const route of ROUTES) {
        const screen = await openRoute(page, route);
        if (screen instanceof ComponentGalleryPage) await screen.showErrors();
        problems.push(...(await smallTargets(page)).map((p) => `${route.path}: ${p}`));
      }
      assert.deepEqual(problems, []);
    },
    { viewport },
  ),
);
