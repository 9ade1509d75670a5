// Tests for the WebCrypto layer (src/storage/crypto) and the shared codec (src/codec: canonical JSON, encodings).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../codec/canonical';
import { deriveKekFromBytes } from './crypto/kdf';
import {
  DecryptError,
  EncodingError,
  InvalidRecoveryKeyError,
  KdfParamsError,
  KdfTooWeakError,
  PBKDF2_DEFAULT_ITERATIONS,
  PBKDF2_MIN_ITERATIONS,
  RECORD_FORMAT_VERSION,
  WrongPassphraseError,
  base64ToBytes,
  base64UrlToBytes,
  bytesToBase64,
  bytesToBase64Url,
  bytesToHex,
  decryptBytes,
  decryptJson,
  deriveEstablishmentKeys,
  deriveKek,
  encryptBytes,
  encryptJson,
  exportPrivateJwk,
  generateCaseKey,
  generateRecoveryKey,
  generateRootSecret,
  generateSealingKeyPair,
  hexToBytes,
  hmacHex,
  importSealingPrivateKey,
  newKdfParams,
  openSealed,
  parseRecoveryKey,
  recoveryKeyToString,
  sealToPublicKey,
  sha256Hex,
  unwrapCaseKey,
  unwrapRootSecret,
  utf8Encode,
  verifyHmac,
  wrapCaseKey,
  wrapRootSecret,
  type EncryptedRecord,
  type EstablishmentKeys,
  type WrappedSecret,
} from './crypto';

// "Café" with a precomposed é (NFC); the NFD spelling below must unlock the same wrap.
const PASSPHRASE = 'Caf\u00e9 on the hill, 4 ravens';
const PASSPHRASE_NFD = 'Cafe\u0301 on the hill, 4 ravens';

/** Flips one bit of one byte inside a base64 field. */
function flipByte(b64: string, index: number): string {
  const bytes = base64ToBytes(b64);
  bytes[index] = bytes[index]! ^ 0x01;
  return bytesToBase64(bytes);
}

// PBKDF2 at 600,000 iterations costs ~0.25 s: the wraps every test shares are made once here.
let root: Uint8Array;
let wrapped: WrappedSecret;
let recoveryKey: string;
let recoveryWrapped: WrappedSecret;
let keys: EstablishmentKeys;

