import { describe, expect, it } from 'vitest';
import { clearBadge, showBadge } from './badge';

function recorder() {
  const calls: (number | 'cleared')[] = [];
  return {
    calls,
    nav: {
      setAppBadge: (n?: number) => (calls.push(n ?? 0), Promise.resolve()),
      clearAppBadge: () => (calls.push('cleared'), Promise.resolve()),
    },
  };
}

describe('the app badge', () => {
  it('shows the count, a number only, and clears for nothing due and on lock', () => {
    const { calls, nav } = recorder();
    showBadge(3, nav);
    showBadge(0, nav);
    showBadge(2, nav);
    clearBadge(nav);
    expect(calls).toEqual([3, 'cleared', 2, 'cleared']);
  });

  it('does nothing, without an error, where the platform has no badge or refuses it', async () => {
    expect(() => showBadge(4, {})).not.toThrow();
    expect(() => showBadge(4, undefined)).not.toThrow();
    const refusing = { setAppBadge: () => Promise.reject(new DOMException('Not allowed', 'NotAllowedError')) };
    expect(() => showBadge(4, refusing)).not.toThrow();
    const throwing = {
      setAppBadge: () => {
        throw new TypeError('Illegal invocation');
      },
    };
    expect(() => showBadge(4, throwing)).not.toThrow();
    await new Promise((r) => setTimeout(r, 0)); // a refused promise is handled, not left unhandled
  });
});
