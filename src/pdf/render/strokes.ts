// Owns a drawn signature as vector paths: the stored strokes scaled into a box on the page, as an
// SVG path (never an image). Pure.

type Point = { x: number; y: number };
export interface DrawnStrokes {
  strokes: readonly (readonly Point[])[];
  width: number;
  height: number;
}

const finite = (p: Point | undefined): p is Point => !!p && Number.isFinite(p.x) && Number.isFinite(p.y);

/**
 * An SVG path ("M x y L x y ...", y down from the box's top-left) that fits the signature's own
 * canvas (width x height) into a box of boxWidth x boxHeight points, keeping its proportions and
 * centring it. A stroke of one point becomes a dot (a zero-length line with a round cap). Points
 * that are not numbers are skipped; an empty or unusable canvas falls back to the strokes' extent.
 */
export function strokesToSvgPath(sig: DrawnStrokes, boxWidth: number, boxHeight: number, padding = 4): string {
  const strokes = sig.strokes.map((s) => s.filter(finite)).filter((s) => s.length > 0);
  if (strokes.length === 0) return '';
  let minX = 0;
  let minY = 0;
  let w = sig.width;
  let h = sig.height;
  if (!(Number.isFinite(w) && Number.isFinite(h) && w > 0 && h > 0)) {
    // A loop, not Math.min(...points): a long signature would overflow the argument stack.
    let maxX = -Infinity;
    let maxY = -Infinity;
    minX = Infinity;
    minY = Infinity;
    for (const s of strokes) {
      for (const pt of s) {
        minX = Math.min(minX, pt.x);
        minY = Math.min(minY, pt.y);
        maxX = Math.max(maxX, pt.x);
        maxY = Math.max(maxY, pt.y);
      }
    }
    w = Math.max(1, maxX - minX);
    h = Math.max(1, maxY - minY);
  }
  const availW = Math.max(1, boxWidth - 2 * padding);
  const availH = Math.max(1, boxHeight - 2 * padding);
  const scale = Math.min(availW / w, availH / h);
  const offX = padding + (availW - w * scale) / 2;
  const offY = padding + (availH - h * scale) / 2;
  // Points drawn outside the canvas are clamped to the box: the page must not be drawn over.
  const clampX = (v: number) => Math.min(boxWidth, Math.max(0, v));
  const clampY = (v: number) => Math.min(boxHeight, Math.max(0, v));
  const fmt = (v: number) => (Math.round(v * 100) / 100).toString();
  const parts: string[] = [];
  for (const s of strokes) {
    const pts = s.map((p) => [clampX(offX + (p.x - minX) * scale), clampY(offY + (p.y - minY) * scale)] as const);
    const [x0, y0] = pts[0]!;
    parts.push(`M ${fmt(x0)} ${fmt(y0)}`);
    if (pts.length === 1) parts.push(`L ${fmt(x0)} ${fmt(y0)}`);
    for (const [x, y] of pts.slice(1)) parts.push(`L ${fmt(x)} ${fmt(y)}`);
  }
  return parts.join(' ');
}
