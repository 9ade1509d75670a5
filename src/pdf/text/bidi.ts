// Owns the bidi step for drawing a line: the PDF draws glyphs left to right, so a line holding
// Hebrew or Arabic is put into visual order first, by the Unicode Bidirectional Algorithm (UAX #9)
// as bidi-js implements it (levels: rules P2-P3, X1-X10, W1-W7, N0-N2, I1-I2; reordering: L1-L2;
// mirroring: L4), checked against the Unicode reference cases (test/unit/pdf/bidi-reference.test.ts).
// What the record adds on top (docs/PDF.md):
// - a paragraph's direction is chosen by recordDirection (an English record: left to right unless
//   the paragraph has no left-to-right letter at all), carried to each wrapped line by a leading
//   LRM or RLM (wrapText), which visualOrder reads and drops;
// - runs are reversed grapheme by grapheme, so a mark stays after its letter, as the font draws it
//   (UAX #9 L3 leaves this to the renderer);
// - direction format characters are never drawn (drawable.ts turns typed ones into the marker).
// Wrap first (in logical order), then call visualOrder on each line.
import bidiFactory, { type EmbeddingLevels } from 'bidi-js';
import { graphemes } from './drawable';

const bidi = bidiFactory();

export type Direction = 'ltr' | 'rtl';

/**
 * LRM and RLM: wrapText puts one before each line of a paragraph that holds right-to-left text,
 * to carry the paragraph's direction to each of its lines. Never user text: toDrawable has already
 * turned any typed format character into □.
 */
export const DIRECTION_MARK: Record<Direction, string> = { ltr: '\u200e', rtl: '\u200f' };

/** A wrapped line without the direction mark wrapText put before it (to wrap it again). */
export const withoutDirectionMark = (line: string): string =>
  line.startsWith(DIRECTION_MARK.ltr) || line.startsWith(DIRECTION_MARK.rtl) ? line.slice(1) : line;

/** The bidi class of each code point (UCD Bidi_Class, from bidi-js's tables). */
const bidiClass = (ch: string) => bidi.getBidiCharTypeName(ch);

/** Does the text hold any right-to-left letter (Bidi_Class R or AL: Hebrew, Arabic, Syriac, Thaana, N'Ko...)? */
export function hasRtl(text: string): boolean {
  // Fast path: printable ASCII has no right-to-left letter.
  if (/^[\x20-\x7e\n]*$/.test(text)) return false;
  for (const ch of text) {
    const c = bidiClass(ch);
    if (c === 'R' || c === 'AL') return true;
  }
  return false;
}

/**
 * The direction the record gives a paragraph (UAX #9 HL1): the record is an English document, so
 * a paragraph is left to right unless it has right-to-left letters and no left-to-right letter
 * at all (an answer typed wholly in Hebrew or Arabic). So "מרים כהן (aged 16); Zoë (aged 15)"
 * keeps the English order, with the name reading right to left inside it.
 */
export function recordDirection(text: string): Direction {
  if (!hasRtl(text)) return 'ltr';
  for (const ch of text) if (bidiClass(ch) === 'L') return 'ltr';
  return 'rtl';
}

/** The direction of the first strong letter, else left to right (UAX #9 P2, P3); a leading LRM or RLM decides. */
export function paragraphDirection(text: string): Direction {
  return bidi.getEmbeddingLevels(text, 'auto').paragraphs[0]?.level === 1 ? 'rtl' : 'ltr';
}

/** The resolved embedding level of each UTF-16 code unit (even: left to right, odd: right to left). */
export function embeddingLevels(text: string, direction: Direction | 'auto'): EmbeddingLevels {
  return bidi.getEmbeddingLevels(text, direction);
}

/**
 * The code unit indices of `text` in display order, left to right (UAX #9 L1 and L2 over the
 * whole text as one line): what the reference cases' "visual order" field lists.
 */
export function displayOrder(text: string, levels: EmbeddingLevels): number[] {
  return bidi.getReorderedIndices(text, levels, 0, text.length - 1);
}

/**
 * The line in drawing order (left to right on the page): runs reordered, right-to-left runs
 * reversed grapheme by grapheme (a mark stays after its letter, as the font draws it), mirrored
 * characters (brackets) swapped in right-to-left runs. Text without right-to-left letters comes
 * back unchanged. A leading direction mark (from wrapText) sets the paragraph direction and is dropped.
 */
export function visualOrder(line: string, direction: Direction = paragraphDirection(line)): string {
  line = withoutDirectionMark(line);
  if (line === '' || (direction === 'ltr' && !hasRtl(line))) return line;
  const levels = bidi.getEmbeddingLevels(line, direction);
  const mirrored = bidi.getMirroredCharactersMap(line, levels.levels);
  // Graphemes, each with the code unit it starts at; a segment to reverse is a range of code units.
  const clusters = graphemes(line);
  const clusterAt = new Map<number, number>();
  const starts: number[] = [];
  let at = 0;
  clusters.forEach((g, i) => {
    clusterAt.set(at, i);
    starts.push(at);
    at += g.length;
  });
  /** The grapheme holding code unit `u`. */
  const clusterOf = (u: number): number => {
    while (!clusterAt.has(u)) u--;
    return clusterAt.get(u)!;
  };
  const order = clusters.map((_, i) => i);
  // UAX #9 L2 as bidi-js segments it (L1 applied), by graphemes: each segment is a run of whole
  // graphemes (a mark has its letter's level, W1), and keeps the same positions while the runs
  // inside it are reversed, so its code units map to graphemes by their logical places.
  for (const [from, to] of bidi.getReorderSegments(line, levels, 0, line.length - 1)) {
    const a = clusterOf(from!);
    const b = clusterOf(to!);
    order.splice(a, b - a + 1, ...order.slice(a, b + 1).reverse());
  }
  return order
    .map((i) => {
      const g = clusters[i]!;
      const first = starts[i]!;
      // L4: a mirrored character in a right-to-left run is drawn as its mirror (brackets).
      const m = mirrored.get(first);
      return m === undefined ? g : m + g.slice(1);
    })
    .join('');
}
