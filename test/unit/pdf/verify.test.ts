// The app's verifier: plain-English answers for any file, never an exception; and the
// establishment's certificate made, exported, imported and recognised. One key for the file.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDocumentModel,
  certificateFingerprint,
  createEstablishmentSigner,
  exportSigner,
  importP12,
  importSigner,
  renderPdf,
  renderSignedPdf,
  signPdf,
  verifyPdf,
  type DocumentModel,
  type EstablishmentSigner,
} from '../../../src/pdf';
import { resetBuilders } from '../../builders/events';
import { experimentalFlow } from '../../builders/flows';
import { inputFor } from './cases';
import { TempDir, pdfsig } from './tools';

let signer: EstablishmentSigner;
let model: DocumentModel;
let signed: Uint8Array;

beforeAll(async () => {
  signer = await createEstablishmentSigner('Greenfield Primary School');
  resetBuilders();
  model = await buildDocumentModel(inputFor(experimentalFlow(), signer.fingerprint));
  signed = await renderSignedPdf(model, signer);
});

const problemsOf = async (bytes: Uint8Array) => {
  const r = await verifyPdf(bytes);
  expect(r.valid).toBe(false);
  expect(r.problems.length).toBeGreaterThan(0);
  for (const p of r.problems) expect(p).toMatch(/^[A-Z].*[.)]$/);
  return r.problems.join(' ');
};

