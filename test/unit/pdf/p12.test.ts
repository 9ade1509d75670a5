// A local authority's .p12 certificate instead of the establishment's own: imported with pkijs on
// WebCrypto, it signs records that pdfsig and our verifier accept (RSA and ECDSA P-256).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDocumentModel,
  exportSigner,
  importP12,
  importSigner,
  P12Error,
  renderPdf,
  signPdf,
  verifyPdf,
  type DocumentModel,
} from '../../../src/pdf';
import { resetBuilders } from '../../builders/events';
import { referralFlow } from '../../builders/flows';
import { inputFor } from './cases';
import { TempDir, pdfsig } from './tools';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const PASSWORD = 'correct horse';
const dir = new TempDir();
let model: DocumentModel;
let unsigned: Uint8Array;

beforeAll(async () => {
  resetBuilders();
  model = await buildDocumentModel(inputFor(referralFlow(), 'set by the local authority'));
  unsigned = await renderPdf(model);
});
afterAll(() => dir.remove());

describe("a local authority's .p12", () => {
  it.each([
    ['la-aes.p12', 'CN=Wolverhampton Local Authority Test Signing, O=Test LA'],
    ['la-ec.p12', 'CN=Test LA ECDSA signing'],
  ])('%s imports and signs a record pdfsig and our verifier accept', async (file, subject) => {
    const signer = await importP12(fixture(file), PASSWORD);
    expect(signer.subject).toBe(subject);
    const signed = await signPdf(unsigned, signer);
    const out = pdfsig(dir.write(`${file}.pdf`, signed));
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Total document signed');
    const r = await verifyPdf(signed, {
      expectedFingerprint: signer.fingerprint,
      knownRecordHashes: [model.meta.recordHash],
    });
    expect(r).toMatchObject({ valid: true, pades: true, matchesEstablishment: true, recordHashKnown: true });
    // Storage keeps it like the establishment's own key.
    const back = await importSigner(await exportSigner(signer));
    expect(back.fingerprint).toBe(signer.fingerprint);
  });

  it('refuses a wrong password with a plain sentence', async () => {
    await expect(importP12(fixture('la-aes.p12'), 'wrong')).rejects.toThrow(P12Error);
    await expect(importP12(fixture('la-aes.p12'), 'wrong')).rejects.toThrow(/password is wrong/);
  });

  it('explains that an old-style (RC2 / triple DES) file must be exported again', async () => {
    await expect(importP12(fixture('la-legacy.p12'), PASSWORD)).rejects.toThrow(/old encryption/);
  });

  it('says a file that is not a .p12 is not one', async () => {
    await expect(importP12(new TextEncoder().encode('not a certificate'), PASSWORD)).rejects.toThrow(P12Error);
  });
});
