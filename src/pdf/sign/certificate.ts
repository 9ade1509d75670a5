// Owns the establishment's signing identity: a WebCrypto key pair and a self-signed X.509
// certificate made with pkijs, its export/import for storage (which keeps the private key
// encrypted at rest), and the SHA-256 fingerprint recipients check by phone.
import * as asn1js from 'asn1js';
import { AttributeTypeAndValue, BasicConstraints, Certificate, Extension } from 'pkijs';
import { base64ToBytes, bytesToBase64, bytesToHex, type Bytes } from '../../codec/encoding';
import { subtle } from '../../codec/digest';

/** A key that can sign, with the certificate that names it. */
export interface EstablishmentSigner {
  certificateDer: Uint8Array;
  privateKey: CryptoKey;
  /** SHA-256 of the certificate, colon pairs (AB:CD:...). */
  fingerprint: string;
  /** The certificate's subject, e.g. "CN=Example Academy". */
  subject: string;
}

/** What storage keeps (the private key encrypted like every other record). */
export interface ExportedSigner {
  certificateDer: string; // base64
  privateKeyPkcs8: string; // base64
}

// RSA 2048 with PKCS#1 v1.5 and SHA-256: what pdfsig (NSS) and Adobe Reader check everywhere;
// WebCrypto generates it natively (pure-JS generation took seconds, STACK.md).
export const RSA_SIGNING: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

const OID = {
  commonName: '2.5.4.3',
  organizationalUnit: '2.5.4.11',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

const CURVES: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

export function toBytes(buf: ArrayBuffer | ArrayBufferView): Bytes {
  const view =
    buf instanceof ArrayBuffer ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const out = new Uint8Array(view.length);
  out.set(view);
  return out;
}

/** SHA-256 of the certificate's DER, upper-case hex in colon pairs, as readers show it. */
export async function certificateFingerprint(der: Uint8Array | string): Promise<string> {
  const bytes = typeof der === 'string' ? base64ToBytes(der) : toBytes(der);
  const hex = bytesToHex(new Uint8Array(await subtle().digest('SHA-256', bytes))).toUpperCase();
  return hex.match(/../g)!.join(':');
}

/** "CN=Example Academy, OU=..." from a certificate's Name. */
export function nameText(name: Certificate['subject']): string {
  const short: Record<string, string> = {
    '2.5.4.3': 'CN',
    '2.5.4.10': 'O',
    '2.5.4.11': 'OU',
    '2.5.4.6': 'C',
    '2.5.4.7': 'L',
    '2.5.4.8': 'ST',
    '1.2.840.113549.1.9.1': 'E',
  };
  return name.typesAndValues
    .map((tv) => {
      const v = tv.value.valueBlock as { value?: unknown };
      return `${short[tv.type] ?? tv.type}=${typeof v.value === 'string' ? v.value : '?'}`;
    })
    .join(', ');
}

export function parseCertificate(der: Uint8Array): Certificate {
  return Certificate.fromBER(toBytes(der));
}

/** The key's WebCrypto algorithm, read from the certificate (RSA keys sign with PKCS#1 v1.5, SHA-256). */
export function signingAlgorithmOf(cert: Certificate): RsaHashedImportParams | EcKeyImportParams {
  const alg = cert.subjectPublicKeyInfo.algorithm;
  if (alg.algorithmId === OID.rsaEncryption) return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  if (alg.algorithmId === OID.ecPublicKey) {
    const curveOid =
      alg.algorithmParams instanceof asn1js.ObjectIdentifier ? alg.algorithmParams.valueBlock.toString() : '';
    const namedCurve = CURVES[curveOid];
    if (namedCurve) return { name: 'ECDSA', namedCurve };
  }
  throw new Error('This certificate uses a key type the app cannot sign with: use an RSA or ECDSA P-256 certificate.');
}

/** The parameters WebCrypto's sign/verify take for this key's algorithm. */
export function signParams(algorithm: RsaHashedImportParams | EcKeyImportParams): AlgorithmIdentifier | EcdsaParams {
  return algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: algorithm.name };
}

/** Throws unless the private key makes signatures the certificate's public key accepts. */
async function assertKeyMatches(cert: Certificate, privateKey: CryptoKey): Promise<void> {
  const algorithm = signingAlgorithmOf(cert);
  const publicKey = await subtle().importKey(
    'spki',
    toBytes(cert.subjectPublicKeyInfo.toSchema().toBER(false)),
    algorithm,
    false,
    ['verify'],
  );
  const probe = new TextEncoder().encode('YPSI Response key check');
  const sig = await subtle().sign(signParams(algorithm), privateKey, probe);
  if (!(await subtle().verify(signParams(algorithm), publicKey, sig, probe))) {
    throw new Error('The private key does not belong to this certificate.');
  }
}

