// Which of two versions of a key holder's row (or of the settings) stands when two tablets follow
// each other (src/storage/sync/holderVersions.ts, docs/SYNC.md "Key holders and settings changed on
// another tablet"): read from the logs, a version seen and moved past is never taken back, and two
// changes made apart are settled the same way on both tablets, whichever looks first. Bounded and seeded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/storage/chain/log';
import { type Version, decide, historyOf } from '../../../src/storage/sync/holderVersions';

const actor = { userId: 'u-dsl', role: 'dsl' as const, name: 'Dana Shah' };
let n = 0;
const at = (minute: number) => `2026-12-03T10:${String(minute).padStart(2, '0')}:00.000Z`;
function bound(change: string, rows: [string, string][], minute = n): LogEntry {
  n++;
  const t = at(minute % 60);
  return {
    id: `b${n}`,
    actor,
    occurredAt: t,
    recordedAt: t,
    type: 'keyring.bound',
    change,
    epoch: 'e1',
    rows,
  } as LogEntry;
}

describe('the versions a log records', () => {
  it('a row changed by a reset or a change is a new version; a rotation that wraps every row again is not', () => {
    const setUp = bound('set-up', [
      ['h', 'd1'],
      ['x', 'd2'],
    ]);
    const reset = bound('passphrase-reset', [
      ['h', 'd3'],
      ['x', 'd2'],
    ]);
    const rotation = bound('removed', [
      ['h', 'd4'],
      ['x', 'd5'],
    ]);
    const h = historyOf([setUp, reset, rotation]);
    expect(h.holders.get('h')).toMatchObject({ id: reset.id, change: 'passphrase-reset' });
    expect(h.holders.get('x')).toMatchObject({ id: setUp.id, change: 'set-up' });
    expect([...h.seenHolders.get('h')!]).toEqual([setUp.id, reset.id]);
  });

  it('a key holder first bound by a rotation taken on from another tablet has a version: the binding that brought them', () => {
    const setUp = bound('set-up', [['h', 'd1']]);
    const followed = bound('followed', [
      ['h', 'd2'],
      ['y', 'd3'],
    ]);
    const h = historyOf([setUp, followed]);
    expect(h.holders.get('y')).toMatchObject({ id: followed.id, change: 'followed' });
    expect(h.holders.get('h')).toMatchObject({ id: setUp.id });
  });

  it('a version seen and moved past is kept; one the other tablet has moved past is taken', () => {
    const v1: Version = { id: 'v1', change: 'set-up', at: at(1) };
    const v2: Version = { id: 'v2', change: 'passphrase-reset', at: at(2) };
    // This tablet has v2 and saw v1: the other offering v1 (older, or replayed) changes nothing.
    expect(decide(v2, new Set(['v1', 'v2']), v1, new Set(['v1']))).toBe('keep');
    // The other tablet saw this one's v1 and moved on to v2: taken.
    expect(decide(v1, new Set(['v1']), v2, new Set(['v1', 'v2']))).toBe('take');
    expect(decide(v2, new Set(['v2']), v2, new Set(['v2']))).toBe('same');
  });

  it('two changes made apart: every tablet makes the same choice, a reset over a change by its holder, then the later', () => {
    const change = fc.constantFrom('passphrase-changed', 'passphrase-reset', 'recovery-used', 'added', 'upgraded');
    const version = fc.record({ id: fc.uuid(), change, at: fc.integer({ min: 0, max: 59 }).map(at) });
    fc.assert(
      fc.property(version, version, (a, b) => {
        fc.pre(a.id !== b.id);
        const onA = decide(a, new Set([a.id]), b, new Set([b.id]));
        const onB = decide(b, new Set([b.id]), a, new Set([a.id]));
        // One tablet takes the other's, the other keeps its own: both end with the same version.
        expect([onA, onB].sort()).toEqual(['keep-apart', 'take-apart']);
        const kept = onA === 'keep-apart' ? a : b;
        const other = kept === a ? b : a;
        const reset = (v: Version) => ['passphrase-reset', 'recovery-used'].includes(v.change);
        // A reset first, then the later change: the kept one never ranks below the other.
        const rank = (v: Version) => `${reset(v) ? 1 : 0}|${v.at}`;
        expect(rank(kept) >= rank(other)).toBe(true);
      }),
      { numRuns: 60, seed: 20261203 },
    );
  });
});