beforeAll(async () => {
  root = generateRootSecret();
  recoveryKey = generateRecoveryKey();
  [wrapped, recoveryWrapped, keys] = await Promise.all([
    wrapRootSecret(root, PASSPHRASE, 'user-1'),
    wrapRootSecret(root, parseRecoveryKey(recoveryKey), 'establishment'),
    deriveEstablishmentKeys(root),
  ]);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('byte encodings', () => {
  it('write base64 and base64url as RFC 4648 does', () => {
    expect(bytesToBase64(utf8Encode('foobar'))).toBe('Zm9vYmFy');
    expect(bytesToBase64(utf8Encode('fo'))).toBe('Zm8=');
    expect(bytesToBase64(utf8Encode('f'))).toBe('Zg==');
    expect(bytesToBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(bytesToHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
  });

  it('round-trip every length of random bytes', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
      expect(base64UrlToBytes(bytesToBase64Url(bytes))).toEqual(bytes);
      expect(hexToBytes(bytesToHex(bytes))).toEqual(bytes);
    }
  });

  it('reject malformed or non-canonical input instead of guessing', () => {
    for (const bad of ['Zg=', 'Z g==', 'Zh==', 'Zm9v!mFy', 'Zg']) {
      expect(() => base64ToBytes(bad)).toThrow(EncodingError);
    }
    expect(() => base64UrlToBytes('-_8=')).toThrow(EncodingError);
    expect(() => hexToBytes('abc')).toThrow(EncodingError);
    expect(() => hexToBytes('zz')).toThrow(EncodingError);
  });
});

describe('passphrase key derivation', () => {
  it('defaults to PBKDF2-HMAC-SHA-256 at 600,000 iterations with a fresh 16-byte salt', () => {
    const a = newKdfParams();
    const b = newKdfParams();
    expect(PBKDF2_MIN_ITERATIONS).toBe(600_000);
    expect(a).toMatchObject({ algorithm: 'PBKDF2-HMAC-SHA-256', iterations: PBKDF2_DEFAULT_ITERATIONS });
    expect(base64ToBytes(a.salt)).toHaveLength(16);
    expect(a.salt).not.toBe(b.salt);
    expect(wrapped.kdf.iterations).toBe(600_000);
  });

  it('refuses 599,999 iterations with KdfTooWeakError before deriving anything', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const deriveKey = vi.spyOn(crypto.subtle, 'deriveKey');
    const deriveBits = vi.spyOn(crypto.subtle, 'deriveBits');
    const downgraded: WrappedSecret = { ...wrapped, kdf: { ...wrapped.kdf, iterations: 599_999 } };

    await expect(unwrapRootSecret(downgraded, PASSPHRASE, 'user-1')).rejects.toThrow(KdfTooWeakError);
    await expect(deriveKek(PASSPHRASE, downgraded.kdf)).rejects.toMatchObject({ reason: 'iterations-below-floor' });
    await expect(wrapRootSecret(root, PASSPHRASE, 'user-1', downgraded.kdf)).rejects.toThrow(KdfTooWeakError);
    expect(() => newKdfParams(599_999)).toThrow(KdfTooWeakError);

    expect(importKey).not.toHaveBeenCalled();
    expect(deriveKey).not.toHaveBeenCalled();
    expect(deriveBits).not.toHaveBeenCalled();
  });

  it('refuses a short salt, an unknown algorithm and a malformed iteration count', async () => {
    const deriveKey = vi.spyOn(crypto.subtle, 'deriveKey');
    const shortSalt = { ...wrapped.kdf, salt: bytesToBase64(new Uint8Array(8)) };
    const otherAlgorithm = { ...wrapped.kdf, algorithm: 'PBKDF2-HMAC-SHA-1' } as unknown as WrappedSecret['kdf'];

    await expect(deriveKek(PASSPHRASE, shortSalt)).rejects.toMatchObject({
      name: 'KdfTooWeakError',
      reason: 'salt-length',
    });
    await expect(deriveKek(PASSPHRASE, otherAlgorithm)).rejects.toMatchObject({
      name: 'KdfTooWeakError',
      reason: 'unknown-algorithm',
    });
    await expect(deriveKek(PASSPHRASE, { ...wrapped.kdf, iterations: Number.NaN })).rejects.toThrow(KdfParamsError);
    await expect(deriveKek(PASSPHRASE, { ...wrapped.kdf, iterations: 1e12 })).rejects.toMatchObject({
      reason: 'iterations-above-ceiling',
    });
    expect(deriveKey).not.toHaveBeenCalled();
  });
});

describe('the wrapped root secret', () => {
  it('unwraps with the right passphrase and stores no root bytes in the clear', async () => {
    expect(root).toHaveLength(32);
    expect(await unwrapRootSecret(wrapped, PASSPHRASE, 'user-1')).toEqual(root);
    expect(JSON.stringify(wrapped)).not.toContain(bytesToBase64(root));
    expect(wrapped.v).toBe(RECORD_FORMAT_VERSION);
  });

  it('unwraps when the same passphrase is typed in decomposed (NFD) form', async () => {
    expect(PASSPHRASE_NFD).not.toBe(PASSPHRASE);
    expect(await unwrapRootSecret(wrapped, PASSPHRASE_NFD, 'user-1')).toEqual(root);
  });

  it('throws WrongPassphraseError for a wrong passphrase', async () => {
    await expect(unwrapRootSecret(wrapped, 'Caf\u00e9 on the hill, 5 ravens', 'user-1')).rejects.toThrow(
      WrongPassphraseError,
    );
  });

  it('does not open for another user id, because the AAD binds the user', async () => {
    await expect(unwrapRootSecret(wrapped, PASSPHRASE, 'user-2')).rejects.toThrow(WrongPassphraseError);
  });

  it('binds AAD "ypsi/root-wrap/v1/<purpose>/" + user id, purpose being passphrase or recovery', async () => {
    const open = async (kek: CryptoKey, w: WrappedSecret, aadText: string) =>
      new Uint8Array(
        await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: base64ToBytes(w.iv), additionalData: utf8Encode(aadText) },
          kek,
          base64ToBytes(w.ct),
        ),
      );
    const [passKek, recoveryKek] = await Promise.all([
      deriveKek(PASSPHRASE, wrapped.kdf),
      deriveKekFromBytes(parseRecoveryKey(recoveryKey).bytes, recoveryWrapped.kdf),
    ]);
    expect(await open(passKek, wrapped, 'ypsi/root-wrap/v1/passphrase/user-1')).toEqual(root);
    expect(await open(recoveryKek, recoveryWrapped, 'ypsi/root-wrap/v1/recovery/establishment')).toEqual(root);
  });

  it('rejects an unknown format version or a truncated ciphertext without deriving', async () => {
    const deriveKey = vi.spyOn(crypto.subtle, 'deriveKey');
    await expect(
      unwrapRootSecret({ ...wrapped, v: 2 } as unknown as WrappedSecret, PASSPHRASE, 'user-1'),
    ).rejects.toThrow(DecryptError);
    await expect(unwrapRootSecret({ ...wrapped, ct: wrapped.iv }, PASSPHRASE, 'user-1')).rejects.toThrow(DecryptError);
    expect(deriveKey).not.toHaveBeenCalled();
  });

  it('derives the same non-extractable establishment keys from the same root, and other keys from another root', async () => {
    expect(keys.dataKey.extractable).toBe(false);
    expect(keys.macKey.extractable).toBe(false);
    expect(keys.dataKey.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(keys.macKey.algorithm).toMatchObject({ name: 'HMAC' });

    const again = await deriveEstablishmentKeys(root);
    const rec = await encryptJson(keys.dataKey, 'settings', { a: 1 });
    expect(await decryptJson(again.dataKey, 'settings', rec)).toEqual({ a: 1 });
    expect(await hmacHex(again.macKey, 'head')).toBe(await hmacHex(keys.macKey, 'head'));

    const other = await deriveEstablishmentKeys(generateRootSecret());
    await expect(decryptJson(other.dataKey, 'settings', rec)).rejects.toThrow(DecryptError);
  });
});

