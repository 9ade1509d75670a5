// Days in words: one list of month names for reasons, reports and the case list.
import { describe, expect, it } from 'vitest';
import { dayInWords, MONTH_NAMES } from './days';

describe('a day in words', () => {
  it('writes an ISO date as a DSL reads it, without a leading zero', () => {
    expect(dayInWords('2026-03-03')).toBe('3 March 2026');
    expect(dayInWords('2025-09-01')).toBe('1 September 2025');
    expect(dayInWords('2025-12-31T23:59:00Z')).toBe('31 December 2025');
  });

  it('leaves text that is not a date as it is', () => {
    expect(dayInWords('not known')).toBe('not known');
  });

  it('names the twelve months in order', () => {
    expect(MONTH_NAMES).toHaveLength(12);
    expect(MONTH_NAMES[0]).toBe('January');
    expect(MONTH_NAMES[11]).toBe('December');
  });
});