describe('verifying a file that is not a good signed record', () => {
  it('says so for random bytes, an empty file and text that is not a PDF', async () => {
    const random = globalThis.crypto.getRandomValues(new Uint8Array(65_536));
    expect(await problemsOf(random)).toMatch(/not a PDF/);
    expect(await problemsOf(new Uint8Array())).toMatch(/empty/);
    expect(await problemsOf(new TextEncoder().encode('Dear colleague, please find the record attached.'))).toMatch(
      /not a PDF/,
    );
  });

  it('says so for 1 MB of garbage that starts like a PDF', async () => {
    const garbage = new Uint8Array(1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    garbage.set(new TextEncoder().encode('%PDF-1.7\n/ByteRange [0 10 20 30] /ByteRange [ nonsense'), 0);
    expect(await problemsOf(garbage)).toMatch(/byte range|shorter|more than one/i);
  });

  it('says a PDF without a signature has none', async () => {
    expect(await problemsOf(await renderPdf(model))).toMatch(/no digital signature/);
  });

  it('says a truncated record was cut short', async () => {
    expect(await problemsOf(signed.slice(0, signed.length - 200))).toMatch(/cut short/);
    expect(await problemsOf(signed.slice(0, Math.floor(signed.length / 2)))).toMatch(/cut short|cannot be read/);
  });

  it('says a record whose signature value was damaged is invalid', async () => {
    const r = await verifyPdf(signed);
    expect(r.valid).toBe(true);
    const text = new TextDecoder('latin1').decode(signed);
    const contents = text.indexOf('/Contents <') + '/Contents <'.length;
    const damaged = signed.slice();
    damaged[contents + 600] = damaged[contents + 600] === 0x30 ? 0x31 : 0x30;
    expect(await problemsOf(damaged)).toMatch(/signature|CMS|damaged/);
  });

  it('never throws, whatever is changed in a signed record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        async (edits) => {
          const bytes = signed.slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const r = await verifyPdf(bytes);
          // Valid exactly when nothing is wrong: an invalid result always says why.
          expect(r.valid).toBe(r.problems.length === 0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('accepts an ArrayBuffer as well as bytes', async () => {
    expect((await verifyPdf(signed.slice().buffer)).valid).toBe(true);
  });
});

describe("the establishment's certificate", () => {
  it('is self-signed, names the establishment, and its fingerprint is the SHA-256 of the certificate in colon pairs', async () => {
    expect(signer.subject).toBe('CN=Greenfield Primary School, OU=YPSI Response case records');
    expect(signer.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(await certificateFingerprint(signer.certificateDer)).toBe(signer.fingerprint);
    const r = await verifyPdf(signed, { expectedFingerprint: signer.fingerprint });
    expect(r.signer).toMatchObject({ subject: signer.subject, fingerprint: signer.fingerprint, selfSigned: true });
    expect(r.matchesEstablishment).toBe(true);
  });

  it('exports for storage and imports again, signing records that still verify as this establishment', async () => {
    const exported = await exportSigner(signer);
    expect(exported.certificateDer).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(exported.privateKeyPkcs8).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await certificateFingerprint(exported.certificateDer)).toBe(signer.fingerprint);
    const back = await importSigner(exported);
    expect(back.privateKey.extractable).toBe(false);
    expect(back.fingerprint).toBe(signer.fingerprint);
    const again = await signPdf(await renderPdf(model), back, { signingTime: new Date('2026-03-10T16:00:00Z') });
    const r = await verifyPdf(again, {
      expectedFingerprint: signer.fingerprint,
      knownRecordHashes: [model.meta.recordHash],
    });
    expect(r).toMatchObject({
      valid: true,
      matchesEstablishment: true,
      recordHashKnown: true,
      signingTime: '2026-03-10T16:00:00.000Z',
    });
    const dir = new TempDir();
    expect(pdfsig(dir.write('again.pdf', again))).toContain('Signature is Valid');
    dir.remove();
  });

  it('refuses a private key that does not belong to the certificate', async () => {
    // The local authority's test key, not a second generated one: one RSA key generation per file.
    const other = await exportSigner(
      await importP12(readFileSync(new URL('./fixtures/la-aes.p12', import.meta.url)), 'correct horse'),
    );
    const mine = await exportSigner(signer);
    await expect(
      importSigner({ certificateDer: mine.certificateDer, privateKeyPkcs8: other.privateKeyPkcs8 }),
    ).rejects.toThrow(/does not belong/);
  });

  it('a record signed by a certificate this establishment never set is not valid: not signed by this establishment (issue 12 finding 4)', async () => {
    const r = await verifyPdf(signed, { expectedFingerprint: 'AA:BB', knownRecordHashes: [model.meta.recordHash] });
    expect(r.valid).toBe(false);
    expect(r.matchesEstablishment).toBe(false);
    expect(r.problems.join(' ')).toMatch(/^Not signed by this establishment/);
    // Content that is not validly signed is never compared with the case.
    expect(r.recordHashKnown).toBeNull();
  });

  it("with no certificate to compare with, a PDF the app requires to be this establishment's is not valid", async () => {
    const r = await verifyPdf(signed, { requireEstablishment: true });
    expect(r.valid).toBe(false);
    expect(r.problems.join(' ')).toMatch(/Not signed by this establishment as far as this tablet can tell/);
  });

  it("says when a valid record's hash is not that of any case here", async () => {
    const r = await verifyPdf(signed, { expectedFingerprint: signer.fingerprint, knownRecordHashes: ['0'.repeat(64)] });
    expect(r.valid).toBe(true);
    expect(r.recordHashKnown).toBe(false);
    expect(r.notes.join(' ')).toMatch(/not that of any case on this device/);
  });

  it('an edited record re-signed with a new self-signed certificate of the same name: not valid, not signed by this establishment, and nothing says it matches (issue 12 finding 4)', async () => {
    const forger = await createEstablishmentSigner('Greenfield Primary School');
    expect(forger.fingerprint).not.toBe(signer.fingerprint);
    const edited: DocumentModel = JSON.parse(JSON.stringify(model).replaceAll('Greenfield', 'Greenfeld'));
    // The forger prints the real record hash, to claim the PDF is the case's.
    edited.meta.recordHash = model.meta.recordHash;
    const forged = await renderSignedPdf(edited, forger);
    const previous = 'AB:'.repeat(31) + 'CD';
    const r = await verifyPdf(forged, {
      expectedFingerprint: [previous, signer.fingerprint],
      requireEstablishment: true,
      knownRecordHashes: [model.meta.recordHash],
    });
    expect(r.signatureVerified).toBe(true);
    expect(r.signer?.subject).toMatch(/Greenfield Primary School/);
    expect(r.valid).toBe(false);
    expect(r.matchesEstablishment).toBe(false);
    expect(r.problems[0]).toMatch(/^Not signed by this establishment/);
    expect(r.recordHashKnown).toBeNull();
    expect([...r.problems, ...r.notes].join(' ')).not.toMatch(/match/i);
    // The genuine record, checked the same way, is valid (a replaced certificate still counts).
    expect(
      await verifyPdf(signed, {
        expectedFingerprint: [previous, signer.fingerprint],
        requireEstablishment: true,
        knownRecordHashes: [model.meta.recordHash],
      }),
    ).toMatchObject({
      valid: true,
      matchesEstablishment: true,
      recordHashKnown: true,
    });
  });
});