describe('a recovery key', () => {
  it('is 32 Crockford base32 symbols in dashed groups of 4 (160 bits)', () => {
    expect(recoveryKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/);
    expect(generateRecoveryKey()).not.toBe(recoveryKey);
    expect(parseRecoveryKey(recoveryKey).bytes).toHaveLength(20);
  });

  it('unwraps the root even when typed in lower case with spaces instead of dashes', async () => {
    const typed = ` ${recoveryKey.toLowerCase().replaceAll('-', ' ')} `;
    expect(await unwrapRootSecret(recoveryWrapped, parseRecoveryKey(typed), 'establishment')).toEqual(root);
  });

  it('reads O as 0 and I or L as 1, and prints back in canonical form', () => {
    const a = parseRecoveryKey('0000-1111-2222-3333-4444-5555-6666-7777');
    const b = parseRecoveryKey('oooo-iiii-2222-3333-4444-5555-6666-7777');
    const c = parseRecoveryKey('OOOO LLLL 2222 3333 4444 5555 6666 7777');
    expect(b.bytes).toEqual(a.bytes);
    expect(c.bytes).toEqual(a.bytes);
    expect(recoveryKeyToString(b)).toBe('0000-1111-2222-3333-4444-5555-6666-7777');
  });

  it('rejects text of the wrong length or with a U in it', () => {
    expect(() => parseRecoveryKey(recoveryKey.slice(0, -1))).toThrow(InvalidRecoveryKeyError);
    expect(() => parseRecoveryKey(`U${recoveryKey.slice(1)}`)).toThrow(InvalidRecoveryKeyError);
  });

  it('does not work when its printed text is typed as an ordinary passphrase', async () => {
    await expect(unwrapRootSecret(recoveryWrapped, recoveryKey, 'establishment')).rejects.toThrow(WrongPassphraseError);
  });
});

