// React binding for the update controller: the banner's state and its two actions.
import { useSyncExternalStore } from 'react';
import { updates } from './serviceWorker';
import type { UpdateStatus } from './updateController';

export interface ServiceWorkerUpdate {
  status: UpdateStatus;
  accept: () => void;
  dismiss: () => void;
}

export function useServiceWorkerUpdate(): ServiceWorkerUpdate {
  const status = useSyncExternalStore(updates.subscribe, updates.getStatus, updates.getStatus);
  return { status, accept: () => void updates.accept(), dismiss: updates.dismiss };
}
