// Owns the CMS SignedData of a PAdES baseline B signature (ETSI EN 319 142-1), built with pkijs on
// WebCrypto: detached, SHA-256, signed attributes content-type, message-digest and ESS
// signing-certificate-v2. The claimed signing time goes in the signature dictionary's /M, not in
// a signing-time attribute, as PAdES requires.
import * as asn1js from 'asn1js';
import {
  Attribute,
  ContentInfo,
  EncapsulatedContentInfo,
  GeneralName,
  GeneralNames,
  IssuerAndSerialNumber,
  IssuerSerial,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';
import { parseCertificate, toBytes, type EstablishmentSigner } from './certificate';

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/** DER orders a SET OF by its members' encodings: signers sign that order, verifiers re-encode it. */
function derSorted(attributes: Attribute[]): Attribute[] {
  const enc = (a: Attribute) => new Uint8Array(a.toSchema().toBER(false));
  return [...attributes].sort((x, y) => {
    const a = enc(x);
    const b = enc(y);
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = (a[i] ?? 0) - (b[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (RFC 5035); SHA-256 is the default hash, so it is omitted. */
function signingCertificateV2(certHash: Uint8Array, cert: ReturnType<typeof parseCertificate>): asn1js.Sequence {
  const issuerSerial = new IssuerSerial({
    issuer: new GeneralNames({ names: [new GeneralName({ type: 4, value: cert.issuer })] }),
    serialNumber: cert.serialNumber,
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toBytes(certHash) }), issuerSerial.toSchema()],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** The DER CMS (ContentInfo of SignedData) over `digest`, the SHA-256 of the PDF's signed byte ranges. */
export async function buildCms(signer: EstablishmentSigner, digest: Uint8Array): Promise<Uint8Array> {
  const cert = parseCertificate(signer.certificateDer);
  const certHash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', toBytes(signer.certificateDer)));
  const attributes = derSorted([
    new Attribute({ type: OIDS.contentType, values: [new asn1js.ObjectIdentifier({ value: OIDS.data })] }),
    new Attribute({ type: OIDS.messageDigest, values: [new asn1js.OctetString({ valueHex: toBytes(digest) })] }),
    new Attribute({ type: OIDS.signingCertificateV2, values: [signingCertificateV2(certHash, cert)] }),
  ]);
  const signedData = new SignedData({
    version: 1,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OIDS.data }),
    signerInfos: [
      new SignerInfo({
        version: 1,
        sid: new IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [cert],
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256');
  const contentInfo = new ContentInfo({ contentType: OIDS.signedData, content: signedData.toSchema(true) });
  return toBytes(contentInfo.toSchema().toBER(false));
}
