// Owns reading the few things the verifier needs straight from a PDF's bytes (signature
// dictionaries, byte ranges, the record hash in the Info dictionary) without trusting it to be
// well formed: every reader here returns null or [] rather than throwing.

const latin1 = new TextDecoder('latin1');

export function indexOfBytes(hay: Uint8Array, needle: string, from = 0): number {
  const n = Array.from(needle, (c) => c.charCodeAt(0));
  const first = n[0]!;
  outer: for (let i = hay.indexOf(first, from); i !== -1 && i <= hay.length - n.length; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < n.length; j++) if (hay[i + j] !== n[j]) continue outer;
    return i;
  }
  return -1;
}

function allIndexes(hay: Uint8Array, needle: string): number[] {
  const out: number[] = [];
  for (let i = indexOfBytes(hay, needle); i !== -1; i = indexOfBytes(hay, needle, i + 1)) out.push(i);
  return out;
}

export function isPdf(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  return indexOfBytes(head, '%PDF-') !== -1;
}

export interface SignatureDictionary {
  /** Offset of the /ByteRange key. */
  at: number;
  byteRange: number[] | null;
  subFilter: string | null;
  /** The /M date string, raw. */
  m: string | null;
}

/** The text of the dictionary around `at`: from the nearest "<<" before to the nearest ">>" after the Contents. */
function dictionaryText(bytes: Uint8Array, at: number, after: number): string {
  const from = Math.max(0, at - 4096);
  const before = latin1.decode(bytes.subarray(from, at));
  const open = before.lastIndexOf('<<');
  const tail = latin1.decode(bytes.subarray(after, Math.min(bytes.length, after + 4096)));
  const close = tail.indexOf('>>');
  return (open >= 0 ? before.slice(open) : before) + '…' + (close >= 0 ? tail.slice(0, close) : tail);
}

/** Every signature dictionary's ByteRange, SubFilter and /M. */
export function findSignatures(bytes: Uint8Array): SignatureDictionary[] {
  return allIndexes(bytes, '/ByteRange').map((at) => {
    const text = latin1.decode(bytes.subarray(at, Math.min(bytes.length, at + 200)));
    const m = /^\/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]/.exec(text);
    const byteRange = m ? m.slice(1, 5).map(Number) : null;
    const after = byteRange && byteRange[2]! <= bytes.length ? byteRange[2]! : at + 200;
    const dict = dictionaryText(bytes, at, after);
    const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(dict)?.[1] ?? null;
    const date = /\/M\s*\((D:[0-9+\-Z']{4,30})\)/.exec(dict)?.[1] ?? null;
    return { at, byteRange, subFilter, m: date };
  });
}

/** The /Contents hex between the ByteRange's two parts, as bytes; null unless it is <hex>. */
export function contentsBetween(bytes: Uint8Array, start: number, end: number): Uint8Array | null {
  if (start < 0 || end > bytes.length || end - start < 2 || bytes[start] !== 0x3c || bytes[end - 1] !== 0x3e)
    return null;
  const hex = latin1.decode(bytes.subarray(start + 1, end - 1)).replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

/** "D:20260302101500Z" or "D:20260302101500+01'00'" as an ISO date-time; null if it is not one. */
export function pdfDateToIso(d: string | null): string | null {
  const m = d && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(d);
  if (!m) return null;
  const [, y, mo = '01', da = '01', h = '00', mi = '00', s = '00', tz] = m;
  let zone = 'Z';
  if (tz && tz !== 'Z') zone = `${tz.slice(0, 3)}:${tz.replace(/'/g, '').slice(3, 5) || '00'}`;
  const t = Date.parse(`${y}-${mo}-${da}T${h}:${mi}:${s}${zone}`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Every value of an Info key written as a literal string "(...)" or a hex string "<...>" of ASCII. */
export function infoValues(bytes: Uint8Array, key: string): string[] {
  const out: string[] = [];
  for (const at of allIndexes(bytes, `/${key}`)) {
    const text = latin1.decode(bytes.subarray(at + key.length + 1, Math.min(bytes.length, at + key.length + 1 + 600)));
    const lit = /^\s*\(([\x20-\x27\x2a-\x5b\x5d-\x7e]{0,512})\)/.exec(text);
    const hex = /^\s*<([0-9a-fA-F\s]{0,1100})>/.exec(text);
    if (lit) out.push(lit[1]!);
    else if (hex) {
      const h = hex[1]!.replace(/\s+/g, '');
      let s = '';
      for (let i = 0; i + 1 < h.length; i += 2) s += String.fromCharCode(parseInt(h.substr(i, 2), 16));
      out.push(s.startsWith('\u00fe\u00ff') ? decodeUtf16(s.slice(2)) : s);
    }
  }
  return [...new Set(out)];
}

function decodeUtf16(s: string): string {
  let out = '';
  for (let i = 0; i + 1 < s.length; i += 2) out += String.fromCharCode((s.charCodeAt(i) << 8) | s.charCodeAt(i + 1));
  return out;
}
