// Owns the one-time enrolment code's text form (docs/SYNC.md, "Joining a tablet"): what the new
// tablet types. It carries the server's address, the new tablet's own server name and first
// password, and a 128-bit secret that finds and opens the enrolment bundle on the server. Crockford
// base32 in dashed groups of 4 (no I, L, O, U: read aloud or copied by hand it survives the usual
// confusions), ending in a check of 32 bits so a mistyped code is named at its field, never tried.
import { EncodingError, bytesToCrockford, crockfordToBytes, utf8Decode, utf8Encode } from '../../codec/encoding';
import { sha256Hex } from '../crypto';
import { hexToBytes } from '../crypto';
import type { SyncServer } from './engine';

export const ENROL_SECRET_BYTES = 16;
const VERSION = 1;
const CHECK_BYTES = 4;

export type EnrolmentCode = { server: SyncServer; secret: Uint8Array };

async function check(bytes: Uint8Array): Promise<Uint8Array> {
  return hexToBytes(await sha256Hex(bytes)).subarray(0, CHECK_BYTES);
}

/** The code for `server` (its address shortened to a path when it is on the app's own origin) and `secret`. */
export async function encodeEnrolmentCode(code: EnrolmentCode, appOrigin: string): Promise<string> {
  const u = new URL(code.server.url);
  const where = u.origin === new URL(appOrigin).origin ? u.pathname : code.server.url;
  const text = utf8Encode(`${where}\n${code.server.username}\n${code.server.password}`);
  if (text.length > 0xffff) throw new EncodingError('enrolment code: too long');
  const head = 1 + ENROL_SECRET_BYTES + 2 + text.length;
  const pad = (5 - ((head + CHECK_BYTES) % 5)) % 5;
  const body = new Uint8Array(head + pad);
  body[0] = VERSION;
  body.set(code.secret, 1);
  body[1 + ENROL_SECRET_BYTES] = text.length >> 8;
  body[2 + ENROL_SECRET_BYTES] = text.length & 0xff;
  body.set(text, 3 + ENROL_SECRET_BYTES);
  const all = new Uint8Array(body.length + CHECK_BYTES);
  all.set(body);
  all.set(await check(body), body.length);
  return bytesToCrockford(all)
    .match(/.{1,4}/g)!
    .join('-');
}

/** The code as typed, or the plain-English reason it cannot be one. */
export async function decodeEnrolmentCode(
  typed: string,
  appOrigin: string,
): Promise<EnrolmentCode | { problem: string }> {
  const compact = typed.replace(/[\s-]/g, '');
  if (compact.length === 0) return { problem: 'Enter the enrolment code shown on a tablet that already syncs.' };
  let all: Uint8Array;
  try {
    all = crockfordToBytes(compact);
  } catch {
    return {
      problem:
        compact.length % 8 !== 0
          ? 'This code is not complete: check that every group was typed.'
          : 'An enrolment code uses only digits and the letters A-Z except U. Check what was typed.',
    };
  }
  const body = all.subarray(0, all.length - CHECK_BYTES);
  const expected = await check(body);
  const given = all.subarray(all.length - CHECK_BYTES);
  if (body.length < 3 + ENROL_SECRET_BYTES || expected.some((b, i) => b !== given[i]))
    return { problem: 'This code has a typing mistake: check each group against the code on the other tablet.' };
  if (body[0] !== VERSION) return { problem: 'This code was made by a newer version of the app: update this tablet.' };
  const secret = body.slice(1, 1 + ENROL_SECRET_BYTES);
  const length = (body[1 + ENROL_SECRET_BYTES]! << 8) | body[2 + ENROL_SECRET_BYTES]!;
  let text: string;
  try {
    text = utf8Decode(body.subarray(3 + ENROL_SECRET_BYTES, 3 + ENROL_SECRET_BYTES + length));
  } catch {
    return { problem: 'This code has a typing mistake: check each group against the code on the other tablet.' };
  }
  const [where, username, password] = text.split('\n');
  if (!where || !username || !password) return { problem: 'This code is damaged: make a new one.' };
  return { server: { url: new URL(where, appOrigin).href.replace(/\/+$/, ''), username, password }, secret };
}