describe('case keys', () => {
  it('wrap under the data key and unwrap to a key that reads the case records', async () => {
    const caseKey = await generateCaseKey();
    const w = await wrapCaseKey(caseKey, keys.dataKey, 'case-A');
    const rec = await encryptJson(caseKey, 'event-1', { note: 'disclosed at break' });
    const unwrapped = await unwrapCaseKey(w, keys.dataKey, 'case-A');
    expect(unwrapped.extractable).toBe(false);
    expect(await decryptJson(unwrapped, 'event-1', rec)).toEqual({ note: 'disclosed at break' });
  });

  it('fail to unwrap when a key wrapped for case A is presented as case B', async () => {
    const w = await wrapCaseKey(await generateCaseKey(), keys.dataKey, 'case-A');
    await expect(unwrapCaseKey(w, keys.dataKey, 'case-B')).rejects.toThrow(DecryptError);
  });

  it('fail to unwrap under another data key', async () => {
    const w = await wrapCaseKey(await generateCaseKey(), keys.dataKey, 'case-A');
    const other = await deriveEstablishmentKeys(generateRootSecret());
    await expect(unwrapCaseKey(w, other.dataKey, 'case-A')).rejects.toThrow(DecryptError);
  });
});

describe('record encryption', () => {
  const value = { name: 'Zebedee Quillfeather', tags: ['ypsi', 'é中🙂'], n: 3, nested: { ok: true, none: null } };

  it('round-trips JSON and bytes', async () => {
    const rec = await encryptJson(keys.dataKey, 'rec-1', value);
    expect(await decryptJson(keys.dataKey, 'rec-1', rec)).toEqual(value);
    const bytes = crypto.getRandomValues(new Uint8Array(1000));
    expect(await decryptBytes(keys.dataKey, 'blob-1', await encryptBytes(keys.dataKey, 'blob-1', bytes))).toEqual(
      bytes,
    );
  });

  it('uses a fresh IV per write, so the same value encrypts differently each time', async () => {
    const a = await encryptJson(keys.dataKey, 'rec-1', value);
    const b = await encryptJson(keys.dataKey, 'rec-1', value);
    expect(base64ToBytes(a.iv)).toHaveLength(12);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(JSON.stringify(a)).not.toContain('Zebedee');
  });

  it('fails with DecryptError when record A\u2019s ciphertext is read as record B', async () => {
    const a = await encryptJson(keys.dataKey, 'rec-A', value);
    await expect(decryptJson(keys.dataKey, 'rec-B', a)).rejects.toThrow(DecryptError);
  });

  it('fails with DecryptError when one ciphertext, tag or IV byte is changed', async () => {
    const rec = await encryptJson(keys.dataKey, 'rec-1', value);
    const ctLength = base64ToBytes(rec.ct).length;
    const tampered: EncryptedRecord[] = [
      { ...rec, ct: flipByte(rec.ct, 0) },
      { ...rec, ct: flipByte(rec.ct, ctLength - 1) },
      { ...rec, iv: flipByte(rec.iv, 5) },
    ];
    for (const t of tampered) await expect(decryptJson(keys.dataKey, 'rec-1', t)).rejects.toThrow(DecryptError);
  });

  it('fails with DecryptError on an unknown format version or malformed fields', async () => {
    const rec = await encryptJson(keys.dataKey, 'rec-1', value);
    await expect(decryptJson(keys.dataKey, 'rec-1', { ...rec, v: 2 } as unknown as EncryptedRecord)).rejects.toThrow(
      DecryptError,
    );
    await expect(decryptJson(keys.dataKey, 'rec-1', { ...rec, ct: '***' })).rejects.toThrow(DecryptError);
  });

  it('binds AAD "ypsi/record/v1/" + record id, with no schema version in it', async () => {
    const caseKey = await generateCaseKey();
    const rec = await encryptJson(caseKey, 'rec-42', value);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: base64ToBytes(rec.iv), additionalData: utf8Encode('ypsi/record/v1/rec-42') },
      caseKey,
      base64ToBytes(rec.ct),
    );
    expect(JSON.parse(new TextDecoder().decode(plain))).toEqual(value);
  });

  it('refuses values JSON cannot represent', async () => {
    await expect(encryptJson(keys.dataKey, 'rec-1', undefined)).rejects.toThrow(TypeError);
  });
});

