// A drawn signature as the domain stores it: vector strokes, never a picture. These functions turn
// signature_pad's point groups into the domain's `Signature` (and back, to redraw them), and build
// the SVG path a review page shows. Pure: no DOM, no canvas.
import type { Signature } from '../../domain/events';

export type StrokePoint = { x: number; y: number; t?: number };
export type Strokes = StrokePoint[][];

/** The parts of signature_pad's `toData()` we read (its PointGroup, structurally). */
export interface PadPointGroup {
  points: readonly { x: number; y: number; time: number; pressure?: number }[];
}

const round1 = (n: number): number => {
  const r = Math.round(n * 10) / 10;
  // -0 would serialise as 0 anyway; keep the stored JSON free of it.
  return Object.is(r, -0) ? 0 : r;
};

/**
 * signature_pad's point groups as the domain's strokes: x and y in CSS pixels from the canvas's
 * top left, `t` in milliseconds since the first point of the signature (not the wall clock: when
 * it was signed is the event's own time). Everything is rounded to one decimal place. Points
 * that are not finite numbers are dropped, and so are groups left empty.
 */
export function padDataToStrokes(groups: readonly PadPointGroup[]): Strokes {
  const start = groups.find((g) => g.points.length > 0)?.points[0]?.time;
  const origin = typeof start === 'number' && Number.isFinite(start) ? start : 0;
  return groups
    .map((g) =>
      g.points
        .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
        .map((p) => ({ x: round1(p.x), y: round1(p.y), t: round1(Number.isFinite(p.time) ? p.time - origin : 0) })),
    )
    .filter((s) => s.length > 0);
}

/** A drawn signature from signature_pad's data, the signer's name and the canvas size (CSS px). */
export function toDrawnSignature(
  groups: readonly PadPointGroup[],
  name: string,
  width: number,
  height: number,
): Signature {
  return { kind: 'drawn', name, strokes: padDataToStrokes(groups), width: round1(width), height: round1(height) };
}

/** The domain's strokes as point groups signature_pad can redraw (`fromData`), e.g. after a resize. */
export function strokesToPadData<O extends object>(
  strokes: Strokes,
  options: O,
): (O & { points: { x: number; y: number; time: number; pressure: number }[] })[] {
  return strokes.map((s) => ({
    ...options,
    points: s.map((p, i) => ({ x: p.x, y: p.y, time: p.t ?? i * 16, pressure: 0.5 })),
  }));
}

/** An empty signature in the mode given, keeping the name. */
export function emptySignature(name = '', kind: Signature['kind'] = 'drawn'): Signature {
  return kind === 'drawn' ? { kind: 'drawn', name, strokes: [], width: 0, height: 0 } : { kind: 'typed', name };
}

const fmt = (n: number): string => String(round1(n));

/**
 * The SVG path data for strokes: each stroke a smooth curve through its points (quadratic segments
 * between midpoints), a single point a dot (a zero-length line, drawn round by the stroke cap).
 */
export function strokesToPath(strokes: Strokes): string {
  const parts: string[] = [];
  for (const s of strokes) {
    const first = s[0];
    if (!first) continue;
    if (s.length === 1) {
      parts.push(`M${fmt(first.x)} ${fmt(first.y)}L${fmt(first.x)} ${fmt(first.y)}`);
      continue;
    }
    let d = `M${fmt(first.x)} ${fmt(first.y)}`;
    for (let i = 1; i < s.length - 1; i++) {
      const p = s[i]!;
      const next = s[i + 1]!;
      d += `Q${fmt(p.x)} ${fmt(p.y)} ${fmt((p.x + next.x) / 2)} ${fmt((p.y + next.y) / 2)}`;
    }
    const last = s[s.length - 1]!;
    d += `L${fmt(last.x)} ${fmt(last.y)}`;
    parts.push(d);
  }
  return parts.join('');
}

/** The box the strokes need, for a view box when the stored canvas size is missing. */
export function strokesBounds(strokes: Strokes): { width: number; height: number } {
  let width = 0;
  let height = 0;
  for (const s of strokes) {
    for (const p of s) {
      width = Math.max(width, p.x);
      height = Math.max(height, p.y);
    }
  }
  return { width: Math.ceil(width) + 4, height: Math.ceil(height) + 4 };
}

/** Number of strokes that were actually drawn (for the screen reader's status line). */
export function strokeCount(sig: Signature): number {
  return sig.kind === 'drawn' ? sig.strokes.filter((s) => s.length > 0).length : 0;
}
