// The PDF's bidi step against the Unicode reference cases (UAX #9 BidiCharacterTest): for each
// case, the resolved paragraph level, each character's level and the display order the standard
// gives. The sample is in fixtures/BidiCharacterTest.sample.txt (see fixtures/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import bidiFactory from 'bidi-js';
import { displayOrder, embeddingLevels, visualOrder } from '../../../src/pdf/text/bidi';
import { graphemes } from '../../../src/pdf/text/drawable';

interface ReferenceCase {
  line: number;
  codePoints: number[];
  direction: 'ltr' | 'rtl' | 'auto';
  paragraphLevel: number;
  /** Per code point; null where the character is removed by rule X9 ('x'). */
  levels: (number | null)[];
  /** Code point indices, left to right, without the removed ones. */
  order: number[];
}

function readCases(): ReferenceCase[] {
  const text = readFileSync(new URL('./fixtures/BidiCharacterTest.sample.txt', import.meta.url), 'utf8');
  return text
    .split('\n')
    .map((raw, i) => ({ raw, line: i + 1 }))
    .filter(({ raw }) => /^[0-9A-F]/.test(raw))
    .map(({ raw, line }) => {
      const [cps, dir, para, levels, order] = raw.split(';') as [string, string, string, string, string];
      return {
        line,
        codePoints: cps
          .trim()
          .split(' ')
          .map((h) => parseInt(h, 16)),
        direction: (['ltr', 'rtl', 'auto'] as const)[Number(dir)]!,
        paragraphLevel: Number(para),
        levels: levels
          .trim()
          .split(' ')
          .map((l) => (l === 'x' ? null : Number(l))),
        order: order.trim() === '' ? [] : order.trim().split(' ').map(Number),
      };
    });
}

const cases = readCases();

/** The text of a case, and for each of its UTF-16 code units the code point it belongs to. */
function textOf(c: ReferenceCase): { text: string; codePointAt: number[] } {
  const codePointAt: number[] = [];
  c.codePoints.forEach((cp, i) => {
    codePointAt.push(i);
    if (cp > 0xffff) codePointAt.push(i);
  });
  return { text: String.fromCodePoint(...c.codePoints), codePointAt };
}

describe('bidi against the Unicode reference cases (BidiCharacterTest, Unicode 15.0.0)', () => {
  it('reads the sample: hundreds of cases left to right and right to left, and every case whose direction is found from the text', () => {
    expect(cases.length).toBeGreaterThan(600);
    for (const d of ['ltr', 'rtl'] as const) expect(cases.filter((c) => c.direction === d).length).toBeGreaterThan(300);
    expect(cases.filter((c) => c.direction === 'auto').length).toBe(28);
  });

  it('resolves the paragraph level and every character’s level as the standard does', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const { text, codePointAt } = textOf(c);
      const result = embeddingLevels(text, c.direction);
      const got = c.codePoints.map((_, i) => result.levels[codePointAt.indexOf(i)]);
      const same =
        result.paragraphs[0]?.level === c.paragraphLevel && c.levels.every((l, i) => l === null || l === got[i]);
      if (!same)
        wrong.push(`line ${c.line}: levels ${got.join(' ')}, expected ${c.levels.map((l) => l ?? 'x').join(' ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('puts the characters in the display order the standard gives (rules L1 and L2)', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const { text, codePointAt } = textOf(c);
      const indices = displayOrder(text, embeddingLevels(text, c.direction))
        .map((u) => codePointAt[u]!)
        .filter((cp, i, all) => all.indexOf(cp) === i && c.levels[cp] !== null);
      if (indices.join(' ') !== c.order.join(' '))
        wrong.push(`line ${c.line}: ${indices.join(' ')}, expected ${c.order.join(' ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('draws each line as the standard orders it: visualOrder gives the reference order, mirrored characters swapped where right to left', () => {
    const mirror = bidiFactory().getMirroredCharacter;
    // The cases visualOrder takes as they are: one grapheme per code point (visualOrder keeps a
    // mark after its letter, which the standard leaves to the renderer), no character removed
    // by X9 (drawable text holds no format characters), a set direction or one found from the
    // text, and no leading LRM or RLM (which visualOrder reads as wrapText's direction mark).
    const usable = cases.filter((c) => {
      const { text } = textOf(c);
      return (
        c.direction !== 'auto' &&
        c.levels.every((l) => l !== null) &&
        graphemes(text).length === c.codePoints.length &&
        text[0] !== '\u200e' &&
        text[0] !== '\u200f'
      );
    });
    expect(usable.length).toBeGreaterThan(200);
    const wrong: string[] = [];
    for (const c of usable) {
      const chars = c.codePoints.map((cp) => String.fromCodePoint(cp));
      const expected = c.order
        .map((i) => (c.levels[i]! % 2 === 1 ? (mirror(chars[i]!) ?? chars[i]!) : chars[i]!))
        .join('');
      const got = visualOrder(chars.join(''), c.direction as 'ltr' | 'rtl');
      if (got !== expected) wrong.push(`line ${c.line}`);
    }
    expect(wrong).toEqual([]);
  });
});