describe('hashes and MACs', () => {
  it('give the FIPS 180-2 SHA-256 vector for "abc", for a string and for its bytes', async () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(await sha256Hex('abc')).toBe(abc);
    expect(await sha256Hex(utf8Encode('abc'))).toBe(abc);
  });

  it('verify an HMAC and reject it when one character changes or the hex is malformed', async () => {
    const mac = await hmacHex(keys.macKey, 'head:42:abcd');
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyHmac(keys.macKey, 'head:42:abcd', mac)).toBe(true);
    const changed = (mac[0] === '0' ? '1' : '0') + mac.slice(1);
    expect(await verifyHmac(keys.macKey, 'head:42:abcd', changed)).toBe(false);
    expect(await verifyHmac(keys.macKey, 'head:42:abce', mac)).toBe(false);
    expect(await verifyHmac(keys.macKey, 'head:42:abcd', 'not hex')).toBe(false);
  });
});

describe('sealed disclosures', () => {
  const disclosure = { pupil: 'Zebedee Quillfeather', said: 'a photo was shared' };

  it('open with the establishment private key and not with another key pair', async () => {
    const est = await generateSealingKeyPair();
    const stranger = await generateSealingKeyPair();
    const sealed = await sealToPublicKey(est.publicJwk, disclosure, 'disclosure/d-1');
    expect(sealed).toMatchObject({ v: 1, alg: 'ECDH-P256+HKDF-SHA256+A256GCM' });
    expect(sealed.epk).not.toHaveProperty('d');
    expect(JSON.stringify(sealed)).not.toContain('Zebedee');
    expect(await openSealed(est.privateKey, sealed, 'disclosure/d-1')).toEqual(disclosure);
    await expect(openSealed(stranger.privateKey, sealed, 'disclosure/d-1')).rejects.toThrow(DecryptError);
  });

  it('fail to open under another context', async () => {
    const est = await generateSealingKeyPair();
    const sealed = await sealToPublicKey(est.publicJwk, disclosure, 'disclosure/d-1');
    await expect(openSealed(est.privateKey, sealed, 'disclosure/d-2')).rejects.toThrow(DecryptError);
  });

  it('use a new ephemeral key per message, and fail when the ephemeral key or ciphertext is altered', async () => {
    const est = await generateSealingKeyPair();
    const a = await sealToPublicKey(est.publicJwk, disclosure, 'ctx');
    const b = await sealToPublicKey(est.publicJwk, disclosure, 'ctx');
    expect(a.epk.x).not.toBe(b.epk.x);
    await expect(openSealed(est.privateKey, { ...a, epk: b.epk }, 'ctx')).rejects.toThrow(DecryptError);
    await expect(openSealed(est.privateKey, { ...a, ct: flipByte(a.ct, 0) }, 'ctx')).rejects.toThrow(DecryptError);
    await expect(openSealed(est.privateKey, { ...a, epk: { ...a.epk, x: a.epk.y } }, 'ctx')).rejects.toThrow(
      DecryptError,
    );
  });

  it('keep working after the private key is stored encrypted under the data key and re-imported', async () => {
    const est = await generateSealingKeyPair();
    const sealed = await sealToPublicKey(est.publicJwk, disclosure, 'ctx');
    const stored = await encryptJson(keys.dataKey, 'sealing-private-key', await exportPrivateJwk(est.privateKey));
    const reimported = await importSealingPrivateKey(
      await decryptJson<JsonWebKey>(keys.dataKey, 'sealing-private-key', stored),
    );
    expect(reimported.extractable).toBe(false);
    expect(await openSealed(reimported, sealed, 'ctx')).toEqual(disclosure);
  });

  it('refuse a private JWK where the public key belongs', async () => {
    const est = await generateSealingKeyPair();
    const privateJwk = await exportPrivateJwk(est.privateKey);
    await expect(sealToPublicKey(privateJwk, disclosure, 'ctx')).rejects.toThrow(TypeError);
  });
});

describe('canonicalJson', () => {
  it('writes the same string whatever order the keys were added in', () => {
    const a = { b: 1, a: { y: [1, 'x', null], x: true }, c: 'é' };
    const b = { c: 'é', a: { x: true, y: [1, 'x', null] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":true,"y":[1,"x",null]},"b":1,"c":"é"}');
  });

  it('omits object members that are undefined, as stored JSON would', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('rejects values JSON would silently change', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad: unknown[] = [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      [1, undefined],
      // oxlint-disable-next-line no-sparse-arrays
      [1, , 3],
      new Date(0),
      new Map(),
      10n,
      () => 1,
      undefined,
      cyclic,
    ];
    for (const v of bad) expect(() => canonicalJson(v)).toThrow(TypeError);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
  });
});
