// @vitest-environment jsdom
// The sync status line: the first pull's progress bar, and records refused from the server named.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncStatusLine } from './SyncStatusLine';
import type { SyncStatusView } from './types';

const base: SyncStatusView = {
  state: 'upToDate',
  pending: 0,
  lastSyncedAt: new Date(2026, 2, 2, 10, 42).toISOString(),
  retryAt: null,
  message: null,
  refused: [],
  progress: null,
};
afterEach(cleanup);

describe('the sync status line', () => {
  it('shows a progress bar while the first pull runs', () => {
    render(<SyncStatusLine status={{ ...base, state: 'pulling', progress: { read: 120, total: 400 } }} />);
    expect(screen.getByRole('status').textContent).toBe('Receiving from the school server: 120 of 400 records…');
    const bar = screen.getByRole('progressbar', {
      name: 'Records received from the school server',
    }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([120, 400]);
  });

  it('names each record refused from the server, with why, as an alert', () => {
    render(
      <SyncStatusLine
        status={{
          ...base,
          refused: [
            {
              docId: 'event:x',
              label: 'step 3 of case YPSI-2026-0007',
              reason: 'It was altered on the server: it differs from this tablet’s own record.',
            },
          ],
        }}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('Up to date with the school server, 10:42');
    expect(screen.queryByRole('progressbar')).toBeNull();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('One record from the school server was refused');
    expect(within(alert).getByRole('listitem').textContent).toBe(
      'step 3 of case YPSI-2026-0007: It was altered on the server: it differs from this tablet’s own record.',
    );
  });
});
