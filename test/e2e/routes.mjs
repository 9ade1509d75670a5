// Every screen the browser tests visit (axe, CSP, touch targets, screenshots, offline).
// Add a screen here with its page model and every whole-app check covers it.
import { ComponentGalleryPage } from './pages/ComponentGalleryPage.mjs';
import { NotFoundPage } from './pages/NotFoundPage.mjs';
import { PolicyCheckPage } from './pages/PolicyCheckPage.mjs';
import { PolicyPage } from './pages/PolicyPage.mjs';

/** @type {{ name: string, path: string, Page: typeof import('./pages/AppPage.mjs').AppPage }[]} */
export const ROUTES = [
  { name: 'home', path: '/', Page: PolicyCheckPage },
  { name: 'policy-check', path: '/policy-check', Page: PolicyCheckPage },
  { name: 'policy', path: '/policy', Page: PolicyPage },
  { name: 'design-system', path: '/design-system', Page: ComponentGalleryPage },
  { name: 'not-found', path: '/no-such-page', Page: NotFoundPage },
];

/** Opens a route with its page model. */
export async function openRoute(page, route) {
  const model = new route.Page(page);
  await model.open(route.path);
  return model;
}
