// Owns Arabic shaping for the PDF: each Arabic letter becomes its isolated, initial, medial or
// final presentation form (Arabic Presentation Forms-B, U+FE70–FEFF) by how it joins its
// neighbours, and lam + alef becomes one ligature. The renderer draws one glyph per character and
// has no OpenType shaping, so without this step Arabic letters would stand apart, unjoined.
// Shaping works on logical order (before the bidi step reorders a line for drawing).
import { FONT_COVERAGE } from './coverage';

/** [isolated, final, initial, medial]; a right-joining letter has no initial or medial form. */
type Forms = readonly [number, number, number | null, number | null];

// Unicode ArabicShaping.txt joining types, for the letters whose forms Presentation Forms-B has.
// Right-joining (R): alef with madda / hamza, waw with hamza, alef, teh marbuta, dal, thal, reh,
// zain, waw, alef maksura. Dual-joining (D): the others. Hamza (U+0621) joins nothing.
const TABLE: Record<number, Forms> = {
  0x0621: [0xfe80, 0xfe80, null, null], // hamza: isolated only (non-joining)
  0x0622: [0xfe81, 0xfe82, null, null],
  0x0623: [0xfe83, 0xfe84, null, null],
  0x0624: [0xfe85, 0xfe86, null, null],
  0x0625: [0xfe87, 0xfe88, null, null],
  0x0626: [0xfe89, 0xfe8a, 0xfe8b, 0xfe8c],
  0x0627: [0xfe8d, 0xfe8e, null, null],
  0x0628: [0xfe8f, 0xfe90, 0xfe91, 0xfe92],
  0x0629: [0xfe93, 0xfe94, null, null],
  0x062a: [0xfe95, 0xfe96, 0xfe97, 0xfe98],
  0x062b: [0xfe99, 0xfe9a, 0xfe9b, 0xfe9c],
  0x062c: [0xfe9d, 0xfe9e, 0xfe9f, 0xfea0],
  0x062d: [0xfea1, 0xfea2, 0xfea3, 0xfea4],
  0x062e: [0xfea5, 0xfea6, 0xfea7, 0xfea8],
  0x062f: [0xfea9, 0xfeaa, null, null],
  0x0630: [0xfeab, 0xfeac, null, null],
  0x0631: [0xfead, 0xfeae, null, null],
  0x0632: [0xfeaf, 0xfeb0, null, null],
  0x0633: [0xfeb1, 0xfeb2, 0xfeb3, 0xfeb4],
  0x0634: [0xfeb5, 0xfeb6, 0xfeb7, 0xfeb8],
  0x0635: [0xfeb9, 0xfeba, 0xfebb, 0xfebc],
  0x0636: [0xfebd, 0xfebe, 0xfebf, 0xfec0],
  0x0637: [0xfec1, 0xfec2, 0xfec3, 0xfec4],
  0x0638: [0xfec5, 0xfec6, 0xfec7, 0xfec8],
  0x0639: [0xfec9, 0xfeca, 0xfecb, 0xfecc],
  0x063a: [0xfecd, 0xfece, 0xfecf, 0xfed0],
  0x0641: [0xfed1, 0xfed2, 0xfed3, 0xfed4],
  0x0642: [0xfed5, 0xfed6, 0xfed7, 0xfed8],
  0x0643: [0xfed9, 0xfeda, 0xfedb, 0xfedc],
  0x0644: [0xfedd, 0xfede, 0xfedf, 0xfee0],
  0x0645: [0xfee1, 0xfee2, 0xfee3, 0xfee4],
  0x0646: [0xfee5, 0xfee6, 0xfee7, 0xfee8],
  0x0647: [0xfee9, 0xfeea, 0xfeeb, 0xfeec],
  0x0648: [0xfeed, 0xfeee, null, null],
  0x0649: [0xfeef, 0xfef0, null, null],
  0x064a: [0xfef1, 0xfef2, 0xfef3, 0xfef4],
};