async function describe(certificateDer: Uint8Array, privateKey: CryptoKey): Promise<EstablishmentSigner> {
  const cert = parseCertificate(certificateDer);
  await assertKeyMatches(cert, privateKey);
  return {
    certificateDer: toBytes(certificateDer),
    privateKey,
    fingerprint: await certificateFingerprint(certificateDer),
    subject: nameText(cert.subject),
  };
}

export interface CreateSignerOptions {
  /** The clock to date the certificate from (default: now). */
  now?: Date;
  /** How long the certificate is valid (default 10 years: a record is kept until a child is 25). */
  validityYears?: number;
}

/**
 * A new RSA-2048 key pair (WebCrypto) and a self-signed certificate whose subject CN is the
 * establishment's name. The private key is extractable once, so storage can export and encrypt it.
 */
export async function createEstablishmentSigner(
  establishmentName: string,
  options: CreateSignerOptions = {},
): Promise<EstablishmentSigner> {
  const name = establishmentName.trim();
  if (!name) throw new Error("The establishment's name is needed for its certificate.");
  const keys = (await subtle().generateKey(RSA_SIGNING, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = options.now ?? new Date();
  const cert = new Certificate();
  cert.version = 2;
  const serial = globalThis.crypto.getRandomValues(new Uint8Array(16));
  serial[0] = (serial[0]! & 0x7f) | 0x40; // positive, and 16 bytes long
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  const rdn = [
    new AttributeTypeAndValue({ type: OID.commonName, value: new asn1js.Utf8String({ value: name.slice(0, 64) }) }),
    new AttributeTypeAndValue({
      type: OID.organizationalUnit,
      value: new asn1js.Utf8String({ value: 'YPSI Response case records' }),
    }),
  ];
  cert.subject.typesAndValues.push(...rdn);
  cert.issuer.typesAndValues.push(...rdn);
  // An hour's leeway either side for tablets whose clocks disagree.
  cert.notBefore.value = new Date(now.getTime() - 3_600_000);
  const until = new Date(now.getTime());
  until.setUTCFullYear(until.getUTCFullYear() + (options.validityYears ?? 10));
  cert.notAfter.value = until;

  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  const spkiHash = new Uint8Array(
    await subtle().digest('SHA-256', toBytes(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)),
  );
  const basic = new BasicConstraints({ cA: false });
  cert.extensions = [
    new Extension({
      extnID: OID.basicConstraints,
      critical: true,
      extnValue: basic.toSchema().toBER(false),
      parsedValue: basic,
    }),
    // digitalSignature and nonRepudiation (contentCommitment): the key signs documents, nothing else.
    new Extension({
      extnID: OID.keyUsage,
      critical: true,
      extnValue: new asn1js.BitString({ valueHex: new Uint8Array([0xc0]), unusedBits: 6 }).toBER(false),
    }),
    new Extension({
      extnID: OID.subjectKeyIdentifier,
      critical: false,
      extnValue: new asn1js.OctetString({ valueHex: spkiHash.slice(0, 20) }).toBER(false),
    }),
  ];
  await cert.sign(keys.privateKey, 'SHA-256');
  return describe(toBytes(cert.toSchema(true).toBER(false)), keys.privateKey);
}

/** Certificate and PKCS#8 private key as base64, for storage to encrypt. Needs an extractable key. */
export async function exportSigner(signer: EstablishmentSigner): Promise<ExportedSigner> {
  const pkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', signer.privateKey));
  return { certificateDer: bytesToBase64(signer.certificateDer), privateKeyPkcs8: bytesToBase64(pkcs8) };
}

/** The signer back from storage; the private key is not extractable again unless asked. */
export async function importSigner(
  exported: ExportedSigner,
  options: { extractable?: boolean } = {},
): Promise<EstablishmentSigner> {
  const der = base64ToBytes(exported.certificateDer);
  const algorithm = signingAlgorithmOf(parseCertificate(der));
  const privateKey = await subtle().importKey(
    'pkcs8',
    base64ToBytes(exported.privateKeyPkcs8),
    algorithm,
    options.extractable ?? false,
    ['sign'],
  );
  return describe(der, privateKey);
}

export { describe as signerFromParts };
