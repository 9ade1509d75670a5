import { describe, expect, it } from 'vitest';
import { IdleTimer, clampIdleMinutes, HIDDEN_GRACE_MS, type IdleState } from './idle';

function fakeClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let id = 0;
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => {
      id += 1;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (h: unknown) => {
      timers = timers.filter((t) => t.id !== h);
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.fn();
      }
      now = end;
    },
  };
}

describe('auto-lock', () => {
  it('never allows "never": minutes are kept between 1 and 30, default 5', () => {
    expect(clampIdleMinutes(0)).toBe(1);
    expect(clampIdleMinutes(999)).toBe(30);
    expect(clampIdleMinutes(Infinity)).toBe(5);
    expect(clampIdleMinutes('never')).toBe(5);
  });

  it('warns a minute before locking, and "stay unlocked" extends', () => {
    const clock = fakeClock();
    const states: IdleState[] = [];
    const t = new IdleTimer(5, (s) => states.push(s), clock);
    clock.advance(4 * 60_000 - 1);
    expect(states).toEqual([]);
    clock.advance(1);
    expect(states.at(-1)?.phase).toBe('warning');
    t.extend();
    clock.advance(4 * 60_000 + 59_000);
    expect(states.at(-1)?.phase).toBe('warning');
    clock.advance(60_000);
    expect(states.at(-1)).toEqual({ phase: 'locked', why: 'idle' });
  });

  it('typing keeps it unlocked', () => {
    const clock = fakeClock();
    const states: IdleState[] = [];
    const t = new IdleTimer(1, (s) => states.push(s), clock);
    for (let i = 0; i < 10; i++) {
      clock.advance(30_000);
      t.activity();
    }
    expect(states.filter((s) => s.phase === 'locked')).toHaveLength(0);
  });

  it('locks when the page stays hidden past the grace period, not before', () => {
    const clock = fakeClock();
    const states: IdleState[] = [];
    const t = new IdleTimer(30, (s) => states.push(s), clock);
    t.hidden(true);
    clock.advance(HIDDEN_GRACE_MS - 1);
    t.hidden(false);
    clock.advance(HIDDEN_GRACE_MS);
    expect(states).toEqual([]);
    t.hidden(true);
    clock.advance(HIDDEN_GRACE_MS);
    expect(states.at(-1)).toEqual({ phase: 'locked', why: 'hidden' });
  });
});
