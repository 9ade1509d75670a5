// The one line that says where this tablet stands with the school's server (always visible while
// sync is set up). Plain words; times in the tablet's own clock (24-hour, as the rest of the app).
import { clockTime } from '../format';
import type { SyncStatusView } from './types';

export function waitingText(n: number): string {
  if (n === 0) return 'Nothing waiting to send.';
  return `${n} ${n === 1 ? 'step' : 'steps'} waiting to send.`;
}

/** The status line's words for one moment of the sync actor. */
export function syncStatusText(s: SyncStatusView): string {
  switch (s.state) {
    case 'upToDate':
      return `Up to date with the school server, ${clockTime(s.lastSyncedAt)}`;
    case 'connecting':
      return 'Connecting to the school server…';
    case 'pulling':
      return s.progress && s.progress.total > 0
        ? `Receiving from the school server: ${Math.min(s.progress.read, s.progress.total)} of ${s.progress.total} records…`
        : 'Receiving from the school server…';
    case 'pushing':
      return s.pending > 0
        ? `Sending ${s.pending} ${s.pending === 1 ? 'step' : 'steps'} to the school server…`
        : 'Sending to the school server…';
    case 'offline':
      return `Offline: not syncing with the school server. ${waitingText(s.pending)}`;
    case 'paused':
      return `Sync with the school server is paused. ${waitingText(s.pending)}`;
    case 'needsSignIn':
      return `The school server did not accept this tablet’s sign-in: check it in Settings. ${waitingText(s.pending)}`;
    case 'refused':
      return `${s.message ?? 'The school server refused this tablet.'} ${waitingText(s.pending)}`;
    case 'error': {
      // The engine's own words when it has them (src/storage/sync/failure.ts): a fault on this tablet is not the network.
      const what = (s.message ?? 'Could not reach the school server').trim().replace(/[.\s]+$/, '');
      return `${what}${s.retryAt ? `; trying again at ${clockTime(s.retryAt)}` : ''}. ${waitingText(s.pending)}`;
    }
  }
}
