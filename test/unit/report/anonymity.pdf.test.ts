// Issue 7: the report as a signed PDF, rendered by the case record's renderer and fonts and signed
// with the establishment's certificate: pdfsig and the app's verifier accept it, and the text
// pdftotext extracts holds no name, date of birth or free text of the seeded cases.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolYearPeriod } from '../../../src/domain/report/period';
import {
  buildReportDocumentModel,
  createEstablishmentSigner,
  findUndrawableText,
  renderSignedPdf,
  verifyPdf,
  type EstablishmentSigner,
} from '../../../src/pdf';
import { KNOWN_CASES } from '../../builders/reportCases';
import { reportOf, secretsOf, text } from '../../builders/reportArbitraries';
import { TempDir, pageCount, pdfText, pdfsig, run } from '../pdf/tools';

let signer: EstablishmentSigner;
const dir = new TempDir();
beforeAll(async () => {
  signer = await createEstablishmentSigner('Hillside Academy');
});
afterAll(() => dir.remove());

const modelFor = (texts: Parameters<typeof reportOf>[1]) =>
  buildReportDocumentModel({
    report: reportOf(KNOWN_CASES, texts),
    establishment: { name: 'Hillside Academy', type: 'school' },
    certificateFingerprint: signer.fingerprint,
    generatedAt: '2026-09-10T10:00:00Z',
    generatedBy: { name: 'Dana Shah', role: 'dsl' },
    recipient: 'Governing board, annual safeguarding report',
  });

describe('the report as a signed PDF', () => {
  it('is signed by the establishment certificate, verifies in pdfsig and in the app, and says what it is', async () => {
    const m = await modelFor([
      { names: ['Zebedee Quillfeather'], free: 'Lighthouse-orchid-7731', dateOfBirth: '2011-04-17' },
    ]);
    expect(findUndrawableText(m)).toEqual([]);
    expect(m.meta.recordHash).toMatch(/^[0-9a-f]{64}$/);
    const bytes = await renderSignedPdf(m, signer, { reason: 'Report for a period', name: 'Dana Shah' });
    const file = dir.write('report.pdf', bytes);
    const sig = pdfsig(file);
    expect(sig).toMatch(/Signature is Valid/);
    expect(sig).toMatch(/Total document signed/);
    const verified = await verifyPdf(bytes, {
      expectedFingerprint: signer.fingerprint,
      knownRecordHashes: [m.meta.recordHash],
    });
    expect(verified).toMatchObject({
      valid: true,
      matchesEstablishment: true,
      recordHash: m.meta.recordHash,
      recordHashKnown: true,
      caseReference: 'Report 2025-09-01 to 2026-08-31',
    });
    const extracted = pdfText(file);
    for (const words of [
      'Safeguarding report',
      'School year 2025 to 2026',
      'Cases by typology',
      'fewer than 3',
      'not shown',
      '1 hour 15 minutes',
      `Report hash ${m.meta.recordHash}`,
    ])
      expect(extracted).toContain(words);
    expect(extracted).not.toMatch(/Zebedee|Quillfeather|Lighthouse|2011-04-17/);
    expect(pageCount(file)).toBeGreaterThanOrEqual(2);
    expect(run('pdfinfo', [file]).stdout).toMatch(
      /Title:\s+Safeguarding report: incidents of youth-produced sexual imagery, School year 2025 to 2026/,
    );
    // Text and vector bars only, as for the case record: no image.
    expect(run('pdfimages', ['-list', file]).stdout.trim().split('\n').length).toBe(2);
  });

  it('property: random names, dates of birth and notes never reach the extracted text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 3, maxLength: KNOWN_CASES.length }), async (texts) => {
        const m = await modelFor(texts);
        const bytes = await renderSignedPdf(m, signer, { reason: 'Report for a period', name: 'Dana Shah' });
        const extracted = pdfText(dir.write(`report-${Math.random().toString(36).slice(2)}.pdf`, bytes));
        expect(extracted).toContain(schoolYearPeriod(2025).label);
        expect(secretsOf(texts).filter((s) => extracted.includes(s))).toEqual([]);
      }),
      { numRuns: 6, seed: 77 },
    );
  });
});
