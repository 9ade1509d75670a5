// Runs sync while the session is unlocked and sync is set up (PouchDB loads only then), and
// shares its status with the status line and Settings. With no server set up, it does nothing.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useSession } from '../session/SessionContext';
import type { SyncStatusView, SyncVault } from './types';

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
  // After a pull, what it delivered (a staff disclosure sealed on another tablet) shows at once.
  const { refresh, lock } = useSession();
  const pulled = useRef(false);
  useEffect(() => {
    // Removed as a key holder on another tablet, and signed out by sync: the screen locks too.
    if (status?.signedOut)
      lock(
        status.signedOutReason ??
          'You are no longer a key holder: you were removed on another tablet, so this tablet signed you out.',
      );
  }, [status?.signedOut, status?.signedOutReason, lock]);
  useEffect(() => {
    if (status?.state === 'pulling') pulled.current = true;
    else if (status?.state === 'upToDate' && pulled.current && !status.signedOut) {
      pulled.current = false;
      void refresh();
    }
  }, [status?.state, status?.signedOut, refresh]);
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
  return <Ctx.Provider value={{ status: sync ? status : null, restart, send }}>{children}</Ctx.Provider>;
}
