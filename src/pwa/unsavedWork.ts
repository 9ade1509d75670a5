// Owns the question "is there unsaved work on screen?", asked before a new version may reload
// the page (docs/SECURITY.md item 11: skipWaiting only after the user accepts and work is saved).

export type UnsavedWorkCheck = () => boolean;

const checks = new Set<UnsavedWorkCheck>();

/**
 * Registers a check that says whether the screen holds work that a reload would lose.
 * Returns a function that removes the check (call it when the screen unmounts).
 */
export function registerUnsavedWorkCheck(check: UnsavedWorkCheck): () => void {
  // Wrap so that registering the same function twice gives two independent registrations.
  const entry: UnsavedWorkCheck = () => check();
  checks.add(entry);
  return () => {
    checks.delete(entry);
  };
}

/**
 * True if any registered check reports unsaved work. A check that throws counts as unsaved
 * work: when in doubt, do not reload over someone's answers.
 */
export function hasUnsavedWork(): boolean {
  for (const check of checks) {
    try {
      if (check()) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/** For tests: forget every registered check. */
export function clearUnsavedWorkChecks(): void {
  checks.clear();
}
