// Crypto helpers tests use directly (the app's own layer, plus raw key export to look for key bytes at rest).
export { bytesToBase64, bytesToHex, decryptJson, unwrapCaseKey } from '../../../src/storage/crypto';

export async function exportKeyForTest(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('raw', key));
}
