// Arabic shaping: each letter takes the form a reader expects from its neighbours, before the bidi step.
import { describe, expect, it } from 'vitest';
import { LOGICAL_TEXT, shapeArabic } from '../../../src/pdf/text/shape';
import { FONT_COVERAGE } from '../../../src/pdf/text/coverage';

const hex = (s: string) =>
  Array.from(s, (c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')).join(' ');

describe('shapeArabic', () => {
  it('joins a dual-joining word: initial, then final after a right-joining reh, initial again, final (مريم)', () => {
    expect(hex(shapeArabic('مريم'))).toBe('FEE3 FEAE FEF3 FEE2');
  });

  it('leaves alef alone (it joins nothing after it), then initial, medial, final (أحمد)', () => {
    expect(hex(shapeArabic('أحمد'))).toBe('FE83 FEA3 FEE4 FEAA');
  });

  it('keeps words apart: a space breaks the join, Latin and digits pass through unchanged', () => {
    expect(hex(shapeArabic('مريم أحمد Zoë 12'))).toBe(
      'FEE3 FEAE FEF3 FEE2 0020 FE83 FEA3 FEE4 FEAA 0020 005A 006F 00EB 0020 0031 0032',
    );
    expect(shapeArabic('Zoë Ørsted 12')).toBe('Zoë Ørsted 12');
    expect(shapeArabic('מרים כהן')).toBe('מרים כהן');
  });

  it('draws lam-alef as one ligature: isolated on its own, final after a joining letter (لا, سلام, الله)', () => {
    expect(hex(shapeArabic('لا'))).toBe('FEFB');
    expect(hex(shapeArabic('سلام'))).toBe('FEB3 FEFC FEE1');
    expect(hex(shapeArabic('لأ'))).toBe('FEF7');
    expect(hex(shapeArabic('علي'))).toBe('FECB FEE0 FEF2');
    // Alef + lam + lam + heh: the lam before heh is medial, heh final.
    expect(hex(shapeArabic('الله'))).toBe('FE8D FEDF FEE0 FEEA');
  });

  it('keeps tashkeel transparent: marks do not break the join and stay after their letter (مُحَمَّد)', () => {
    expect(hex(shapeArabic('مُحَمَّد'))).toBe('FEE3 064F FEA4 064E FEE4 064E 0651 FEAA'.replace('064E 0651', hex('َّ')));
    expect(hex(shapeArabic('لَا'))).toBe('FEFB 064E');
  });

  it('joins across a tatweel (kashida), which is drawn as itself', () => {
    expect(hex(shapeArabic('مـم'))).toBe('FEE3 0640 FEE2');
    expect(hex(shapeArabic('لـا'))).toBe('FEDF 0640 FE8E');
  });

  it('joins right-joining letters only to the letter before them (teh marbuta, waw, dal, zain)', () => {
    expect(hex(shapeArabic('فاطمة'))).toBe('FED3 FE8E FEC3 FEE4 FE94');
    expect(hex(shapeArabic('داود'))).toBe('FEA9 FE8D FEED FEA9');
    expect(hex(shapeArabic('عزيز'))).toBe('FECB FEB0 FEF3 FEB0');
  });

  it('draws a letter without presentation forms in the font as itself, and its neighbours do not join it (پ)', () => {
    // Peh (Persian, Urdu) has only Presentation Forms-A glyphs, which the fonts leave out.
    expect(hex(shapeArabic('پری'))).toBe('067E FEAD 06CC');
  });

  it('only ever uses forms the fonts have, and every form reads back as its letter', () => {
    const inFont = (cp: number) => FONT_COVERAGE.some(([a, b]) => cp >= a && cp <= b);
    for (const word of [
      'مريم أحمد',
      'سلام',
      'فاطمة الزهراء',
      'عبد الله',
      'يوسف',
      'خديجة',
      'ثابت ظافر غادة ضياء شيماء',
      'ئ ؤ ى',
    ]) {
      const shaped = shapeArabic(word);
      for (const ch of shaped) expect(inFont(ch.codePointAt(0)!), `${word}: ${hex(ch)}`).toBe(true);
      expect(Array.from(shaped, (ch) => LOGICAL_TEXT.get(ch.codePointAt(0)!) ?? ch).join('')).toBe(word);
    }
  });
});
