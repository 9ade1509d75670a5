// Owns set-up's code (src/ui/setup/FirstRunPages, loaded only when a device needs it, issue 6) and
// its two screens as the session gate renders them. Once the code has arrived they render at once,
// never suspending: boot.tsx waits for it before React adopts the pre-rendered set-up screen, so
// that screen is adopted whole in one go. (A screen that suspended while being adopted stayed
// React's "not yet adopted" markup: a tap on it was dropped, and storage's answer arriving first
// replaced it with a fresh render, losing what had been typed or chosen: the "Join with an
// enrolment code" press that did nothing.)
import { use } from 'react';

type FirstRunModule = typeof import('../setup/FirstRunPages');

let loading: Promise<FirstRunModule> | undefined;
let loaded: FirstRunModule | undefined;

/** Fetches set-up's code once (precached, so offline too); resolves when it can render. */
export function loadFirstRun(): Promise<FirstRunModule> {
  loading ??= import('../setup/FirstRunPages').then((m) => (loaded = m));
  return loading;
}

/** The code, at once when it has arrived; otherwise the screen waits for it (Suspense). */
function useFirstRunCode(): FirstRunModule {
  return loaded ?? use(loadFirstRun());
}

export function FirstRun() {
  const { FirstRun: Screen } = useFirstRunCode();
  return <Screen />;
}

export function LostDatabasePage() {
  const { LostDatabasePage: Screen } = useFirstRunCode();
  return <Screen />;
}
