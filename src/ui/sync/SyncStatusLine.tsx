// The sync status line's content (loaded only once sync runs, so the first load is unchanged).
import { syncStatusText } from './statusText';
import type { SyncStatusView } from './types';

export function SyncStatusLine({ status }: { status: SyncStatusView }) {
  const firstPull = status.state === 'pulling' && status.progress && status.progress.total > 0;
  return (
    <div className="app-sync-status">
      <p className="app-body" role="status">
        {syncStatusText(status)}
      </p>
      {firstPull && status.progress && (
        <progress
          className="app-sync-status__progress"
          max={status.progress.total}
          value={Math.min(status.progress.read, status.progress.total)}
          aria-label="Records received from the school server"
        />
      )}
      {status.refused.length > 0 && (
        <div className="app-warning-text" role="alert">
          <p className="app-body">
            <strong>
              {status.refused.length === 1
                ? 'One record from the school server was refused'
                : `${status.refused.length} records from the school server were refused`}
              : it does not match what this establishment recorded. Tell your DSL and IT.
            </strong>
          </p>
          <ul className="app-list">
            {status.refused.map((r) => (
              <li key={r.docId}>
                {r.label}: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
