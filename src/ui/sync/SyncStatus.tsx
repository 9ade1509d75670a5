// The sync status line: always visible while sync is set up; nothing at all when it is not.
import { lazy, Suspense } from 'react';
import { useSync } from './SyncProvider';

const Line = lazy(() => import('./SyncStatusLine').then((m) => ({ default: m.SyncStatusLine })));

export function SyncStatus() {
  const { status } = useSync();
  if (!status) return null;
  return (
    <Suspense fallback={null}>
      <Line status={status} />
    </Suspense>
  );
}
