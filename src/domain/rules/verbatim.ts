// Is a quote the source's own words? (issue 11, item 8.) A quote shown as the policy's words must be
// found, in order, in the text the app ships. Only whitespace, line breaks (also after a hyphen) and
// the shape of quote marks are forgiven; an omission is marked with an ellipsis ("..." or "…") and may skip any text;
// a word supplied by the app is marked in [square brackets] and may stand for a few words of the
// source (or none), e.g. "if [the] MASH consider it" for "if Wolverhampton MASH consider it".

/** Collapse whitespace and unify quote marks, so line breaks and typography never decide a match. */
export function normaliseForQuote(s: string): string {
  return (
    s
      .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
      // A word broken at a line end after its hyphen ("multi-\nagency") is joined again: only the line break goes.
      .replace(/-[ \t\u00A0]*\r?\n\s*/g, '-')
      .replace(/[\s\u00A0]+/g, ' ')
      .trim()
  );
}

/** The longest text a [bracketed] word may stand for. */
const BRACKET_SPAN = 40;

interface Piece {
  text: string;
  /** How the gap before this piece may be filled: anything (after "..."), a few words ([...]), or nothing. */
  gap: 'any' | 'short' | 'none';
}

function pieces(quote: string): Piece[] | null {
  const parts = normaliseForQuote(quote).split(/(\.\.\.|…|\[[^\]]*\])/);
  const out: Piece[] = [];
  let gap: Piece['gap'] = 'none';
  for (const part of parts) {
    if (part === '...' || part === '…') gap = 'any';
    else if (part.startsWith('[')) gap = gap === 'any' ? 'any' : 'short';
    else if (part.trim()) {
      out.push({ text: part.trim(), gap });
      gap = 'none';
    }
  }
  return out.length > 0 ? out : null;
}

/** True when every piece of the quote is found in the text, in order, with only marked gaps between. */
export function isVerbatim(quote: string, text: string): boolean {
  const ps = pieces(quote);
  if (!ps) return false;
  const hay = normaliseForQuote(text);
  const from = (i: number, at: number): boolean => {
    if (i === ps.length) return true;
    const p = ps[i]!;
    let idx = hay.indexOf(p.text, at);
    while (idx !== -1) {
      const between = hay.slice(at, idx).trim();
      const fits =
        i === 0 || p.gap === 'any' || (p.gap === 'short' ? between.length <= BRACKET_SPAN : between.length === 0);
      if (fits && from(i + 1, idx + p.text.length)) return true;
      if (i > 0 && p.gap !== 'any' && idx - at > BRACKET_SPAN + 2) return false;
      idx = hay.indexOf(p.text, idx + 1);
    }
    return false;
  };
  return from(0, 0);
}
