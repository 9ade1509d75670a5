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
    /** The tablet sleeps: the clock moves on, no timer runs (iPadOS and Android suspend them). */
    sleep(ms: number) {
      now += ms;
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

  describe('by the wall clock, whatever the timers did (issue 12 finding 3)', () => {
    const TWO_HOURS = 2 * 60 * 60_000;

    it('hidden for two hours while asleep, then shown: locks at once, as "hidden"', () => {
      const clock = fakeClock();
      const states: IdleState[] = [];
      const t = new IdleTimer(30, (s) => states.push(s), clock);
      t.hidden(true);
      clock.sleep(TWO_HOURS);
      expect(states).toEqual([]);
      t.hidden(false);
      expect(states.at(-1)).toEqual({ phase: 'locked', why: 'hidden' });
    });

    it('asleep past the idle deadline, then tapped: locks, and the tap is reported as swallowed', () => {
      const clock = fakeClock();
      const states: IdleState[] = [];
      const t = new IdleTimer(5, (s) => states.push(s), clock);
      clock.sleep(5 * 60_000);
      expect(t.activity()).toBe(true);
      expect(states.at(-1)).toEqual({ phase: 'locked', why: 'idle' });
      expect(t.activity()).toBe(true);
    });

    it('asleep with the warning on screen: "Stay unlocked" after the deadline locks instead of extending', () => {
      const clock = fakeClock();
      const states: IdleState[] = [];
      const t = new IdleTimer(5, (s) => states.push(s), clock);
      clock.advance(4 * 60_000);
      expect(states.at(-1)?.phase).toBe('warning');
      clock.sleep(TWO_HOURS);
      t.extend();
      expect(states.at(-1)).toEqual({ phase: 'locked', why: 'idle' });
    });

    it('a resume before any deadline changes nothing; a resume inside the last minute shows the warning', () => {
      const clock = fakeClock();
      const states: IdleState[] = [];
      const t = new IdleTimer(5, (s) => states.push(s), clock);
      clock.sleep(3 * 60_000);
      expect(t.check()).toBe(false);
      expect(states).toEqual([]);
      clock.sleep(90_000);
      expect(t.check()).toBe(false);
      expect(states.at(-1)).toEqual({ phase: 'warning', locksAt: 5 * 60_000 });
    });

    it('hidden, asleep for less than the grace, shown: still unlocked; hidden again later counts afresh', () => {
      const clock = fakeClock();
      const states: IdleState[] = [];
      const t = new IdleTimer(30, (s) => states.push(s), clock);
      t.hidden(true);
      clock.sleep(HIDDEN_GRACE_MS - 1_000);
      t.hidden(false);
      expect(states).toEqual([]);
      clock.advance(60_000);
      t.hidden(true);
      clock.sleep(HIDDEN_GRACE_MS - 1_000);
      t.hidden(false);
      expect(states).toEqual([]);
    });
  });
});
