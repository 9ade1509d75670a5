// The signed PDF record checked by the tools a recipient has: qpdf, poppler's pdftoppm, pdftotext
// and pdfsig (docs/SECURITY.md item 9 and test 6). One establishment key for the whole file.
import { readFileSync } from 'node:fs';
import { PDFDocument, degrees, drawText, rgb, type PDFPage } from 'pdf-lib';
import { EmbeddedFont } from '../../../src/pdf/render/pdfFont';
import { FONT_COVERAGE } from '../../../src/pdf/text/coverage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDocumentModel,
  createEstablishmentSigner,
  renderSignedPdf,
  verifyPdf,
  type DocumentModel,
  type EstablishmentSigner,
} from '../../../src/pdf';
import { CHAIN_HEAD, LONG_NOTE_END, NAMES, fullCase, inputFor } from './cases';
import { MARGIN, PAGE } from '../../../src/pdf/render/layout';
import { TempDir, layoutFaults, pageCount, pdfText, pdfsig, run, wordBoxes } from './tools';

const dir = new TempDir();
let signer: EstablishmentSigner;
let model: DocumentModel;
let pdf: Uint8Array;
let file: string;
let text: string;
let pages: number;

beforeAll(async () => {
  signer = await createEstablishmentSigner('Świętokrzyska Academy');
  model = await buildDocumentModel(inputFor(fullCase().events, signer.fingerprint));
  pdf = await renderSignedPdf(model, signer);
  file = dir.write('record.pdf', pdf);
  text = pdfText(file);
  pages = pageCount(file);
});
afterAll(() => dir.remove());

