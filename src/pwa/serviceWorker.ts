// Owns service worker registration and the update hand-over (registerType 'prompt' semantics):
// a new version waits until the user accepts and no screen has unsaved work.
import { Workbox } from 'workbox-window';
import { serviceWorkerScriptURL } from './trustedTypes';
import { hasUnsavedWork } from './unsavedWork';
import { createUpdateController } from './updateController';

// Offline tablets are rarely reloaded: look for a new version when the app comes back into view,
// at most this often.
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

let workbox: Workbox | undefined;

export const updates = createUpdateController({
  hasUnsavedWork,
  activateWaitingWorker: () => workbox?.messageSkipWaiting(),
  reload: () => window.location.reload(),
});

/** Registers the service worker once. Does nothing in development or without SW support. */
export function startServiceWorker(): void {
  if (workbox || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const wb = new Workbox(serviceWorkerScriptURL(), { scope: '/' });
  workbox = wb;

  // Fires for a worker installed by this tab and, with isExternal, by another tab.
  wb.addEventListener('waiting', () => updates.newVersionWaiting());
  wb.addEventListener('controlling', (event) => {
    // The first install also takes control (clientsClaim); only a new version is an update.
    if (event.isUpdate) updates.newVersionControlling();
  });

  wb.register().catch((error: unknown) => {
    // Without a worker the app still runs online; it just is not available offline yet.
    console.warn('Service worker registration failed', error);
  });

  let lastCheck = Date.now();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || Date.now() - lastCheck < UPDATE_CHECK_INTERVAL_MS) return;
    lastCheck = Date.now();
    wb.update().catch(() => {
      // Offline: try again next time.
    });
  });
}
