// Owns reading a TrueType font (cmap, metrics) and writing a glyph-preserving subset of it: every
// glyph id stays the same, unused glyphs become empty. That is all a PDF needs to embed DejaVu for
// text drawn glyph by glyph, in a few kilobytes of code where fontkit costs 330 kB gzip.

interface Table {
  offset: number;
  length: number;
}

export interface TrueTypeFont {
  postscriptName: string;
  unitsPerEm: number;
  numGlyphs: number;
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  bbox: [number, number, number, number];
  /** The glyph for a code point, or 0 (.notdef) when the font has none. */
  glyphId(codePoint: number): number;
  /** Advance width in font units. */
  advance(glyphId: number): number;
  /** Every code point the font maps to a glyph. */
  codePoints(): number[];
  /** The font with only these glyphs (and their components) drawn; ids unchanged. */
  subset(glyphIds: ReadonlySet<number>): Uint8Array;
}

export class FontFormatError extends Error {
  override name = 'FontFormatError';
}

function tableDirectory(view: DataView): Map<string, Table> {
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565) throw new FontFormatError('Not a TrueType font.');
  const tables = new Map<string, Table>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(at),
      view.getUint8(at + 1),
      view.getUint8(at + 2),
      view.getUint8(at + 3),
    );
    tables.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  for (const t of ['head', 'hhea', 'hmtx', 'maxp', 'cmap', 'loca', 'glyf'])
    if (!tables.has(t)) throw new FontFormatError(`The font has no ${t} table.`);
  return tables;
}

function readCmap(view: DataView, cmap: Table): Map<number, number> {
  const map = new Map<number, number>();
  const n = view.getUint16(cmap.offset + 2);
  let best = -1;
  let bestFormat = 0;
  for (let i = 0; i < n; i++) {
    const rec = cmap.offset + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const sub = cmap.offset + view.getUint32(rec + 4);
    const format = view.getUint16(sub);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode && (format === 12 || (format === 4 && bestFormat !== 12))) {
      best = sub;
      bestFormat = format;
    }
  }
  if (best < 0) throw new FontFormatError('The font has no Unicode cmap.');
  if (bestFormat === 12) {
    const groups = view.getUint32(best + 12);
    for (let g = 0; g < groups; g++) {
      const at = best + 16 + g * 12;
      const start = view.getUint32(at);
      const end = view.getUint32(at + 4);
      const gid = view.getUint32(at + 8);
      for (let cp = start; cp <= end; cp++) map.set(cp, gid + cp - start);
    }
    return map;
  }
  const segX2 = view.getUint16(best + 6);
  const ends = best + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  for (let s = 0; s < segX2 / 2; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeAt = ranges + s * 2;
    const range = view.getUint16(rangeAt);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let gid: number;
      if (range === 0) gid = (cp + delta) & 0xffff;
      else {
        const g = view.getUint16(rangeAt + range + (cp - start) * 2);
        gid = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (gid !== 0) map.set(cp, gid);
    }
  }
  return map;
}

