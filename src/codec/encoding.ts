// Byte <-> text encodings (base64, base64url, hex, UTF-8, Crockford base32) without Buffer, strict on input.
// Pure (no DOM, no storage, no UI): storage and pdf both use it.

/** Bytes that are not valid base64, base64url, hex, UTF-8 or Crockford base32. */
export class EncodingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EncodingError';
  }
}

/** Bytes backed by a plain ArrayBuffer: the shape WebCrypto's BufferSource accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** Copies any Uint8Array into a fresh ArrayBuffer-backed one (also detaches us from caller mutation). */
export function copyBytes(input: Uint8Array): Bytes {
  const out = new Uint8Array(input.length);
  out.set(input);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function reverseTable(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const B64_REV = reverseTable(B64);
const B64URL_REV = reverseTable(B64URL);

function encode64(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

function decode64(text: string, table: Int16Array, padded: boolean, label: string): Bytes {
  let body = text;
  if (padded) {
    if (text.length % 4 !== 0) throw new EncodingError(`${label}: length is not a multiple of 4`);
    if (body.endsWith('==')) body = body.slice(0, -2);
    else if (body.endsWith('=')) body = body.slice(0, -1);
  }
  if (body.length % 4 === 1) throw new EncodingError(`${label}: impossible length`);
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c < 128 ? table[c]! : -1;
    if (v < 0) throw new EncodingError(`${label}: invalid character at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  // Canonical form only: leftover padding bits must be zero, so one byte string has one encoding.
  if ((acc & ((1 << bits) - 1)) !== 0) throw new EncodingError(`${label}: non-zero padding bits`);
  return out;
}

/** Standard base64 with `=` padding (RFC 4648 section 4). */
export function bytesToBase64(bytes: Uint8Array): string {
  return encode64(bytes, B64, true);
}
/** Strict: rejects whitespace, missing padding and non-canonical trailing bits. */
export function base64ToBytes(text: string): Bytes {
  return decode64(text, B64_REV, true, 'base64');
}

/** base64url without padding (RFC 4648 section 5), as JWK uses. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return encode64(bytes, B64URL, false);
}
/** Strict: rejects padding, whitespace and non-canonical trailing bits. */
export function base64UrlToBytes(text: string): Bytes {
  return decode64(text, B64URL_REV, false, 'base64url');
}

/** Lower-case hex. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
/** Accepts upper or lower case; rejects odd length and non-hex characters. */
export function hexToBytes(hex: string): Bytes {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new EncodingError('hex: invalid input');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8Encode(text: string): Bytes {
  return encoder.encode(text) as Bytes;
}
/** Throws EncodingError on invalid UTF-8 instead of inserting U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch (cause) {
    throw new EncodingError('utf-8: invalid byte sequence', { cause });
  }
}

// Crockford base32: no I, L, O, U, so a recovery key read aloud or copied by hand survives
// case changes and the usual 0/O, 1/I/L confusions.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Crockford base32, upper case, no padding; input length must be a multiple of 5 bytes. */
export function bytesToCrockford(bytes: Uint8Array): string {
  if (bytes.length % 5 !== 0) throw new EncodingError('crockford: length must be a multiple of 5 bytes');
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(acc >>> bits) & 31]!;
    }
  }
  return out;
}

/** Decodes Crockford base32 ignoring case, spaces and dashes, mapping O->0 and I/L->1. */
export function crockfordToBytes(text: string): Bytes {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length % 8 !== 0) throw new EncodingError('crockford: length must be a multiple of 8 symbols');
  const out = new Uint8Array((clean.length * 5) / 8);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = CROCKFORD.indexOf(clean[i]!);
    if (v < 0) throw new EncodingError(`crockford: invalid character at ${i}`);
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}