const LAM = 0x0644;
/** Lam followed by these alefs is one ligature: [isolated, final]. */
const LAM_ALEF: Record<number, readonly [number, number]> = {
  0x0622: [0xfef5, 0xfef6],
  0x0623: [0xfef7, 0xfef8],
  0x0625: [0xfef9, 0xfefa],
  0x0627: [0xfefb, 0xfefc],
};
const TATWEEL = 0x0640; // join-causing: joins on both sides, drawn as itself

function inFont(cp: number): boolean {
  return FONT_COVERAGE.some(([a, b]) => cp >= a && cp <= b);
}

// Only forms the fonts have: a missing form falls back to the base letter, and a letter that
// cannot join on a side does not ask its neighbour to join it there.
const FORMS = new Map<number, Forms>();
for (const [base, [iso, fin, ini, med]] of Object.entries(TABLE)) {
  const ok = (cp: number | null) => (cp !== null && inFont(cp) ? cp : null);
  const isolated = ok(iso) ?? Number(base);
  const final = ok(fin);
  if (final === null) continue; // cannot join at all: drawn as the base letter
  const initial = ok(ini);
  const medial = initial === null ? null : ok(med);
  FORMS.set(Number(base), [isolated, final, medial === null ? null : initial, medial]);
}

/** Presentation form -> the logical text it stands for (for ToUnicode, so extracted text is the text typed). */
export const LOGICAL_TEXT = new Map<number, string>();
for (const [base, forms] of FORMS)
  for (const f of forms) if (f !== null && f !== base) LOGICAL_TEXT.set(f, String.fromCodePoint(base));
for (const [alef, forms] of Object.entries(LAM_ALEF))
  for (const f of forms) if (inFont(f)) LOGICAL_TEXT.set(f, String.fromCodePoint(LAM, Number(alef)));

/** Marks (tashkeel, Hebrew points...) are transparent: they sit on a letter and never break a join. */
const TRANSPARENT = /\p{Mn}/u;
const isTransparent = (cp: number) => TRANSPARENT.test(String.fromCodePoint(cp));

/** Can this letter connect to the letter after it (to its left on the page)? */
function joinsForward(cp: number | undefined): boolean {
  if (cp === undefined) return false;
  if (cp === TATWEEL) return true;
  return FORMS.get(cp)?.[2] != null;
}
/** Can this letter connect to the letter before it (to its right on the page)? */
function joinsBackward(cp: number | undefined): boolean {
  if (cp === undefined) return false;
  if (cp === TATWEEL) return true;
  return FORMS.has(cp) && cp !== 0x0621;
}

const HAS_ARABIC = /[\u0600-\u06ff]/;

/**
 * The text with each Arabic letter replaced by its contextual presentation form, and lam + alef by
 * their ligature (marks between them move after it). Other text is unchanged. Logical order in, logical order out.
 */
export function shapeArabic(text: string): string {
  if (!HAS_ARABIC.test(text)) return text;
  const cps = Array.from(text, (c) => c.codePointAt(0)!);
  // The nearest letter either side of i, skipping transparent marks.
  const neighbour = (i: number, step: 1 | -1): number | undefined => {
    for (let j = i + step; j >= 0 && j < cps.length; j += step) if (!isTransparent(cps[j]!)) return cps[j];
    return undefined;
  };
  const out: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    const forms = FORMS.get(cp);
    if (!forms) {
      out.push(cp);
      continue;
    }
    const prev = neighbour(i, -1);
    const joinPrev = joinsForward(prev) && joinsBackward(cp);
    if (cp === LAM) {
      // Lam, any marks, then alef: one ligature glyph, the marks after it.
      let j = i + 1;
      while (j < cps.length && isTransparent(cps[j]!)) j++;
      const lig = cps[j] !== undefined ? LAM_ALEF[cps[j]!] : undefined;
      const glyph = lig && (joinPrev ? lig[1] : lig[0]);
      if (glyph !== undefined && inFont(glyph)) {
        out.push(glyph, ...cps.slice(i + 1, j));
        i = j;
        continue;
      }
    }
    const joinNext = joinsForward(cp) && joinsBackward(neighbour(i, 1));
    const [isolated, final, initial, medial] = forms;
    out.push(joinPrev && joinNext ? medial! : joinPrev ? final : joinNext ? initial! : isolated);
  }
  return String.fromCodePoint(...out);
}
