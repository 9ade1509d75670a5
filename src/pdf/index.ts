// The signed PDF case record and its verifier: case -> document model (pure), pdf-lib renderer,
// PAdES signing on WebCrypto, and the verifier. Import it dynamically (`await import('./')`) so
// pdf-lib, fontkit and pkijs load only when a record is exported or checked.
import { buildPdfDocument, type RenderOptions } from './render/render';
import { signPdfDocument, type SignOptions } from './sign/sign';
import type { EstablishmentSigner } from './sign/certificate';
import type { DocumentModel } from './model/types';

export { buildDocumentModel, DOCUMENT_TITLE, NO_TRUSTED_TIMESTAMP } from './model/build';
export type {
  Block,
  DocumentInput,
  DocumentMeta,
  DocumentModel,
  FieldRow,
  Section,
  UndrawableText,
} from './model/types';
export { recordHash } from './recordHash';
export { REDACTED, REDACTABLE_FIELDS, redactEvents, type RedactableField, type Redactions } from './redaction';
export { findUndrawableText } from './text/check';
export { UNDRAWABLE_MARKER } from './text/drawable';
export { renderPdf, type RenderOptions } from './render/render';
export { loadFonts, type FontBytes } from './render/fonts';
export { signPdf, SIGNATURE_CAPACITY_BYTES, type SignOptions } from './sign/sign';
export {
  certificateFingerprint,
  createEstablishmentSigner,
  exportSigner,
  importSigner,
  type CreateSignerOptions,
  type EstablishmentSigner,
  type ExportedSigner,
} from './sign/certificate';
export { importP12, P12Error } from './sign/p12';
export { verifyPdf, type SignerReport, type VerifyOptions, type VerifyResult } from './verify/verify';
export { INFO_KEYS } from './infoKeys';
export { buildReportDocumentModel, reportHash, REPORT_TITLE, type ReportDocumentInput } from './report';

/** Renders the model and signs it in one pass: the PDF to save or share. */
export async function renderSignedPdf(
  model: DocumentModel,
  signer: EstablishmentSigner,
  options: RenderOptions & SignOptions = {},
): Promise<Uint8Array> {
  const doc = await buildPdfDocument(model, options);
  return signPdfDocument(doc, signer, options);
}
