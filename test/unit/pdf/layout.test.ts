// Line breaking, pagination and signature strokes: long notes wrap and never overflow or vanish;
// a drawn signature stays inside its box.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../src/pdf/render/wrap';
import { visualOrder } from '../../../src/pdf/text/bidi';
import { MARGIN, PAGE, paginate, type Unit } from '../../../src/pdf/render/layout';
import { strokesToSvgPath } from '../../../src/pdf/render/strokes';
import { graphemes } from '../../../src/pdf/text/drawable';

// A measure like a proportional font: wide letters, narrow spaces.
const measure = (s: string) => graphemes(s).reduce((w, g) => w + (g === ' ' ? 3 : /[MWmw]/.test(g) ? 9 : 6), 0);
const nonSpace = (s: string) => s.replace(/\s+/g, '');

describe('line breaking', () => {
  it('never makes a line wider than the width, unless it is one character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'M', ' ', ' ', '\n', 'ż', 'Ж', 'λ', 'x'), maxLength: 400 }),
        fc.integer({ min: 10, max: 300 }),
        (text, width) => {
          for (const line of wrapText(text, width, measure))
            expect(measure(line) <= width || graphemes(line).length === 1).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps every character, in order: nothing vanishes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 6, max: 200 }), (text, width) => {
        const clean = text.replace(/\t/g, ' ');
        expect(nonSpace(wrapText(clean, width, measure).join(''))).toBe(nonSpace(clean));
      }),
      { numRuns: 300 },
    );
  });

  it('breaks a word longer than a line across lines, and keeps hard line breaks and blank lines', () => {
    expect(wrapText('ab cdefghij kl', 24, measure)).toEqual(['ab', 'cdef', 'ghij', 'kl']);
    expect(wrapText('one\n\ntwo', 100, measure)).toEqual(['one', '', 'two']);
  });
});

describe('pagination', () => {
  const unit = (height: number, extra: Partial<Unit> = {}): Unit => ({ height, spaceBefore: 0, ops: [], ...extra });

  it('keeps every unit inside the margins and moves a heading to the next page with what follows it', () => {
    const units = [...Array.from({ length: 54 }, () => unit(13)), unit(15, { keep: 2 }), unit(13), unit(13)];
    const pages = paginate(units);
    for (const page of pages)
      for (const p of page) {
        expect(p.top).toBeLessThanOrEqual(PAGE.height - MARGIN.top);
        expect(p.top - p.unit.height).toBeGreaterThanOrEqual(MARGIN.bottom);
      }
    expect(pages.flat()).toHaveLength(units.length);
    const headingPage = pages.findIndex((pg) => pg.some((p) => p.unit === units[54]));
    expect(pages[headingPage]!.some((p) => p.unit === units[55])).toBe(true);
  });

  it('starts a section marked for a new page on a new page', () => {
    const pages = paginate([unit(13), unit(13, { pageBreakBefore: true })]);
    expect(pages).toHaveLength(2);
  });
});

describe('a drawn signature', () => {
  const sig = {
    strokes: [
      [
        { x: 0, y: 0 },
        { x: 600, y: 200 },
      ],
      [{ x: 300, y: 100 }],
    ],
    width: 600,
    height: 200,
  };

  it('is scaled into its box as vector path commands', () => {
    const path = strokesToSvgPath(sig, 220, 72);
    const nums = path.match(/-?\d+(\.\d+)?/g)!.map(Number);
    for (let i = 0; i < nums.length; i += 2) {
      expect(nums[i]).toBeGreaterThanOrEqual(0);
      expect(nums[i]).toBeLessThanOrEqual(220);
      expect(nums[i + 1]).toBeGreaterThanOrEqual(0);
      expect(nums[i + 1]).toBeLessThanOrEqual(72);
    }
    // A one-point stroke is a dot: a zero-length line drawn with a round cap.
    expect(path).toMatch(/M (\S+) (\S+) L \1 \2$/);
  });

  it('skips points that are not numbers and survives a canvas with no size', () => {
    const odd = {
      strokes: [
        [
          { x: Number.NaN, y: 1 },
          { x: 5, y: 5 },
          { x: 50, y: 20 },
        ],
        [],
      ],
      width: 0,
      height: Number.POSITIVE_INFINITY,
    };
    expect(strokesToSvgPath(odd, 220, 72)).toMatch(/^M [\d.]+ [\d.]+ L [\d.]+ [\d.]+$/);
    expect(strokesToSvgPath({ strokes: [], width: 1, height: 1 }, 220, 72)).toBe('');
  });
});

describe('line breaking with right-to-left text', () => {
  const LRM = '\u200e';
  const RLM = '\u200f';
  it('wraps in logical order, then each line is reordered as part of its paragraph', () => {
    const text = 'Experimental: a picture sent between מרים כהן and مريم أحمد, both 16.';
    const lines = wrapText(text, 260, measure);
    expect(lines.length).toBeGreaterThan(1);
    // An English paragraph: every line carries its left-to-right direction, even one starting in Hebrew.
    for (const line of lines) expect(line.startsWith(LRM)).toBe(true);
    expect(nonSpace(lines.map((l) => l.slice(1)).join(' '))).toBe(nonSpace(text));
    const drawn = lines.map((l) => visualOrder(l));
    const second = drawn.find((l) => l.includes('and'))!;
    // A line that starts with a Hebrew word still reads English left to right: the Hebrew first, then "and".
    expect(second.indexOf('and')).toBeGreaterThan(second.search(/[\u0590-\u05ff]/));
    for (const l of drawn) expect(l).not.toMatch(/[\u200e\u200f]/);
  });

  it('gives a paragraph wholly in Hebrew or Arabic a right-to-left direction on every line', () => {
    const lines = wrapText('מרים כהן אמרה לי שזה קרה אתמול בערב (בבית)', 60, measure);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.startsWith(RLM)).toBe(true);
    expect(visualOrder(lines.at(-1)!)).toMatch(/^\(/);
  });

  it('adds nothing to text without right-to-left letters', () => {
    expect(wrapText('Zoë Ørsted (Year 9)\n\nΑλέξανδρος', 1000, measure)).toEqual([
      'Zoë Ørsted (Year 9)',
      '',
      'Αλέξανδρος',
    ]);
  });
});
