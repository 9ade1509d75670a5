// The slow-down after a wrong passphrase or recovery key, as a countdown the screens can show.
import { useCallback, useEffect, useState } from 'react';

/** `waiting` is the whole seconds left; `startWait(ms)` starts a new wait. */
export function useRetryWait(): { waiting: number; startWait: (ms: number) => void } {
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [waitUntil]);
  const startWait = useCallback((ms: number) => {
    if (ms <= 0) return;
    setWaitUntil(Date.now() + ms);
    setNow(Date.now());
  }, []);
  return { waiting: Math.max(0, Math.ceil((waitUntil - now) / 1000)), startWait };
}
