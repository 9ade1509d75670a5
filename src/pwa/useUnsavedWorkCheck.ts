// React binding for the unsaved-work registry: a form says "I am dirty" and the update prompt
// will not reload over it.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { registerUnsavedWorkCheck } from './unsavedWork';

/** While mounted, reports `hasUnsavedWork` (read at the moment of asking) to the registry. */
export function useUnsavedWorkCheck(hasUnsavedWork: boolean): void {
  const latest = useRef(hasUnsavedWork);
  useLayoutEffect(() => {
    latest.current = hasUnsavedWork;
  });
  useEffect(() => registerUnsavedWorkCheck(() => latest.current), []);
}
