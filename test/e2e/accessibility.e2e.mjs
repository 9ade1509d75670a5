// axe finds no WCAG 2.2 AA (or best-practice) problem on any screen, portrait or landscape.
// Screenshots of every screen at both sizes land in test-results/screenshots/.
import { AxeBuilder } from '@axe-core/playwright';
import { ComponentGalleryPage } from './pages/ComponentGalleryPage.mjs';
import { openRoute, ROUTES } from './routes.mjs';
import { assert, test, VIEWPORTS } from './support/harness.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function axeProblems(page, label) {
  // Legacy mode runs axe in the page itself; the default opens a second page per analysis,
  // which is slower and buys nothing here (the app has no iframes).
  // resultTypes: collect details of violations only, not of every pass (much faster on long pages).
  const { violations } = await new AxeBuilder({ page })
    .withTags(TAGS)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  return violations.map(
    (v) =>
      `${label}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1).join('; ')}`)
        .join('\n    ')}`,
  );
}

export const tests = Object.entries(VIEWPORTS).map(([orientation, viewport]) =>
  test(
    `axe finds no accessibility problem on any screen (${orientation} ${viewport.width}x${viewport.height})`,
    async ({ page, screenshot }) => {
      const problems = [];
      for (const route of ROUTES) {
        const screen = await openRoute(page, route);
        problems.push(...(await axeProblems(page, route.path)));
        await screenshot(`${route.name}-${orientation}`);
        if (screen instanceof ComponentGalleryPage) {
          await screen.showErrors();
          problems.push(...(await axeProblems(page, `${route.path} with errors`)));
          await screenshot(`${route.name}-errors-${orientation}`);
        }
      }
      assert.deepEqual(problems, []);
    },
    { viewport, timeout: 60_000 },
  ),
);
