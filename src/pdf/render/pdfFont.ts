// Owns embedding a TrueType font in a pdf-lib document as a Type0 / CIDFontType2 font with
// Identity-H encoding: text is written as glyph ids, widths and a ToUnicode map (so copied and
// extracted text is the text typed) cover the glyphs used, and the font program is subsetted
// once every page is drawn.
import {
  PDFHexString,
  PDFName,
  PDFString,
  type PDFContext,
  type PDFDocument,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { LOGICAL_TEXT } from '../text/shape';
import { parseTrueType, type TrueTypeFont } from './truetype';

const hex4 = (n: number) => n.toString(16).padStart(4, '0').toUpperCase();

/** UTF-16BE hex of a text, as a ToUnicode CMap wants it. */
function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}

function toUnicodeCMap(map: Map<number, string>): string {
  const entries = [...map.entries()].sort((a, b) => a[0] - b[0]);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(
      `${chunk.length} beginbfchar\n${chunk.map(([gid, cp]) => `<${hex4(gid)}> <${utf16Hex(cp)}>`).join('\n')}\nendbfchar`,
    );
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** A stable six-letter subset tag (the same glyphs give the same tag, so the same record gives the same bytes). */
function subsetTag(glyphs: Iterable<number>): string {
  let h = 0x811c9dc5;
  for (const g of glyphs) h = Math.imul(h ^ g, 0x01000193) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26) + i * 7919;
  }
  return tag;
}

export class EmbeddedFont {
  readonly ref: PDFRef;
  private readonly font: TrueTypeFont;
  private readonly bytes: Uint8Array;
  /** glyph id -> the text it stands for (for ToUnicode): an Arabic presentation form reads as its letter, lam-alef as two. */
  private readonly used = new Map<number, string>();
  private readonly pageKeys = new WeakMap<PDFPage, PDFName>();
  private readonly widths = new Map<number, number>();

  constructor(
    private readonly doc: PDFDocument,
    bytes: Uint8Array,
    private readonly options: { subset: boolean } = { subset: true },
  ) {
    this.font = parseTrueType(bytes);
    this.bytes = bytes;
    this.ref = doc.context.nextRef();
  }

  private gid(cp: number): number {
    return this.font.glyphId(cp);
  }

  /** Width of the text in points at this size: the sum of the glyphs' advances (no kerning is drawn either). */
  widthOfTextAtSize(text: string, size: number): number {
    let units = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let w = this.widths.get(cp);
      if (w === undefined) {
        w = this.font.advance(this.gid(cp));
        this.widths.set(cp, w);
      }
      units += w;
    }
    return (units * size) / this.font.unitsPerEm;
  }

  /** The text as glyph ids (Identity-H). Characters the font lacks become .notdef: callers pass drawable text only. */
  encode(text: string): PDFHexString {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const gid = this.gid(cp);
      if (!this.used.has(gid)) this.used.set(gid, LOGICAL_TEXT.get(cp) ?? ch);
      out += hex4(gid);
    }
    return PDFHexString.of(out);
  }

  /** The font's resource name on this page, added to its resources the first time. */
  keyOn(page: PDFPage): PDFName {
    let key = this.pageKeys.get(page);
    if (!key) {
      key = page.node.newFontDictionary(this.font.postscriptName.slice(0, 12), this.ref);
      this.pageKeys.set(page, key);
    }
    return key;
  }

  /** Writes the font objects; call once, after all text is drawn. */
  embed(): void {
    const ctx: PDFContext = this.doc.context;
    const f = this.font;
    const scale = 1000 / f.unitsPerEm;
    const glyphs = [...this.used.keys()].sort((a, b) => a - b);
    const program = this.options.subset ? f.subset(new Set(glyphs)) : this.bytes;
    const name = this.options.subset ? `${subsetTag(glyphs)}+${f.postscriptName}` : f.postscriptName;
    const fontFile = ctx.flateStream(program, { Length1: program.length });
    const descriptor = ctx.obj({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: 4, // symbolic: glyphs beyond the standard Latin set
      FontBBox: f.bbox.map((v) => Math.round(v * scale)),
      ItalicAngle: f.italicAngle,
      Ascent: Math.round(f.ascent * scale),
      Descent: Math.round(f.descent * scale),
      CapHeight: Math.round(f.capHeight * scale),
      StemV: 80,
      FontFile2: ctx.register(fontFile),
    });
    // W: runs of consecutive glyph ids with their widths.
    const w: (number | number[])[] = [];
    for (let i = 0; i < glyphs.length;) {
      const start = glyphs[i]!;
      const run: number[] = [];
      while (i < glyphs.length && glyphs[i] === start + run.length)
        run.push(Math.round(f.advance(glyphs[i++]!) * scale));
      w.push(start, run);
    }
    const cidFont = ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: ctx.register(descriptor),
      W: w,
      CIDToGIDMap: 'Identity',
    });
    const toUnicode = ctx.flateStream(toUnicodeCMap(this.used));
    ctx.assign(
      this.ref,
      ctx.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: name,
        Encoding: 'Identity-H',
        DescendantFonts: [ctx.register(cidFont)],
        ToUnicode: ctx.register(toUnicode),
      }),
    );
  }
}
