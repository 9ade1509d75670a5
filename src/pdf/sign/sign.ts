// Owns putting the signature into the PDF: an invisible /Sig field whose signature dictionary has
// a /ByteRange placeholder and a /Contents placeholder (zeros), saved without object streams; then
// the byte range is written in, the rest of the file is hashed, signed, and the CMS hex written
// into /Contents. The ByteRange covers the whole file but the /Contents hex ("total document signed").
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDict } from 'pdf-lib';
import { buildCms } from './cms';
import type { EstablishmentSigner } from './certificate';
import { toBytes } from './certificate';

/** Room for the DER CMS: an RSA-2048 signature with its certificate is about 1.7 KB. */
export const SIGNATURE_CAPACITY_BYTES = 16_384;
const BYTE_RANGE_PLACEHOLDER = '**********';

export interface SignOptions {
  /** The claimed signing time (/M): this device's clock unless given. There is no trusted timestamp. */
  signingTime?: Date;
  reason?: string;
  location?: string;
  /** Shown by readers as the signer's name; defaults to the certificate subject. */
  name?: string;
}

function textString(s: string): PDFString | PDFHexString {
  // Plain printable ASCII without parentheses or backslashes can be a literal; anything else goes as UTF-16.
  return /^[\x20-\x27\x2a-\x5b\x5d-\x7e]*$/.test(s) ? PDFString.of(s) : PDFHexString.fromText(s);
}

function addSignatureField(doc: PDFDocument, signer: EstablishmentSigner, options: SignOptions): void {
  const ctx = doc.context;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  const sig = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(SIGNATURE_CAPACITY_BYTES * 2)),
    M: PDFString.fromDate(options.signingTime ?? new Date()),
    Name: textString(options.name ?? signer.subject),
    Reason: textString(options.reason ?? 'Case record signed by the establishment at export'),
    ...(options.location ? { Location: textString(options.location) } : {}),
  });
  const sigRef = ctx.register(sig);
  const page = doc.getPage(0);
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: sigRef,
    T: PDFString.of('Establishment signature'),
    F: 132, // print + locked
    P: page.ref,
  });
  const widgetRef = ctx.register(widget);
  page.node.addAnnot(widgetRef);
  const acroForm = ctx.obj({ SigFlags: 3, Fields: [widgetRef] });
  doc.catalog.set(PDFName.of('AcroForm'), ctx.register(acroForm as PDFDict));
}

const ascii = (s: string) => new TextEncoder().encode(s);

function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  outer: for (
    let i = hay.indexOf(first!, from);
    i !== -1 && i <= hay.length - needle.length;
    i = hay.indexOf(first!, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Fills the placeholders of a saved PDF and signs it. */
async function signSaved(pdf: Uint8Array, signer: EstablishmentSigner): Promise<Uint8Array> {
  const out = toBytes(pdf);
  const rangeText = `[ 0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} ]`;
  const rangeAt = indexOf(out, ascii(rangeText));
  const zeros = `<${'0'.repeat(SIGNATURE_CAPACITY_BYTES * 2)}>`;
  const contentsAt = indexOf(out, ascii(zeros));
  if (rangeAt < 0 || contentsAt < 0) throw new Error('The signature placeholder was not found in the saved PDF.');
  const start = contentsAt;
  const end = contentsAt + zeros.length;
  const range = [0, start, end, out.length - end];
  const filled = `[ ${range.join(' ')}`;
  if (filled.length + 2 > rangeText.length) throw new Error('The PDF is too large for its signature byte range.');
  out.set(ascii(`${filled.padEnd(rangeText.length - 1, ' ')}]`), rangeAt);

  const signed = new Uint8Array(start + (out.length - end));
  signed.set(out.subarray(0, start), 0);
  signed.set(out.subarray(end), start);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', signed));
  const cms = await buildCms(signer, digest);
  const hex = Array.from(cms, (b) => b.toString(16).padStart(2, '0')).join('');
  if (hex.length > SIGNATURE_CAPACITY_BYTES * 2)
    throw new Error('The signature is larger than the room left for it in the PDF.');
  out.set(ascii(hex), start + 1);
  return out;
}

/** Adds the signature field to a document built in memory, saves and signs it. */
export async function signPdfDocument(
  doc: PDFDocument,
  signer: EstablishmentSigner,
  options: SignOptions = {},
): Promise<Uint8Array> {
  addSignatureField(doc, signer, options);
  const saved = await doc.save({ useObjectStreams: false });
  return signSaved(saved, signer);
}

/** Signs an unsigned PDF (e.g. renderPdf's output). */
export async function signPdf(
  pdf: Uint8Array,
  signer: EstablishmentSigner,
  options: SignOptions = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return signPdfDocument(doc, signer, options);
}
