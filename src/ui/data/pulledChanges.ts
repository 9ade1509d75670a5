// What sync pulls have changed on this tablet, as the case screens read it: the sync provider
// (src/ui/sync/SyncProvider.tsx) provides it, the open case (CaseContext.tsx) reloads from it.
// Null while sync is not running; then nothing ever changes under a screen.
import { createContext, useContext } from 'react';
import type { PulledChangesView } from '../sync/types';

export const PulledChangesContext = createContext<PulledChangesView | null>(null);

export function usePulledChanges(): PulledChangesView | null {
  return useContext(PulledChangesContext);
}

/** Did this pull move `caseId` on (or may it have: a rotation taken on)? */
export function touches(changes: PulledChangesView, caseId: string): boolean {
  return changes.all || changes.cases.includes(caseId);
}
