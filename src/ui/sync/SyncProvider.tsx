// Runs sync while the session is unlocked and sync is set up (PouchDB loads only then), and
// shares its status with the status line and Settings. With no server set up, it does nothing.
// What a pull changed reaches the screens: the lists (cases, inbox, reminders) through the
// session's refresh, an open case through PulledChangesContext (src/ui/data/CaseContext.tsx).
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useSession } from '../session/SessionContext';
import { PulledChangesContext } from '../data/pulledChanges';
import type { PulledChangesView, SyncStatusView, SyncVault } from './types';

type SyncControl = {
  status: SyncStatusView | null;
  restart: () => void;
  send: (e: { type: 'PAUSE' | 'RESUME' | 'RETRY' }) => void;
};

const Ctx = createContext<SyncControl>({ status: null, restart: () => {}, send: () => {} });

export function useSync(): SyncControl {
  return useContext(Ctx);
}

export function SyncProvider({ sync, children }: { sync: SyncVault | null | undefined; children: ReactNode }) {
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [generation, setGeneration] = useState(0);
  const [handle, setHandle] = useState<{ send: SyncControl['send'] } | null>(null);
  // After a pull, what it delivered (another tablet's steps, a staff disclosure sealed on another
  // tablet) shows at once in the lists.
  const { refresh, lock } = useSession();
  const pulled = useRef(false);
  const changes = useChanges(status?.changes);
  useEffect(() => {
    // Removed as a key holder on another tablet, and signed out by sync: the screen locks too.
    if (status?.signedOut)
      lock(
        status.signedOutReason ??
          'You are no longer a key holder: you were removed on another tablet, so this tablet signed you out.',
      );
  }, [status?.signedOut, status?.signedOutReason, lock]);
  // Counted by the sync actor, so a quick pull whose state was never rendered is not missed.
  const refreshed = useRef(0);
  useEffect(() => {
    if (status?.signedOut) return;
    if (changes && changes.serial > refreshed.current) {
      refreshed.current = changes.serial;
      pulled.current = false;
      void refresh();
    } else if (status?.state === 'pulling') pulled.current = true;
    else if (status?.state === 'upToDate' && pulled.current) {
      pulled.current = false;
      void refresh();
    }
  }, [status?.state, status?.signedOut, changes, refresh]);
  useEffect(() => {
    if (!sync) return;
    let live = true;
    let stop: (() => Promise<void>) | null = null;
    void sync
      .start((s) => {
        if (live) setStatus(s);
      })
      .then((h) => {
        if (!live) {
          void h?.stop();
          return;
        }
        stop = h?.stop ?? null;
        setHandle(h);
        if (!h) setStatus(null);
      })
      .catch(() => {
        if (live)
          setStatus({
            state: 'error',
            pending: 0,
            lastSyncedAt: null,
            retryAt: null,
            message: 'Sync could not start on this tablet.',
            refused: [],
            progress: null,
          });
      });
    return () => {
      live = false;
      setHandle(null);
      void stop?.();
    };
  }, [sync, generation]);
  const restart = useCallback(() => setGeneration((g) => g + 1), []);
  const send = useCallback((e: { type: 'PAUSE' | 'RESUME' | 'RETRY' }) => handle?.send(e), [handle]);
  return (
    <Ctx.Provider value={{ status: sync ? status : null, restart, send }}>
      <PulledChangesContext.Provider value={sync ? changes : null}>{children}</PulledChangesContext.Provider>
    </Ctx.Provider>
  );
}

/**
 * What pulls changed, numbered by this provider (a sync restarted in Settings starts counting
 * again), and the same object until a pull changes something: the screens re-render only then.
 */
function useChanges(next: PulledChangesView | undefined): PulledChangesView | null {
  const [held, setHeld] = useState<{ from: PulledChangesView; view: PulledChangesView } | null>(null);
  if (next && next.serial > 0 && (next.serial !== held?.from.serial || next.at !== held.from.at))
    setHeld({ from: next, view: { ...next, serial: (held?.view.serial ?? 0) + 1 } });
  return held?.view ?? null;
}
