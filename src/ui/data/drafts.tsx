// Unsaved answers survive a lock: a form's state is a draft, saved encrypted (storage's drafts,
// under the data key) when the app locks, and offered back when the form opens again.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useUnsavedWorkCheck } from '../../pwa/useUnsavedWorkCheck';

export interface DraftStore {
  load(key: string): Promise<unknown>;
  save(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

export const DraftContext = createContext<DraftStore | null>(null);

/** Live forms: key -> their current value when it differs from where they started. */
const live = new Map<string, () => unknown>();

/** Drafts being written now: a form opened again waits for its own last write before reading it back. */
const writing = new Map<string, Promise<unknown>>();

/** How long a form kept as typed waits for the typing to pause before writing its draft. */
export const KEEP_AFTER_MS = 800;

function write(store: DraftStore, key: string, value: unknown): Promise<boolean> {
  const done = (writing.get(key) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => store.save(key, value))
    .then(
      () => true,
      () => false,
    );
  writing.set(key, done);
  void done.then(() => {
    if (writing.get(key) === done) writing.delete(key);
  });
  return done;
}

/** Save every form with unsaved answers (called just before the app locks). Resolves with how many were kept. */
export async function flushDrafts(store: DraftStore): Promise<number> {
  return (await flushDraftsReport(store)).saved;
}

/** As flushDrafts, also counting the forms whose answers could not be kept (storage full, too long). */
export async function flushDraftsReport(store: DraftStore): Promise<{ saved: number; failed: number }> {
  let saved = 0;
  let failed = 0;
  for (const [key, get] of live) {
    const v = get();
    if (v === undefined) continue;
    try {
      await store.save(key, v);
      saved += 1;
    } catch {
      // A draft that cannot be saved (too large, storage full) must not stop the lock; it is counted
      // so the lock screen can say so.
      failed += 1;
    }
  }
  return { saved, failed };
}

export interface Draft<T> {
  value: T;
  set: (next: T | ((prev: T) => T)) => void;
  /** True when the value came back from a saved draft. */
  restored: boolean;
  /** The answers are recorded: forget the draft. */
  discard: () => Promise<void>;
  /**
   * Save the answers as they are now (encrypted, as at a lock), e.g. between the pages of a form
   * that spans several, so a reload or a killed tab keeps them. Resolves false if they could not be
   * kept (storage full); true when kept, or when there is no store to keep them in (nothing failed).
   */
  keep: () => Promise<boolean>;
}

/**
 * useState that is kept, encrypted, across a lock. `key` names the form (e.g. `review:<caseId>`).
 * `keepAsTyped`: also written as the answers change (once typing pauses), when the form is left by
 * any way (a back link, the task list, the case header) and when the tab is hidden or closed, so
 * answers are never lost for want of a "Continue". They are still only a draft: nothing is recorded.
 */
export function useDraftState<T>(key: string, initial: () => T, { keepAsTyped = false } = {}): Draft<T> {
  const store = useContext(DraftContext);
  const [start] = useState(initial);
  const [value, setValue] = useState<T>(start);
  const [restored, setRestored] = useState(false);
  // The value counted as "nothing unsaved": where the form started, or what was last recorded.
  const [baseline, setBaseline] = useState(() => JSON.stringify(start));
  const touched = useRef(false);
  const dirty = JSON.stringify(value) !== baseline;
  const latest = useRef<unknown>(undefined);
  useEffect(() => {
    latest.current = dirty ? value : undefined;
  });

  useEffect(() => {
    if (!store) return;
    let alive = true;
    // Left a moment ago and opened again: its last write lands before it is read back.
    void (writing.get(key) ?? Promise.resolve())
      .then(() => store.load(key))
      .then(
        (saved) => {
          if (!alive || saved === undefined || saved === null || touched.current) return;
          setValue(saved as T);
          setRestored(true);
        },
        () => undefined,
      );
    return () => {
      alive = false;
    };
  }, [store, key]);

  useEffect(() => {
    live.set(key, () => latest.current);
    return () => {
      // Leaving the form (e.g. for "Lock") keeps its unsaved answers until the lock saves them.
      const last = latest.current;
      if (last === undefined) live.delete(key);
      else live.set(key, () => last);
    };
  }, [key]);

  useUnsavedWorkCheck(dirty);

  const discarded = useRef(false);
  const unwritten = useRef(false);
  const set = useCallback((next: T | ((prev: T) => T)) => {
    touched.current = true;
    discarded.current = false;
    setValue(next);
  }, []);

  const discard = useCallback(async () => {
    discarded.current = true;
    unwritten.current = false;
    latest.current = undefined;
    live.delete(key);
    setBaseline(JSON.stringify(value));
    // A write still in flight would otherwise bring the draft back after it is forgotten.
    await writing.get(key);
    if (store) await store.remove(key).catch(() => undefined);
  }, [store, key, value]);

  const current = useRef(value);
  useEffect(() => {
    current.current = value;
  });
  const keep = useCallback(async () => {
    if (!store) return true;
    return write(store, key, current.current);
  }, [store, key]);

  // Kept as typed: a change not yet written is written once typing pauses, or at once when the form
  // is left or the tab hidden. A discarded draft (the answers recorded) is never written again.
  useEffect(() => {
    if (!keepAsTyped || !store || !touched.current || discarded.current) return;
    unwritten.current = true;
    const timer = setTimeout(() => {
      if (discarded.current) return;
      unwritten.current = false;
      void write(store, key, current.current);
    }, KEEP_AFTER_MS);
    return () => clearTimeout(timer);
  }, [keepAsTyped, store, key, value]);
  useEffect(() => {
    if (!keepAsTyped || !store) return;
    const now = () => {
      if (!unwritten.current || discarded.current) return;
      unwritten.current = false;
      void write(store, key, current.current);
    };
    window.addEventListener('pagehide', now);
    document.addEventListener('visibilitychange', now);
    return () => {
      window.removeEventListener('pagehide', now);
      document.removeEventListener('visibilitychange', now);
      now();
    };
  }, [keepAsTyped, store, key]);

  return { value, set, restored, discard, keep };
}

/** One field of a form as a draft, keyed by the screen's address and the field's name. */
export function useDraftField<T>(field: string, initial: T): [T, (v: T) => void] {
  const { pathname } = useLocation();
  const d = useDraftState<T>(`${pathname}:${field}`, () => initial);
  return [d.value, d.set];
}

/** The step on this screen is recorded: forget its drafts (they would otherwise come back). */
export async function discardDraftsFor(store: DraftStore | null, pathname: string): Promise<void> {
  const prefix = `${pathname}:`;
  for (const key of [...live.keys()]) {
    if (!key.startsWith(prefix)) continue;
    live.delete(key);
    if (store) await store.remove(key).catch(() => undefined);
  }
}
