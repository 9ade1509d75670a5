// Owns "can the embedded fonts draw this text?": the check the export shows before signing, and
// the visible marker the renderer puts in place of anything they cannot draw.
import { FONT_COVERAGE } from './coverage';

/** Drawn in place of a character (grapheme) the fonts cannot draw: visible, never a silent gap. */
export const UNDRAWABLE_MARKER = '\u25A1'; // □ WHITE SQUARE

function covered(cp: number): boolean {
  let lo = 0;
  let hi = FONT_COVERAGE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = FONT_COVERAGE[mid]!;
    if (cp < start) hi = mid - 1;
    else if (cp > end) lo = mid + 1;
    else return true;
  }
  return false;
}

// Format characters (bidi overrides, zero-width joiners...) have no visible glyph: a right-to-left
// override could make a name read differently on paper than in the app, so they count as undrawable.
const FORMAT = /\p{Cf}/u;

/** Can every code point of this grapheme be drawn? Line breaks and tabs are layout, not glyphs. */
function drawableGrapheme(g: string): boolean {
  for (const ch of g) {
    if (ch === '\n' || ch === '\t') continue;
    const cp = ch.codePointAt(0)!;
    if (FORMAT.test(ch) || !covered(cp)) return false;
  }
  return true;
}

let segmenter: Intl.Segmenter | null = null;
/** Grapheme clusters, so an emoji with its modifiers becomes one marker, not five. */
export function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** The text as it is drawn: NFC (precomposed letters), CRLF as LF. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n');
}

/** The graphemes of `text` the fonts cannot draw, in order, without repeats. */
export function undrawableGraphemes(text: string): string[] {
  const out: string[] = [];
  for (const g of graphemes(normaliseText(text))) if (!drawableGrapheme(g) && !out.includes(g)) out.push(g);
  return out;
}

/** The text with every undrawable grapheme replaced by the marker. */
export function toDrawable(text: string): string {
  const normal = normaliseText(text);
  // Fast path: most text is plain Latin.
  if (/^[\x20-\x7e\n]*$/.test(normal)) return normal;
  return graphemes(normal)
    .map((g) => (drawableGrapheme(g) ? g.replace(/\t/g, ' ') : UNDRAWABLE_MARKER))
    .join('');
}

/** "U+1F600" for each code point, so a DSL can tell an invisible character from a missing one. */
export function codePointsOf(g: string): string {
  return Array.from(g, (ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}
