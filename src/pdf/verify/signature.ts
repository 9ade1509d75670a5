// Checking a CMS signature's value and certificate: the hash and signature algorithms a record may use, RSA and ECDSA, and the ESS certificate it names.
import * as asn1js from 'asn1js';
import { Certificate, SignedData, type SignerInfo } from 'pkijs';
import { toBytes } from '../sign/certificate';
import { OIDS } from '../sign/cms';

export const HASHES: Record<string, string> = {
  [OIDS.sha256]: 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

const RSA_SIG = new Set([
  '1.2.840.113549.1.1.1',
  '1.2.840.113549.1.1.11',
  '1.2.840.113549.1.1.12',
  '1.2.840.113549.1.1.13',
]);

const ECDSA_SIG = new Set(['1.2.840.10045.4.3.2', '1.2.840.10045.4.3.3', '1.2.840.10045.4.3.4', '1.2.840.10045.2.1']);

export const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export function attributeValue(si: SignerInfo, oid: string): unknown {
  return si.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
}

/** ECDSA signatures in CMS are DER SEQUENCE { r, s }; WebCrypto wants r || s, each padded to the curve size. */
function ecdsaRaw(der: Uint8Array, size: number): Uint8Array | null {
  const parsed = asn1js.fromBER(toBytes(der));
  const seq = parsed.result as asn1js.Sequence;
  if (parsed.offset === -1 || !(seq instanceof asn1js.Sequence) || seq.valueBlock.value.length !== 2) return null;
  const out = new Uint8Array(size * 2);
  seq.valueBlock.value.forEach((v, i) => {
    let n = (v as asn1js.Integer).valueBlock.valueHexView;
    while (n.length > size && n[0] === 0) n = n.subarray(1);
    out.set(n.subarray(Math.max(0, n.length - size)), i * size + Math.max(0, size - n.length));
  });
  return out;
}

export async function verifySignatureValue(cert: Certificate, si: SignerInfo, hash: string): Promise<boolean> {
  const encoded = si.signedAttrs!.encodedValue;
  const data = toBytes(encoded);
  data[0] = 0x31; // the signature is over the attributes as a SET, not as the [0] field
  const sigAlg = si.signatureAlgorithm.algorithmId;
  const spki = toBytes(cert.subjectPublicKeyInfo.toSchema().toBER(false));
  const signature = toBytes(si.signature.valueBlock.valueHexView);
  if (RSA_SIG.has(sigAlg)) {
    const key = await globalThis.crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash }, false, [
      'verify',
    ]);
    return globalThis.crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, data);
  }
  if (ECDSA_SIG.has(sigAlg)) {
    const curveOid = (
      cert.subjectPublicKeyInfo.algorithm.algorithmParams as asn1js.ObjectIdentifier | undefined
    )?.valueBlock?.toString();
    const curve = {
      '1.2.840.10045.3.1.7': ['P-256', 32],
      '1.3.132.0.34': ['P-384', 48],
      '1.3.132.0.35': ['P-521', 66],
    }[curveOid ?? ''] as [string, number] | undefined;
    if (!curve) throw new Error('unsupported curve');
    const raw = ecdsaRaw(signature, curve[1]);
    if (!raw) return false;
    const key = await globalThis.crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: curve[0] }, false, [
      'verify',
    ]);
    return globalThis.crypto.subtle.verify({ name: 'ECDSA', hash }, key, toBytes(raw), data);
  }
  throw new Error(`unsupported signature algorithm ${sigAlg}`);
}

/** Does the ESS signing-certificate-v2 attribute name this certificate? null when absent. */
export async function essNamesCertificate(si: SignerInfo, certDer: Uint8Array): Promise<boolean | null> {
  const v = attributeValue(si, OIDS.signingCertificateV2);
  if (!(v instanceof asn1js.Sequence)) return null;
  const certs = v.valueBlock.value[0];
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return false;
  const items = first.valueBlock.value;
  let hash = 'SHA-256';
  let at = 0;
  if (items[0] instanceof asn1js.Sequence) {
    const oid = (items[0].valueBlock.value[0] as asn1js.ObjectIdentifier | undefined)?.valueBlock?.toString() ?? '';
    hash = HASHES[oid] ?? '';
    at = 1;
  }
  const certHash = items[at];
  if (!hash || !(certHash instanceof asn1js.OctetString)) return false;
  const actual = new Uint8Array(await globalThis.crypto.subtle.digest(hash, toBytes(certDer)));
  return eq(actual, certHash.valueBlock.valueHexView);
}

export function findCertificate(sd: SignedData, si: SignerInfo): Certificate | null {
  const certs = (sd.certificates ?? []).filter((c): c is Certificate => c instanceof Certificate);
  const sid = si.sid as { serialNumber?: asn1js.Integer; issuer?: Certificate['issuer'] };
  const match = certs.find(
    (c) => sid.serialNumber && sid.issuer && c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer),
  );
  return match ?? (certs.length === 1 ? certs[0]! : null);
}
