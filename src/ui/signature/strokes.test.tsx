// The drawn signature is kept as vector strokes: signature_pad's points -> the domain's Signature,
// and back to an SVG path for review pages. Never a picture, never a data URL.
import { describe, expect, it } from 'vitest';
import {
  emptySignature,
  padDataToStrokes,
  strokeCount,
  strokesBounds,
  strokesToPadData,
  strokesToPath,
  toDrawnSignature,
} from './strokes';

const T0 = 1_767_000_000_000;
const pad = [
  {
    points: [
      { x: 10.04, y: 20.06, time: T0, pressure: 0.5 },
      { x: 15.55, y: 25.449, time: T0 + 16.26, pressure: 0.5 },
      { x: 22.123, y: 31.987, time: T0 + 32, pressure: 0.5 },
    ],
  },
  { points: [] },
  { points: [{ x: 100, y: 50, time: T0 + 900, pressure: 0.5 }] },
];

describe('signature_pad data to the domain’s strokes', () => {
  it('maps each point to {x, y, t} rounded to one decimal, t in ms from the first point', () => {
    expect(padDataToStrokes(pad)).toEqual([
      [
        { x: 10, y: 20.1, t: 0 },
        { x: 15.6, y: 25.4, t: 16.3 },
        { x: 22.1, y: 32, t: 32 },
      ],
      [{ x: 100, y: 50, t: 900 }],
    ]);
  });

  it('drops empty groups and points that are not numbers', () => {
    const strokes = padDataToStrokes([
      { points: [] },
      {
        points: [
          { x: Number.NaN, y: 1, time: T0 },
          { x: 1, y: 2, time: T0 + 5 },
        ],
      },
    ]);
    expect(strokes).toEqual([[{ x: 1, y: 2, t: 5 }]]);
    expect(padDataToStrokes([])).toEqual([]);
  });

  it('builds a drawn Signature with the canvas size, as plain numbers only (no image, no data URL)', () => {
    const sig = toDrawnSignature(pad, 'Helen Okafor', 600.04, 200);
    expect(sig).toMatchObject({ kind: 'drawn', name: 'Helen Okafor', width: 600, height: 200 });
    expect(strokeCount(sig)).toBe(2);
    const json = JSON.stringify(sig);
    expect(json).not.toMatch(/data:|base64|image\/|png|jpe?g|svg/i);
    expect(JSON.parse(json)).toEqual(sig);
  });

  it('turns strokes back into point groups signature_pad can redraw', () => {
    const strokes = padDataToStrokes(pad);
    const groups = strokesToPadData(strokes, { penColor: '#000' });
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ penColor: '#000', points: [{ x: 10, y: 20.1, time: 0, pressure: 0.5 }, {}, {}] });
    expect(padDataToStrokes(groups)).toEqual(strokes);
  });

  it('starts empty in the mode asked for, keeping the name', () => {
    expect(emptySignature('Dana')).toEqual({ kind: 'drawn', name: 'Dana', strokes: [], width: 0, height: 0 });
    expect(emptySignature('Dana', 'typed')).toEqual({ kind: 'typed', name: 'Dana' });
    expect(strokeCount(emptySignature('Dana', 'typed'))).toBe(0);
  });
});

describe('strokes to an SVG path', () => {
  it('draws a smooth curve through each stroke and a dot for a single point', () => {
    const d = strokesToPath([
      [
        { x: 0, y: 0 },
        { x: 10, y: 10 },
        { x: 20, y: 0 },
      ],
      [{ x: 5, y: 5 }],
    ]);
    expect(d).toBe('M0 0Q10 10 15 5L20 0M5 5L5 5');
  });

  it('draws two points as a straight line and ignores empty strokes', () => {
    expect(
      strokesToPath([
        [],
        [
          { x: 1, y: 2 },
          { x: 3.25, y: 4 },
        ],
      ]),
    ).toBe('M1 2L3.3 4');
    expect(strokesToPath([])).toBe('');
  });

  it('knows the box the strokes need', () => {
    expect(
      strokesBounds([
        [
          { x: 10, y: 3 },
          { x: 40.2, y: 18 },
        ],
      ]),
    ).toEqual({ width: 45, height: 22 });
  });
});
