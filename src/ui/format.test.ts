// Dates in a domain sentence are shown in words, as a DSL reads them; times and other numbers are left alone.
import { describe, expect, it } from 'vitest';
import { datesInWords } from './format';

describe('datesInWords', () => {
  it('writes each ISO date in words and leaves the rest of the sentence as it was', () => {
    expect(datesInWords('The case is kept until 2041-09-01. It cannot be destroyed before its review date.')).toBe(
      'The case is kept until 1 September 2041. It cannot be destroyed before its review date.',
    );
    expect(
      datesInWords("Kept until the youngest young person's 25th birthday, 2036-11-25, worked out from their age"),
    ).toContain('25th birthday, 25 November 2036, worked out');
  });

  it('leaves instants, references and plain numbers alone', () => {
    for (const text of ['Set at 2026-03-01T10:00:00Z', 'Ref 44/2026', 'YPSI-2026-0001', 'Call 01902 555392'])
      expect(datesInWords(text)).toBe(text);
  });
});