/** pdftotext keeps a wrapped line's words apart; compare with whitespace collapsed. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('the signed record', () => {
  it('passes qpdf --check', () => {
    const r = run('qpdf', ['--check', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
  });

  it('renders every page with pdftoppm', () => {
    expect(pages).toBeGreaterThan(5);
    const r = run('pdftoppm', ['-r', '20', '-png', file, `${dir.path}/page`]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(dir.files('page')).toHaveLength(pages);
  });

  it('numbers its pages "Page n of N" and prints the record hash and chain head on every page', () => {
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    const perPage = text.split('\f').filter((p) => p.trim());
    expect(perPage).toHaveLength(pages);
    for (const page of perPage) {
      expect(page).toContain(`Record hash (SHA-256): ${model.meta.recordHash}`);
      expect(page).toContain(`Event-chain head: ${CHAIN_HEAD}`);
    }
  });

  it('reads back the names in Polish, Czech, Greek and Cyrillic exactly', () => {
    for (const name of Object.values(NAMES)) expect(text).toContain(name);
    expect(text).toContain('Świętokrzyska Academy');
  });

  it('has the chronology, the decision with its rule ids, the referral reference and all of a 5,000-character note', () => {
    const t = flat(text);
    for (const entry of [
      '1. Case YPSI-2026-014 opened',
      '2. Disclosure recorded',
      '3. Amended: How far it spread (disclosure)',
      '5. Initial review decision: experimental',
      `${model.meta.eventCount}. Case closed`,
    ])
      expect(t).toContain(entry);
    expect(t).toContain('Amended in entry 3');
    expect(t).toContain('Typology decided experimental');
    for (const rule of ['R2.2 (Experimental incidents)', 'R8 (Further risk assessment)', 'R14.3'])
      expect(t).toContain(rule);
    expect(t).toContain('MASH/2026/0457');
    expect(t).toContain(LONG_NOTE_END);
    expect(t).toContain('a1b2c3d4e5'.repeat(6).slice(0, 40));
    expect(t).toContain("There is no trusted timestamp: the signing time is this device's clock.");
    expect(t).toContain(signer.fingerprint.slice(0, 47));
  });

  it('keeps every word inside the margins, and no word over another', () => {
    expect(layoutFaults(wordBoxes(file), MARGIN.left, PAGE.width - MARGIN.right)).toEqual([]);
  });

  it('contains no image: text and vector strokes only', () => {
    const raw = new TextDecoder('latin1').decode(pdf);
    expect(raw).not.toMatch(/\/Subtype\s*\/Image/);
    const r = run('pdfimages', ['-list', file]);
    expect(r.stdout.trim().split('\n')).toHaveLength(2); // the header lines only
  });

  it('keeps the record hash in its Info dictionary for the verifier', async () => {
    const v = await verifyPdf(pdf, {
      expectedFingerprint: signer.fingerprint,
      knownRecordHashes: [model.meta.recordHash],
    });
    expect(v).toMatchObject({
      valid: true,
      problems: [],
      pades: true,
      matchesEstablishment: true,
      recordHash: model.meta.recordHash,
      recordHashKnown: true,
      chainHead: CHAIN_HEAD,
      redacted: false,
    });
    expect(v.signer?.subject).toContain('CN=Świętokrzyska Academy');
  });

  it('is a valid PAdES signature over the whole document for pdfsig', () => {
    const out = pdfsig(file);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Total document signed');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out).toContain('SHA-256');
    expect(out).toMatch(/Certificate issuer is unknown|Certificate is Trusted/);
  });

  it('with one flipped byte in the signed range: pdfsig says Digest Mismatch and our verifier says invalid', async () => {
    const tampered = pdf.slice();
    const at = Math.floor(pdf.length * 0.25);
    tampered[at] = tampered[at]! ^ 0x01;
    const out = pdfsig(dir.write('flipped.pdf', tampered));
    expect(out).toContain('Digest Mismatch');
    const v = await verifyPdf(tampered);
    expect(v.valid).toBe(false);
    expect(v.digestMatches).toBe(false);
    expect(v.problems.join(' ')).toMatch(/Digest mismatch/);
  });

  it('with bytes appended after signing: our verifier says invalid, not total document signed', async () => {
    const appended = new Uint8Array([...pdf, ...new TextEncoder().encode('\n% appended after signing\n')]);
    expect(pdfsig(dir.write('appended.pdf', appended))).toContain('Not total document signed');
    const v = await verifyPdf(appended);
    expect(v.valid).toBe(false);
    expect(v.totalDocumentSigned).toBe(false);
    expect(v.digestMatches).toBe(true);
    expect(v.problems.join(' ')).toMatch(/Not total document signed/);
  });
});

describe('a redacted sharing copy', () => {
  let copy: DocumentModel;
  let copyPdf: Uint8Array;
  let copyText: string;
  beforeAll(async () => {
    const full = fullCase();
    copy = await buildDocumentModel(
      inputFor(full.events, signer.fingerprint, {
        redactions: { personIds: [full.ids.alena, full.ids.alexandros], fields: ['person.otherVulnerabilities'] },
        recipient: 'Year 11 pastoral lead, next school',
        purpose: 'Transfer of the record',
      }),
    );
    copyPdf = await renderSignedPdf(copy, signer);
    copyText = pdfText(dir.write('copy.pdf', copyPdf));
  });

  it('contains no redacted name, whole or in part', () => {
    for (const part of [...NAMES.alena.split(' '), ...NAMES.alexandros.split(' ')])
      expect(copyText).not.toContain(part);
    expect(copyText).not.toContain('Young carer');
    expect(copyText).toContain('[redacted]');
    expect(copyText).toContain(NAMES.zofia);
  });

  it('says it is a redacted copy on every page', () => {
    const perPage = copyText.split('\f').filter((p) => p.trim());
    for (const page of perPage) expect(page).toContain('REDACTED COPY');
  });

  it('is signed and verifies, with the redacted log hash', async () => {
    expect(pdfsig(dir.write('copy-check.pdf', copyPdf))).toContain('Signature is Valid');
    const v = await verifyPdf(copyPdf, {
      expectedFingerprint: signer.fingerprint,
      knownRecordHashes: [copy.meta.recordHash],
    });
    expect(v).toMatchObject({ valid: true, redacted: true, recordHash: copy.meta.recordHash, recordHashKnown: true });
    expect(copy.meta.recordHash).not.toBe(model.meta.recordHash);
  });
});

describe('a record with very long names and values', () => {
  it('wraps them all inside the page: header, footer, fields, signatures and words longer than a line', async () => {
    const { events } = fullCase();
    const signoff = events.find((e) => e.type === 'signoff.signed');
    if (signoff?.type !== 'signoff.signed') throw new Error('flow changed');
    signoff.signature = { kind: 'typed', name: `Helen ${'Okafor-'.repeat(30)}Smith` };
    const longHead = 'f'.repeat(200) + 'e'.repeat(200) + 'd'.repeat(200);
    const m = await buildDocumentModel(
      inputFor(events, signer.fingerprint, {
        establishment: { name: `The ${'Very '.repeat(80)}Long Name Academy Trust (${NAMES.zofia})`, type: 'Academy' },
        chainHead: longHead,
        recipient: 'x'.repeat(400),
      }),
    );
    const f = dir.write('long.pdf', await renderSignedPdf(m, signer));
    expect(run('qpdf', ['--check', f]).status).toBe(0);
    expect(layoutFaults(wordBoxes(f), MARGIN.left, PAGE.width - MARGIN.right)).toEqual([]);
    const t = pdfText(f).replace(/\s+/g, '');
    expect(t).toContain(longHead);
    expect(t).toContain('x'.repeat(400));
    expect(t).toContain(`Helen${'Okafor-'.repeat(30)}Smith`);
  });
});

describe('the embedded font subset', () => {
  it('draws every sample glyph exactly as the whole font does, and reads back as the same text', async () => {
    const sample =
      'Zażółć gęślą jaźń · Příliš žluťoučký kůň · Ξεσκεπάζω την ψυχοφθόρα · Съешь же ещё этих булок · Nguyễn Ørsted ß □';
    // Every Hebrew and Arabic glyph the fonts have, presentation forms included, 60 to a line.
    const rtl = FONT_COVERAGE.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i))
      .filter((cp) => (cp >= 0x0590 && cp <= 0x06ff) || (cp >= 0xfe70 && cp <= 0xfefc))
      .map((cp) => String.fromCodePoint(cp));
    expect(rtl.length).toBeGreaterThan(300);
    const rtlLines = Array.from({ length: Math.ceil(rtl.length / 60) }, (_, i) =>
      rtl.slice(i * 60, i * 60 + 60).join(' '),
    );
    const rasters: string[] = [];
    for (const subset of [true, false]) {
      const doc = await PDFDocument.create();
      for (const f of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
        const font = new EmbeddedFont(doc, readFileSync(new URL(`../../../src/pdf/fonts/${f}`, import.meta.url)), {
          subset,
        });
        const line = (page: PDFPage, t: string, y: number) =>
          page.pushOperators(
            ...drawText(font.encode(t), {
              color: rgb(0, 0, 0),
              font: font.keyOn(page),
              size: 12,
              rotate: degrees(0),
              xSkew: degrees(0),
              ySkew: degrees(0),
              x: 5,
              y,
            }),
          );
        line(doc.addPage([900, 40]), sample, 15);
        // On a page of their own: pdftotext reads a page of mostly right-to-left text in its own order.
        const rtlPage = doc.addPage([900, 20 + rtlLines.length * 18]);
        rtlLines.forEach((t, i) => line(rtlPage, t, 15 + (rtlLines.length - 1 - i) * 18));
        font.embed();
      }
      const p = dir.write(`font-${subset}.pdf`, await doc.save());
      expect(pdfText(p)).toContain(sample);
      run('pdftoppm', ['-r', '72', '-gray', p, `${dir.path}/font-${subset}`]);
      rasters.push(
        dir
          .files(`font-${subset}-`)
          .map((f) => readFileSync(`${dir.path}/${f}`).toString('base64'))
          .join('|'),
      );
    }
    expect(rasters[0]!.length).toBeGreaterThan(0);
    expect(rasters[0]).toBe(rasters[1]);
  });
});
