// Owns the decision of when a new version may take over the page: only after the user accepts,
// and never over unsaved work (docs/SECURITY.md item 11, test 8). No Workbox here, so it is testable.

export type UpdateStatus =
  /** Nothing to offer: no new version is waiting, or the user chose "Not now". */
  | 'none'
  /** A new version is installed and waiting for the user to accept it. */
  | 'available'
  /** The user accepted, but a screen reported unsaved work: nothing was activated. */
  | 'blocked'
  /** The user accepted with nothing unsaved: the new version is being activated. */
  | 'activating'
  /** A new version took control without this tab asking (another tab accepted it). */
  | 'reload-needed';

export interface UpdateControllerDeps {
  hasUnsavedWork: () => boolean;
  /** Tell the waiting service worker to take over (workbox-window's messageSkipWaiting). */
  activateWaitingWorker: () => void;
  reload: () => void;
}

export interface UpdateController {
  getStatus: () => UpdateStatus;
  subscribe: (listener: () => void) => () => void;
  /** The service worker reports a new version waiting. */
  newVersionWaiting: () => void;
  /** The user chose "Update now" (or "Reload" after another tab updated). */
  accept: () => UpdateStatus;
  /** The user chose "Not now": hide the banner until the next new version or page load. */
  dismiss: () => void;
  /** A new service worker now controls this page. */
  newVersionControlling: () => void;
}

export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  let status: UpdateStatus = 'none';
  let reloading = false;
  // True once a new version controls the page: from then on accepting means reloading.
  let newVersionInControl = false;
  const listeners = new Set<() => void>();

  const set = (next: UpdateStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of listeners) listener();
  };

  const reloadOnce = () => {
    if (reloading) return;
    reloading = true;
    deps.reload();
  };

  return {
    getStatus: () => status,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    newVersionWaiting: () => {
      if (status === 'none') set('available');
    },
    accept: () => {
      if (status === 'none' || status === 'activating') return status;
      if (deps.hasUnsavedWork()) {
        set('blocked');
        return status;
      }
      if (newVersionInControl) {
        reloadOnce();
        return status;
      }
      set('activating');
      deps.activateWaitingWorker();
      return status;
    },
    dismiss: () => {
      if (status !== 'activating') set('none');
    },
    newVersionControlling: () => {
      newVersionInControl = true;
      if (status === 'activating') {
        reloadOnce();
        return;
      }
      // Another tab accepted the update. Reloading here could lose this tab's answers, so ask.
      set('reload-needed');
    },
  };
}
