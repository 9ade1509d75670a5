// Auto-lock (docs/SECURITY.md item 6): after idle (default 5 minutes, 1-30, no "never"), with a warning
// a minute before and a way to extend (WCAG 2.2.1); and when the page stays hidden past a grace period.
// Judged by the wall clock, not only by timers: iPadOS and Android suspend timers while the tablet
// sleeps, so on resume (shown again, page restored, focus) and on any input the deadlines are
// compared with the clock first, and a deadline that passed locks whatever the timers did.
export const IDLE_DEFAULT_MINUTES = 5;
export const IDLE_MIN_MINUTES = 1;
export const IDLE_MAX_MINUTES = 30;
export const WARNING_MS = 60_000;
export const HIDDEN_GRACE_MS = 30_000;

export function clampIdleMinutes(m: unknown): number {
  const n = typeof m === 'number' && Number.isFinite(m) ? Math.round(m) : IDLE_DEFAULT_MINUTES;
  return Math.min(IDLE_MAX_MINUTES, Math.max(IDLE_MIN_MINUTES, n));
}

export type IdleState =
  | { phase: 'active' }
  | { phase: 'warning'; locksAt: number }
  | { phase: 'locked'; why: 'idle' | 'hidden' };

export interface IdleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * A small idle timer, independent of React and the DOM, so it can be tested with a fake clock.
 * `activity()` on any user input; `hidden(true/false)` on visibility changes.
 */
export class IdleTimer {
  private timer: unknown = null;
  private hiddenTimer: unknown = null;
  private lastActivity: number;
  /** When the page was last hidden (by the clock), while it stays hidden. */
  private hiddenSince: number | null = null;
  private state: IdleState = { phase: 'active' };

  constructor(
    private readonly minutes: number,
    private readonly onChange: (s: IdleState) => void,
    private readonly clock: IdleClock = {
      now: () => Date.now(),
      setTimeout: (f, ms) => setTimeout(f, ms),
      clearTimeout: (h) => clearTimeout(h as number),
    },
  ) {
    this.lastActivity = clock.now();
    this.schedule();
  }

  private get timeoutMs(): number {
    return clampIdleMinutes(this.minutes) * 60_000;
  }

  private set(s: IdleState) {
    this.state = s;
    this.onChange(s);
  }

  private schedule() {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    // A minute's warning; a quarter of the time for very short timeouts.
    const warnAt = this.lastActivity + this.timeoutMs - Math.min(WARNING_MS, this.timeoutMs / 4);
    const delay = Math.max(0, warnAt - this.clock.now());
    this.timer = this.clock.setTimeout(() => this.warn(), delay);
  }

  private warn() {
    if (this.state.phase === 'locked') return;
    const locksAt = this.lastActivity + this.timeoutMs;
    this.set({ phase: 'warning', locksAt });
    this.timer = this.clock.setTimeout(() => this.lock('idle'), Math.max(0, locksAt - this.clock.now()));
  }

  lock(why: 'idle' | 'hidden') {
    if (this.state.phase === 'locked') return;
    this.stop();
    this.set({ phase: 'locked', why });
  }

  /**
   * Compares the deadlines with the clock and locks if one has passed: the idle deadline, or the
   * hidden grace while the page is (or was, until now) hidden. True if locked. Call on resume.
   */
  check(): boolean {
    if (this.state.phase === 'locked') return true;
    const now = this.clock.now();
    if (this.hiddenSince !== null && now - this.hiddenSince >= HIDDEN_GRACE_MS) {
      this.lock('hidden');
      return true;
    }
    if (now >= this.lastActivity + this.timeoutMs) {
      this.lock('idle');
      return true;
    }
    // A warning whose timer was suspended: show it now, with the time that is really left.
    if (
      this.state.phase === 'active' &&
      now >= this.lastActivity + this.timeoutMs - Math.min(WARNING_MS, this.timeoutMs / 4)
    )
      this.warn();
    return false;
  }

  /**
   * Any input extends the session, except once the warning shows: then only "Stay unlocked" does.
   * An input after a deadline passed (a tap that wakes the tablet) locks instead: returns true, and
   * the caller swallows that input.
   */
  activity(): boolean {
    if (this.check()) return true;
    if (this.state.phase !== 'active') return false;
    this.lastActivity = this.clock.now();
    this.schedule();
    return false;
  }

  /** "Stay unlocked" on the warning; too late once the deadline passed (the tablet slept through it). */
  extend() {
    if (this.check()) return;
    this.lastActivity = this.clock.now();
    this.set({ phase: 'active' });
    this.schedule();
  }

  /** Visibility changes. Shown again: the time spent hidden is measured by the clock, not by the timer. */
  hidden(isHidden: boolean) {
    if (this.hiddenTimer !== null) this.clock.clearTimeout(this.hiddenTimer);
    this.hiddenTimer = null;
    if (isHidden) {
      this.hiddenSince ??= this.clock.now();
      const left = Math.max(0, this.hiddenSince + HIDDEN_GRACE_MS - this.clock.now());
      this.hiddenTimer = this.clock.setTimeout(() => this.lock('hidden'), left);
      return;
    }
    this.check();
    this.hiddenSince = null;
  }

  stop() {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    if (this.hiddenTimer !== null) this.clock.clearTimeout(this.hiddenTimer);
    this.timer = null;
    this.hiddenTimer = null;
  }
}
