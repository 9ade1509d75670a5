// The bidi step: a line in logical order comes out in the order its glyphs are drawn left to right.
import { describe, expect, it } from 'vitest';
import { paragraphDirection, visualOrder } from '../../../src/pdf/text/bidi';
import { shapeArabic } from '../../../src/pdf/text/shape';

describe('visualOrder', () => {
  it('leaves left-to-right text exactly as it is', () => {
    for (const s of ['Zoë Ørsted (Year 9), 25/11/2026', 'Ξεσκεπάζω 12', '', '   ']) expect(visualOrder(s)).toBe(s);
  });

  it('reverses pure Hebrew, word order and letters, so it reads right to left', () => {
    expect(visualOrder('מרים כהן')).toBe('ןהכ םירמ');
    expect(paragraphDirection('מרים כהן')).toBe('rtl');
  });

  it('reverses pure Arabic after shaping, keeping the joining forms', () => {
    const shaped = shapeArabic('مريم أحمد');
    expect(visualOrder(shaped)).toBe(Array.from(shaped).reverse().join(''));
    expect(visualOrder('مريم أحمد')).toBe('دمحأ ميرم');
  });

  it('keeps a Latin name left to right inside Arabic (مريم أحمد Zoë): Zoë at the left, the Arabic to its right', () => {
    expect(visualOrder('مريم أحمد Zoë')).toBe('Zoë دمحأ ميرم');
    expect(paragraphDirection('مريم أحمد Zoë')).toBe('rtl');
    // The same words in an English line: the Arabic run still reads right to left.
    expect(visualOrder('Zoë مريم أحمد')).toBe('Zoë دمحأ ميرم');
    expect(visualOrder('Name: מרים כהן, Year 9')).toBe('Name: ןהכ םירמ, Year 9');
  });

  it('keeps digits in Hebrew as a left-to-right group (דוד 11, דוד 12, dates)', () => {
    expect(visualOrder('דוד 11')).toBe('11 דוד');
    expect(visualOrder('דוד 12')).toBe('12 דוד');
    expect(visualOrder('נולד 25/11/2026')).toBe('25/11/2026 דלונ');
    expect(visualOrder('כיתה 10 ב')).toBe('ב 10 התיכ');
    expect(visualOrder('مريم ١٢')).toBe('١٢ ميرم');
  });

  it('mirrors brackets in right-to-left text and keeps them around what they enclose', () => {
    expect(visualOrder('(מרים)')).toBe('(םירמ)');
    expect(visualOrder('מרים (Zoë)')).toBe('(Zoë) םירמ');
    expect(visualOrder('Zoë (מרים)')).toBe('Zoë (םירמ)');
    expect(visualOrder('[مريم]')).toBe('[ميرم]');
  });

  it('keeps marks after their letter when a run is reversed (Hebrew points, Arabic tashkeel)', () => {
    expect(visualOrder('שָׁלוֹם')).toBe('םוֹלשָׁ');
    expect(visualOrder('مُحَمَّد')).toBe('دمَّحَمُ');
  });

  it('takes the paragraph direction from the first strong letter, left to right when there is none', () => {
    expect(paragraphDirection('12 מרים')).toBe('rtl');
    expect(paragraphDirection('12 Zoë מרים')).toBe('ltr');
    expect(paragraphDirection('12 - 3')).toBe('ltr');
    expect(visualOrder('12 מרים')).toBe('םירמ 12');
  });

  it('loses and adds nothing: the visual line is a permutation of the logical one', () => {
    const samples = [
      'מרים כהן and مريم أحمد (Year 9), 25/11/2026 — 50%',
      'אבא: 3.5 [x] {y} <z> «q»',
      'abc אבג 123 def',
    ];
    for (const s of samples) expect([...visualOrder(s)].length).toBe([...s].length);
    for (const s of samples)
      expect([...visualOrder(s).replace(/[()[\]{}<>«»]/g, '')].sort()).toEqual(
        [...s.replace(/[()[\]{}<>«»]/g, '')].sort(),
      );
  });
});