function postscriptName(view: DataView, name: Table | undefined): string {
  if (!name) return 'Font';
  const count = view.getUint16(name.offset + 2);
  const strings = name.offset + view.getUint16(name.offset + 4);
  for (let i = 0; i < count; i++) {
    const rec = name.offset + 6 + i * 12;
    if (view.getUint16(rec + 6) !== 6) continue;
    const platform = view.getUint16(rec);
    const length = view.getUint16(rec + 8);
    const at = strings + view.getUint16(rec + 10);
    let s = '';
    if (platform === 3 || platform === 0)
      for (let j = 0; j < length; j += 2) s += String.fromCharCode(view.getUint16(at + j));
    else for (let j = 0; j < length; j++) s += String.fromCharCode(view.getUint8(at + j));
    // A PDF name must not carry spaces or delimiters.
    const clean = s.replace(/[^A-Za-z0-9_.-]/g, '');
    if (clean) return clean;
  }
  return 'Font';
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const v = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

/** Assembles an sfnt from tables (sorted by tag, 4-byte aligned, checksums and head adjustment set). */
function writeFont(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const pow = 2 ** Math.floor(Math.log2(n));
  let offset = 12 + n * 16;
  const layout = tags.map((tag) => {
    const data = tables.get(tag)!;
    const entry = { tag, data, offset };
    offset += (data.length + 3) & ~3;
    return entry;
  });
  const out = new Uint8Array(offset);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, pow * 16);
  v.setUint16(8, Math.log2(pow));
  v.setUint16(10, n * 16 - pow * 16);
  layout.forEach((t, i) => {
    const at = 12 + i * 16;
    for (let c = 0; c < 4; c++) v.setUint8(at + c, t.tag.charCodeAt(c));
    v.setUint32(at + 4, checksum(t.data));
    v.setUint32(at + 8, t.offset);
    v.setUint32(at + 12, t.data.length);
    out.set(t.data, t.offset);
  });
  const head = layout.find((t) => t.tag === 'head')!;
  v.setUint32(head.offset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

export function parseTrueType(input: Uint8Array): TrueTypeFont {
  const bytes = input;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = tableDirectory(view);
  const t = (tag: string) => tables.get(tag)!;
  const head = t('head').offset;
  const unitsPerEm = view.getUint16(head + 18);
  const bbox: [number, number, number, number] = [
    view.getInt16(head + 36),
    view.getInt16(head + 38),
    view.getInt16(head + 40),
    view.getInt16(head + 42),
  ];
  const longLoca = view.getInt16(head + 50) === 1;
  const hhea = t('hhea').offset;
  const numGlyphs = view.getUint16(t('maxp').offset + 4);
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const hmtx = t('hmtx').offset;
  const os2 = tables.get('OS/2');
  const os2Version = os2 ? view.getUint16(os2.offset) : 0;
  const ascent = os2 ? view.getInt16(os2.offset + 68) : view.getInt16(hhea + 4);
  const descent = os2 ? view.getInt16(os2.offset + 70) : view.getInt16(hhea + 6);
  const capHeight = os2 && os2Version >= 2 ? view.getInt16(os2.offset + 88) : Math.round(ascent * 0.7);
  const post = tables.get('post');
  const italicAngle = post ? view.getInt32(post.offset + 4) / 65536 : 0;
  const cmap = readCmap(view, t('cmap'));
  const loca = t('loca').offset;
  const glyfAt = t('glyf').offset;
  const glyphRange = (gid: number): [number, number] => {
    const a = longLoca ? view.getUint32(loca + gid * 4) : view.getUint16(loca + gid * 2) * 2;
    const b = longLoca ? view.getUint32(loca + (gid + 1) * 4) : view.getUint16(loca + (gid + 1) * 2) * 2;
    return [glyfAt + a, glyfAt + b];
  };
  const components = (gid: number): number[] => {
    const [a, b] = glyphRange(gid);
    if (b - a < 10 || view.getInt16(a) >= 0) return [];
    const out: number[] = [];
    let at = a + 10;
    for (;;) {
      const flags = view.getUint16(at);
      out.push(view.getUint16(at + 2));
      at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
      if (!(flags & 0x0020)) return out;
    }
  };

  return {
    postscriptName: postscriptName(view, tables.get('name')),
    unitsPerEm,
    numGlyphs,
    ascent,
    descent,
    capHeight,
    italicAngle,
    bbox,
    glyphId: (cp) => cmap.get(cp) ?? 0,
    advance: (gid) => view.getUint16(hmtx + Math.min(gid, numberOfHMetrics - 1) * 4),
    codePoints: () => [...cmap.keys()].sort((x, y) => x - y),
    subset(glyphIds) {
      const keep = new Set<number>([0]);
      const pending = [...glyphIds];
      while (pending.length) {
        const gid = pending.pop()!;
        if (gid >= numGlyphs || keep.has(gid)) continue;
        keep.add(gid);
        pending.push(...components(gid));
      }
      const parts: Uint8Array[] = [];
      const offsets = new Uint32Array(numGlyphs + 1);
      let size = 0;
      for (let gid = 0; gid < numGlyphs; gid++) {
        offsets[gid] = size;
        if (!keep.has(gid)) continue;
        const [a, b] = glyphRange(gid);
        const len = (b - a + 3) & ~3; // 4-byte aligned glyphs: some readers misplace unaligned ones
        const g = new Uint8Array(len);
        g.set(bytes.subarray(a, b));
        parts.push(g);
        size += len;
      }
      offsets[numGlyphs] = size;
      const glyf = new Uint8Array(size);
      let at = 0;
      for (const g of parts) {
        glyf.set(g, at);
        at += g.length;
      }
      const locaOut = new Uint8Array((numGlyphs + 1) * 4);
      const lv = new DataView(locaOut.buffer);
      offsets.forEach((o, i) => lv.setUint32(i * 4, o));
      const copy = (tag: string) => bytes.slice(t(tag).offset, t(tag).offset + t(tag).length);
      const headOut = copy('head');
      new DataView(headOut.buffer).setInt16(50, 1); // long loca
      new DataView(headOut.buffer).setUint32(8, 0);
      const out = new Map<string, Uint8Array>([
        ['head', headOut],
        ['hhea', copy('hhea')],
        ['maxp', copy('maxp')],
        ['hmtx', copy('hmtx')],
        ['loca', locaOut],
        ['glyf', glyf],
      ]);
      if (post) {
        // post format 3: the header only (no glyph names needed in a PDF).
        const p = bytes.slice(post.offset, post.offset + 32);
        new DataView(p.buffer).setUint32(0, 0x00030000);
        out.set('post', p);
      }
      if (os2) out.set('OS/2', copy('OS/2'));
      return writeFont(out);
    },
  };
}
