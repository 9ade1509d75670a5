// Owns line breaking: text into lines no wider than a width, given a measure. Pure, so its promise
// (nothing overflows, nothing vanishes) is tested without a PDF.
import { DIRECTION_MARK, hasRtl, recordDirection } from '../text/bidi';
import { graphemes } from '../text/drawable';

export type Measure = (text: string) => number;

/** Splits one word wider than `width` at grapheme boundaries (no hyphen: the text stays verbatim). */
function breakWord(word: string, width: number, measure: Measure): string[] {
  const out: string[] = [];
  let line = '';
  for (const g of graphemes(word)) {
    if (line && measure(line + g) > width) {
      out.push(line);
      line = g;
    } else {
      line += g;
    }
  }
  if (line) out.push(line);
  return out;
}

/**
 * Greedy line breaking at spaces; a hard line break starts a new line (an empty line stays empty);
 * runs of spaces collapse to one; a word longer than a line is split across lines. Every
 * non-space character of the input is in the output, in order.
 * Wrapping is in logical order. When a paragraph (hard line) holds right-to-left letters, each of
 * its lines starts with the paragraph's direction mark (LRM or RLM, see recordDirection),
 * so a wrapped line that starts with a word of the other direction is still reordered as part of
 * its paragraph; visualOrder reads and drops the mark when the line is drawn.
 */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  const space = measure(' ');
  for (const hard of text.split('\n')) {
    const words = hard.split(/[ \t]+/).filter(Boolean);
    const mark = hasRtl(hard) ? DIRECTION_MARK[recordDirection(hard)] : '';
    const start = lines.length;
    if (words.length === 0) {
      lines.push('');
      continue;
    }
    let line = '';
    let lineWidth = 0;
    for (const word of words) {
      const w = measure(word);
      if (line && lineWidth + space + w <= width) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line) lines.push(line);
      if (w <= width) {
        line = word;
        lineWidth = w;
      } else {
        const pieces = breakWord(word, width, measure);
        lines.push(...pieces.slice(0, -1));
        line = pieces.at(-1) ?? '';
        lineWidth = measure(line);
      }
    }
    lines.push(line);
    if (mark) for (let i = start; i < lines.length; i++) lines[i] = mark + lines[i]!;
  }
  return lines;
}
