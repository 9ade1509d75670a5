// Owns checking a PDF record: is its signature valid, does it cover the whole file (bytes appended
// after signing are refused), which certificate signed it and is it this establishment's, and does
// its record hash match a case on this device. Never throws: every failure is a plain sentence.
import * as asn1js from 'asn1js';
import { ContentInfo, SignedData } from 'pkijs';
import { INFO_KEYS } from '../infoKeys';
import { certificateFingerprint, nameText, toBytes } from '../sign/certificate';
import { OIDS } from '../sign/cms';
import { contentsBetween, findSignatures, indexOfBytes, infoValues, isPdf, pdfDateToIso } from './scan';
import { HASHES, eq, attributeValue, verifySignatureValue, essNamesCertificate, findCertificate } from './signature';

export interface VerifyOptions {
  /**
   * This establishment's certificate fingerprints (SHA-256, colon pairs or plain hex): the pinned
   * one and any it replaced. A PDF signed by any other certificate is NOT valid, whatever name the
   * certificate carries (docs/SECURITY.md item 15).
   */
  expectedFingerprint?: string | readonly string[];
  /** The PDF must be this establishment's: with no fingerprint to compare with, it cannot be valid. */
  requireEstablishment?: boolean;
  /** Record hashes of the cases (and sharing copies) on this device. */
  knownRecordHashes?: readonly string[];
}

export interface SignerReport {
  subject: string;
  issuer: string;
  fingerprint: string;
  selfSigned: boolean;
  notBefore: string;
  notAfter: string;
}

export interface VerifyResult {
  /** The signature is intact, made by the certificate it carries, and covers the whole file. */
  valid: boolean;
  /** Why it is not valid, in plain English (empty when valid). */
  problems: string[];
  /** Things worth knowing that do not make it invalid. */
  notes: string[];
  totalDocumentSigned: boolean | null;
  digestMatches: boolean | null;
  signatureVerified: boolean | null;
  /** PAdES baseline B: ETSI.CAdES.detached with an ESS signing-certificate-v2 that names the signer's certificate. */
  pades: boolean | null;
  signer: SignerReport | null;
  /** Null when no expected fingerprint was given. */
  matchesEstablishment: boolean | null;
  /** The claimed signing time (/M), by the signing device's clock. */
  signingTime: string | null;
  recordHash: string | null;
  /** Null when no known hashes were given or the PDF carries none. */
  recordHashKnown: boolean | null;
  chainHead: string | null;
  /** The case reference the record carries, to find the case on this device. */
  caseReference: string | null;
  redacted: boolean | null;
}

const normalFingerprint = (f: string) => f.replace(/[^0-9a-fA-F]/g, '').toUpperCase();

function empty(): VerifyResult {
  return {
    valid: false,
    problems: [],
    notes: [],
    totalDocumentSigned: null,
    digestMatches: null,
    signatureVerified: null,
    pades: null,
    signer: null,
    matchesEstablishment: null,
    signingTime: null,
    recordHash: null,
    recordHashKnown: null,
    chainHead: null,
    caseReference: null,
    redacted: null,
  };
}

