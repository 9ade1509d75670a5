// Owns the bidi step for drawing a line: the PDF draws glyphs left to right, so a line holding
// Hebrew or Arabic is put into visual order first. A small subset of the Unicode Bidirectional
// Algorithm (UAX #9), enough for names and short answers in a mostly English record:
// - the paragraph (line) direction is that of its first strong letter, else left to right;
// - Hebrew and Arabic letters are right to left, other letters left to right;
// - digits are a left-to-right group; after a right-to-left letter they stay inside its run
//   ("דוד 11" reads 11 at the left), a single separator between digits (12.5, 25/11/2026) and a
//   currency or percent sign beside them join the group;
// - neutrals (spaces, punctuation) between two runs of one direction take it, else the paragraph's;
// - marks stay with their letter; brackets in right-to-left text are mirrored.
// No explicit embeddings: direction format characters are never drawn (see drawable.ts).
// Wrap first (in logical order), then call visualOrder on each line.
import { graphemes } from './drawable';

type Kind = 'L' | 'R' | 'N' /* number */ | 'O' /* neutral */;

const RTL_LETTER = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /[\p{L}\p{Nl}\p{Mc}]/u;
const MARK = /\p{M}/u;
const DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9]/;
const SEPARATOR = /^[-.,:/+\u066b\u066c\u060c]$/;
const TERMINATOR = /^[%#\u066a\u2030\u2031\u00b0\u2032\u2033\p{Sc}]$/u;

function kindOf(ch: string): Kind {
  if (DIGIT.test(ch)) return 'N';
  if (RTL_LETTER.test(ch) && LETTER.test(ch)) return 'R';
  if (LETTER.test(ch)) return 'L';
  return 'O';
}

export type Direction = 'ltr' | 'rtl';

/**
 * LRM and RLM: wrapText puts one before each line of a paragraph that holds right-to-left text,
 * to carry the paragraph's direction to each of its lines. Never user text: toDrawable has already
 * turned any typed format character into □.
 */
export const DIRECTION_MARK: Record<Direction, string> = { ltr: '\u200e', rtl: '\u200f' };

/** A wrapped line without the direction mark wrapText put before it (to wrap it again). */
export const withoutDirectionMark = (line: string): string => (line.startsWith(DIRECTION_MARK.ltr) || line.startsWith(DIRECTION_MARK.rtl) ? line.slice(1) : line);

const RTL_CHAR = /[֐-ࣿיִ-﷿ﹰ-ﻼ]/;
/** Does the text hold any right-to-left letter (Hebrew, Arabic and their presentation forms...)? */
export const hasRtl = (text: string): boolean => RTL_CHAR.test(text);

/**
 * The direction the record gives a paragraph (UAX #9 HL1): the record is an English document, so
 * a paragraph is left to right unless it has right-to-left letters and no left-to-right letter
 * at all (an answer typed wholly in Hebrew or Arabic). So "מרים כהן (aged 16); Zoë (aged 15)"
 * keeps the English order, with the name reading right to left inside it.
 */
export function recordDirection(text: string): Direction {
  if (!hasRtl(text)) return 'ltr';
  for (const ch of text) if (kindOf(ch) === 'L') return 'ltr';
  return 'rtl';
}

/** The direction of the first strong letter, else left to right (UAX #9 P2, P3). */
export function paragraphDirection(text: string): Direction {
  if (text.startsWith(DIRECTION_MARK.ltr)) return 'ltr';
  if (text.startsWith(DIRECTION_MARK.rtl)) return 'rtl';
  for (const ch of text) {
    const k = kindOf(ch);
    if (k === 'R') return 'rtl';
    if (k === 'L') return 'ltr';
  }
  return 'ltr';
}

const MIRROR: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹' };

/** Embedding level of each grapheme: even is left to right, odd right to left. */
export function bidiLevels(clusters: readonly string[], direction: Direction): number[] {
  const para: 'L' | 'R' = direction === 'rtl' ? 'R' : 'L';
  // Each cluster's kind is its first character's (marks follow their letter).
  const kinds: Kind[] = clusters.map((c) => (MARK.test(c[0]!) ? 'O' : kindOf(Array.from(c)[0]!)));
  const n = kinds.length;
  // A single separator between digits, and terminators touching digits, are part of the number.
  for (let i = 1; i < n - 1; i++) if (kinds[i] === 'O' && SEPARATOR.test(clusters[i]!) && kinds[i - 1] === 'N' && kinds[i + 1] === 'N') kinds[i] = 'N';
  for (let i = 0; i < n; i++) {
    if (kinds[i] !== 'N') continue;
    for (let j = i - 1; j >= 0 && kinds[j] === 'O' && TERMINATOR.test(clusters[j]!); j--) kinds[j] = 'N';
    for (let j = i + 1; j < n && kinds[j] === 'O' && TERMINATOR.test(clusters[j]!); j++) kinds[j] = 'N';
  }
  // Numbers: after a left-to-right letter (or at the start of a left-to-right line) they are plain
  // left-to-right text; otherwise a left-to-right group inside right-to-left text.
  const resolved: ('L' | 'R' | 'NR' | 'O')[] = [];
  let lastStrong: 'L' | 'R' = para;
  for (let i = 0; i < n; i++) {
    const k = kinds[i]!;
    if (k === 'L' || k === 'R') lastStrong = k;
    resolved.push(k === 'N' ? (lastStrong === 'L' ? 'L' : 'NR') : k);
  }
  // Neutrals between two runs of the same direction take it (a number in right-to-left text
  // counts as right to left); else the paragraph's.
  const strongAt = (i: number): 'L' | 'R' => (resolved[i] === 'L' ? 'L' : 'R');
  for (let i = 0; i < n; ) {
    if (resolved[i] !== 'O') {
      i++;
      continue;
    }
    let j = i;
    while (j < n && resolved[j] === 'O') j++;
    const before = i > 0 ? strongAt(i - 1) : para;
    const after = j < n ? strongAt(j) : para;
    const dir = before === after ? before : para;
    for (let k = i; k < j; k++) resolved[k] = dir;
    i = j;
  }
  const base = direction === 'rtl' ? 1 : 0;
  return resolved.map((k) => {
    if (k === 'NR') return base + (base === 0 ? 2 : 1);
    if (k === 'R') return 1;
    return base === 0 ? 0 : 2;
  });
}

/**
 * The line in drawing order (left to right on the page): runs reordered, right-to-left runs
 * reversed grapheme by grapheme (a mark stays after its letter, as the font draws it), brackets
 * mirrored in right-to-left text. Text without right-to-left letters comes back unchanged. A
 * leading direction mark (from wrapText) sets the paragraph direction and is dropped.
 */
export function visualOrder(line: string, direction: Direction = paragraphDirection(line)): string {
  line = withoutDirectionMark(line);
  if (direction === 'ltr' && !hasRtl(line)) return line;
  const clusters = graphemes(line);
  const levels = bidiLevels(clusters, direction);
  const order = clusters.map((_, i) => i);
  const max = Math.max(...levels);
  const lowestOdd = Math.min(...levels.filter((l) => l % 2 === 1), max + 1);
  // UAX #9 L2: from the highest level down to the lowest odd one, reverse each run at that level or higher.
  for (let level = max; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length; ) {
      if (levels[order[i]!]! < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && levels[order[j]!]! >= level) j++;
      order.splice(i, j - i, ...order.slice(i, j).reverse());
      i = j;
    }
  }
  return order.map((i) => (levels[i]! % 2 === 1 ? (MIRROR[clusters[i]!] ?? clusters[i]!) : clusters[i]!)).join('');
}
