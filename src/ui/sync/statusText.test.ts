import { describe, expect, it } from 'vitest';
import { syncStatusText } from './statusText';
import type { SyncStatusView } from './types';

const base: SyncStatusView = {
  state: 'upToDate',
  pending: 0,
  lastSyncedAt: null,
  retryAt: null,
  message: null,
  refused: [],
  progress: null,
};
const at = (h: number, m: number) => new Date(2026, 2, 2, h, m).toISOString();

describe('the sync status line', () => {
  it('says when the tablet was last up to date, and how many steps wait to be sent', () => {
    expect(syncStatusText({ ...base, lastSyncedAt: at(10, 42) })).toBe('Up to date with the school server, 10:42');
    expect(syncStatusText({ ...base, state: 'offline', pending: 3 })).toBe(
      'Offline: not syncing with the school server. 3 steps waiting to send.',
    );
    expect(syncStatusText({ ...base, state: 'paused', pending: 1 })).toBe(
      'Sync with the school server is paused. 1 step waiting to send.',
    );
    expect(syncStatusText({ ...base, state: 'error', pending: 0, retryAt: at(10, 45) })).toBe(
      'Could not reach the school server; trying again at 10:45. Nothing waiting to send.',
    );
  });

  it('shows the first pull’s progress and names a sign-in problem', () => {
    expect(syncStatusText({ ...base, state: 'pulling', progress: { read: 120, total: 400 } })).toBe(
      'Receiving from the school server: 120 of 400 records…',
    );
    expect(syncStatusText({ ...base, state: 'needsSignIn', pending: 2 })).toBe(
      'The school server did not accept this tablet’s sign-in: check it in Settings. 2 steps waiting to send.',
    );
    expect(syncStatusText({ ...base, state: 'refused', message: 'The server refused this tablet.' })).toBe(
      'The server refused this tablet. Nothing waiting to send.',
    );
  });
});