async function check(bytes: Uint8Array, options: VerifyOptions, r: VerifyResult): Promise<void> {
  if (bytes.length === 0) return void r.problems.push('The file is empty.');
  if (!isPdf(bytes)) return void r.problems.push('This file is not a PDF.');
  const sigs = findSignatures(bytes);
  const ends = indexOfBytes(bytes.subarray(Math.max(0, bytes.length - 1024)), '%%EOF') !== -1;
  if (sigs.length === 0) {
    return void r.problems.push(
      ends
        ? 'This PDF has no digital signature: it is not a signed record from this app.'
        : 'This PDF has no digital signature, and it does not end as a PDF should: it may have been cut short.',
    );
  }
  if (sigs.length > 1)
    r.problems.push('This PDF carries more than one signature; a record from this app carries exactly one.');
  const sig = sigs.at(-1)!;
  const br = sig.byteRange;
  if (!br)
    return void r.problems.push("The signature's byte range cannot be read: the file is damaged or was changed.");
  const [a, b, c, d] = br as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b)
    return void r.problems.push("The signature's byte range is not one this app writes: the file was changed.");
  if (c + d > bytes.length)
    return void r.problems.push(
      'The file is shorter than its signature says: it was cut short (truncated) after signing.',
    );
  r.totalDocumentSigned = c + d === bytes.length;
  if (!r.totalDocumentSigned)
    r.problems.push(
      `Not total document signed: ${bytes.length - (c + d)} bytes were added to the file after it was signed, and the signature does not cover them.`,
    );
  r.signingTime = pdfDateToIso(sig.m);
  if (sig.subFilter !== 'ETSI.CAdES.detached')
    r.notes.push(`The signature's SubFilter is ${sig.subFilter ?? 'missing'}, not ETSI.CAdES.detached (PAdES).`);

  const der = contentsBetween(bytes, b, c);
  if (!der || der.length === 0)
    return void r.problems.push('The signature value in the file cannot be read: the file is damaged or was changed.');
  const asn = asn1js.fromBER(toBytes(der));
  if (asn.offset === -1)
    return void r.problems.push(
      'The signature value is not a valid CMS signature: the file is damaged or was changed.',
    );
  const ci = new ContentInfo({ schema: asn.result });
  if (ci.contentType !== OIDS.signedData) return void r.problems.push('The signature is not a CMS SignedData.');
  const sd = new SignedData({ schema: ci.content });
  const si = sd.signerInfos[0];
  if (!si) return void r.problems.push('The signature names no signer.');
  if (sd.encapContentInfo.eContent)
    r.problems.push('The signature encloses content of its own instead of signing the PDF (not a detached signature).');
  const hash = HASHES[si.digestAlgorithm.algorithmId];
  if (!hash) return void r.problems.push('The signature uses a digest algorithm the app cannot check.');
  if (!si.signedAttrs)
    return void r.problems.push('The signature has no signed attributes; a PAdES signature must have them.');

  const cert = findCertificate(sd, si);
  if (!cert) return void r.problems.push("The signer's certificate is not in the signature.");
  const certDer = toBytes(cert.toSchema(true).toBER(false));
  r.signer = {
    subject: nameText(cert.subject),
    issuer: nameText(cert.issuer),
    fingerprint: await certificateFingerprint(certDer),
    selfSigned: cert.subject.isEqual(cert.issuer),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
  };

  const signedPart = new Uint8Array(b + d);
  signedPart.set(bytes.subarray(0, b), 0);
  signedPart.set(bytes.subarray(c, c + d), b);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest(hash, signedPart));
  const md = attributeValue(si, OIDS.messageDigest);
  r.digestMatches = md instanceof asn1js.OctetString && eq(md.valueBlock.valueHexView, digest);
  if (!r.digestMatches) r.problems.push('Digest mismatch: the document was changed after it was signed.');
  const ct = attributeValue(si, OIDS.contentType);
  if (!(ct instanceof asn1js.ObjectIdentifier) || ct.valueBlock.toString() !== OIDS.data)
    r.problems.push("The signature's content-type attribute is missing or wrong.");

  try {
    r.signatureVerified = await verifySignatureValue(cert, si, hash);
  } catch (e) {
    r.signatureVerified = false;
    r.problems.push(`The signature cannot be checked: ${e instanceof Error ? e.message : String(e)}.`);
  }
  if (r.signatureVerified === false && !r.problems.some((p) => p.startsWith('The signature cannot be checked'))) {
    r.problems.push(
      "The signature does not match the signer's certificate: it was not made with that certificate's key, or it was changed.",
    );
  }
  const ess = await essNamesCertificate(si, certDer);
  if (ess === false)
    r.problems.push(
      'The signature names a different certificate from the one it carries (ESS signing-certificate-v2).',
    );
  if (ess === null)
    r.notes.push('The signature has no ESS signing-certificate-v2 attribute, so it is not PAdES baseline B.');
  if (attributeValue(si, OIDS.signingTime) !== undefined)
    r.notes.push('The signature carries a signing-time attribute, which PAdES does not use.');
  r.pades = sig.subFilter === 'ETSI.CAdES.detached' && ess === true;
  if (r.signer.selfSigned)
    r.notes.push(
      "The certificate is self-signed: readers show the signer's identity as unknown. Check its fingerprint by phone with the sender.",
    );

  const expected = (
    typeof options.expectedFingerprint === 'string'
      ? [options.expectedFingerprint]
      : (options.expectedFingerprint ?? [])
  ).filter((f) => f.length > 0);
  if (expected.length > 0) {
    r.matchesEstablishment = expected.some((f) => normalFingerprint(f) === normalFingerprint(r.signer!.fingerprint));
    if (!r.matchesEstablishment) {
      r.problems.push(
        `Not signed by this establishment: it was signed with a certificate this establishment never set (fingerprint ${r.signer.fingerprint}), even if that certificate carries the same name.`,
      );
    }
  } else if (options.requireEstablishment) {
    r.problems.push(
      'Not signed by this establishment as far as this tablet can tell: this tablet has no PDF signing certificate of this establishment to compare with.',
    );
  }
  const hashes = infoValues(bytes, INFO_KEYS.recordHash).filter((h) => /^[0-9a-f]{64}$/i.test(h));
  if (hashes.length > 1) r.problems.push('The PDF carries more than one record hash.');
  r.recordHash = hashes[0]?.toLowerCase() ?? null;
  if (!r.recordHash) r.notes.push('The PDF carries no record hash: it was not made by this app.');
  r.chainHead = infoValues(bytes, INFO_KEYS.chainHead)[0] ?? null;
  r.caseReference = infoValues(bytes, INFO_KEYS.caseReference)[0] ?? null;
  const redacted = infoValues(bytes, INFO_KEYS.redacted)[0];
  r.redacted = redacted === 'yes' ? true : redacted === 'no' ? false : null;
}

/** Checks a PDF's signature and reports in plain English. Never throws. */
export async function verifyPdf(bytes: Uint8Array | ArrayBuffer, options: VerifyOptions = {}): Promise<VerifyResult> {
  const r = empty();
  try {
    const view = bytes instanceof Uint8Array ? bytes : bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : null;
    if (!view) {
      r.problems.push('No file was given.');
      return r;
    }
    await check(view, options, r);
  } catch (e) {
    r.problems.push(
      `The file could not be checked as a signed PDF: it is damaged or not a record from this app (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
  r.valid =
    r.problems.length === 0 &&
    r.totalDocumentSigned === true &&
    r.digestMatches === true &&
    r.signatureVerified === true;
  // The record is compared with the cases here only when its signature holds: content that is not
  // validly signed by this establishment is never said to be the case's.
  if (r.valid && r.recordHash && options.knownRecordHashes) {
    r.recordHashKnown = options.knownRecordHashes.some((h) => h.toLowerCase() === r.recordHash);
    if (!r.recordHashKnown)
      r.notes.push(
        'Its record hash is not that of any case on this device (the case may have changed since, or be from elsewhere).',
      );
  }
  return r;
}
