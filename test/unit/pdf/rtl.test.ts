// Hebrew and Arabic names in the signed record: drawn (never □), shaped, right to left, and found
// again by pdftotext. The names replace two pupils' names throughout the full test case.
//
// What pdftotext (poppler 22) gives: each right-to-left run put back into logical order, wrapped
// in U+202B ... U+202C (RLE ... PDF), and the Arabic as its base letters (the ToUnicode map reads
// each joining form as its letter, lam-alef as two). So "Parents and carers of מרים כהן" comes
// out as "Parents and carers of \u202Bמרים כהן\u202C". Where a line mixes the two directions, poppler
// may order the runs differently from the page; each name is still whole. Finding the names in
// logical order also shows they were drawn in visual order: drawn as typed, pdftotext would give
// them reversed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDocumentModel,
  createEstablishmentSigner,
  findUndrawableText,
  renderSignedPdf,
  type DocumentModel,
} from '../../../src/pdf';
import type { CaseEvent } from '../../../src/domain/events';
import { NAMES, fullCase, inputFor } from './cases';
import { MARGIN, PAGE } from '../../../src/pdf/render/layout';
import { TempDir, layoutFaults, pdfText, pdfsig, run, wordBoxes } from './tools';

export const HEBREW = 'מרים כהן';
export const ARABIC = 'مريم أحمد';

const dir = new TempDir();
let model: DocumentModel;
let file: string;
let text: string;

beforeAll(async () => {
  const signer = await createEstablishmentSigner('Al-Noor Academy');
  const json = JSON.stringify(fullCase().events)
    .replaceAll(NAMES.zofia, HEBREW)
    .replaceAll(NAMES.tomas, `${ARABIC} Zoë`);
  const events = JSON.parse(json) as CaseEvent[];
  // A typed signature too long for its box: the rest is wrapped again below it.
  const signoff = events.find((e) => e.type === 'signoff.signed');
  if (signoff?.type !== 'signoff.signed') throw new Error('flow changed');
  signoff.signature = { kind: 'typed', name: `${HEBREW} ${'בן '.repeat(30)}${ARABIC}` };
  model = await buildDocumentModel(inputFor(events, signer.fingerprint, { recipient: `${HEBREW}, MASH` }));
  file = dir.write('rtl.pdf', await renderSignedPdf(model, signer));
  text = pdfText(file);
});
afterAll(() => dir.remove());

describe('a record with Hebrew and Arabic names', () => {
  it('has nothing to warn about before signing', () => {
    expect(findUndrawableText(model)).toEqual([]);
  });

  it('keeps every line inside the margins (widths are measured on the shaped text)', () => {
    expect(layoutFaults(wordBoxes(file), MARGIN.left, PAGE.width - MARGIN.right)).toEqual([]);
  });

  it('is signed and valid', () => {
    expect(pdfsig(file)).toContain('Signature is Valid');
    expect(run('qpdf', ['--check', file]).status).toBe(0);
  });

  it('draws no □, and pdftotext finds both names in logical order, as their letters (not joining forms)', () => {
    expect(text).not.toContain('□');
    const plain = text.replace(/[\u202a-\u202e]/g, '');
    expect(plain).toContain(HEBREW);
    expect(plain).toContain(ARABIC);
    expect(plain).toContain(`Parents and carers of ${HEBREW}`);
    expect(plain).not.toMatch(/[\ufe70-\ufeff]/);
    // Reversed would mean drawn in logical order, left to right.
    expect(plain).not.toContain([...HEBREW].reverse().join(''));
    expect(plain).not.toContain([...ARABIC].reverse().join(''));
  });
});
