// Owns importing a local authority's PKCS#12 (.p12/.pfx) file: its password MAC is checked, its
// key and certificate decrypted with pkijs on WebCrypto. WebCrypto has PBKDF2 and AES-CBC (the
// PBES2 encryption OpenSSL 3 and current Windows write) but not RC2 or triple DES, so an old-style
// file is refused with a sentence saying how to re-export it.
import * as asn1js from 'asn1js';
import { CertBag, Certificate, PFX, PKCS8ShroudedKeyBag, PrivateKeyInfo, type SafeBag } from 'pkijs';
import {
  parseCertificate,
  signerFromParts,
  signingAlgorithmOf,
  toBytes,
  type EstablishmentSigner,
} from './certificate';

const BAGS = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
} as const;

/** A refused .p12 file. `field` is what the user should change: the password, or the file itself. */
export class P12Error extends Error {
  override name = 'P12Error';
  constructor(
    message: string,
    readonly field: 'password' | 'file' = 'file',
  ) {
    super(message);
  }
}

/** pkijs says only in words why it failed; this is the one place that reads them. */
function explain(e: unknown): P12Error {
  const m = e instanceof Error ? e.message : String(e);
  if (/integrity/i.test(m)) return new P12Error('The password is wrong, or the file is damaged.', 'password');
  if (/algorithm|not supported|unsupported|unknown/i.test(m)) {
    return new P12Error(
      'This file uses old encryption (RC2 or triple DES) that browsers cannot decrypt. Ask for it again with AES encryption (for example `openssl pkcs12 -export` without `-legacy`).',
    );
  }
  return new P12Error(`The file could not be read as a .p12 certificate (${m}).`);
}

/** The key and certificate from a .p12 file, as a signer whose key storage can export and encrypt. */
export async function importP12(bytes: Uint8Array, password: string): Promise<EstablishmentSigner> {
  // PBES2 takes the password as UTF-8; pkijs turns it into the BMP string the PKCS#12 MAC wants.
  const pw = toBytes(new TextEncoder().encode(password)).buffer;
  let keyInfo: PrivateKeyInfo | null = null;
  const certs: Certificate[] = [];
  try {
    const asn = asn1js.fromBER(toBytes(bytes));
    if (asn.offset === -1) throw new P12Error('This file is not a .p12 certificate.');
    const pfx = new PFX({ schema: asn.result });
    await pfx.parseInternalValues({ password: pw, checkIntegrity: true });
    const safe = pfx.parsedValue?.authenticatedSafe;
    if (!safe) throw new P12Error('The .p12 file holds nothing.');
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: pw })) });
    const contents = (safe.parsedValue?.safeContents ?? []) as { value: { safeBags: SafeBag[] } }[];
    for (const sc of contents) {
      for (const bag of sc.value.safeBags) {
        if (bag.bagId === BAGS.shroudedKey) {
          // parseInternalValues is public in pkijs's JavaScript but typed protected.
          const shrouded = bag.bagValue as PKCS8ShroudedKeyBag & {
            parseInternalValues(p: { password: ArrayBuffer }): Promise<void>;
          };
          await shrouded.parseInternalValues({ password: pw });
          keyInfo ??= shrouded.parsedValue ?? null;
        } else if (bag.bagId === BAGS.key) {
          keyInfo ??= bag.bagValue as PrivateKeyInfo;
        } else if (bag.bagId === BAGS.cert) {
          const parsed = (bag.bagValue as CertBag).parsedValue;
          if (parsed instanceof Certificate) certs.push(parsed);
        }
      }
    }
  } catch (e) {
    throw e instanceof P12Error ? e : explain(e);
  }
  if (!keyInfo) throw new P12Error('The .p12 file holds no private key.');
  if (certs.length === 0) throw new P12Error('The .p12 file holds no certificate.');
  const pkcs8 = toBytes(keyInfo.toSchema().toBER(false));
  // The signing certificate is the one whose key is this one; try each (a chain may come with it).
  for (const cert of certs) {
    const der = toBytes(cert.toSchema(true).toBER(false));
    try {
      const algorithm = signingAlgorithmOf(parseCertificate(der));
      const privateKey = await globalThis.crypto.subtle.importKey('pkcs8', pkcs8, algorithm, true, ['sign']);
      return await signerFromParts(der, privateKey);
    } catch {
      // not this certificate
    }
  }
  throw new P12Error(
    'None of the certificates in the .p12 file belongs to its private key, or the key type is not RSA or ECDSA P-256.',
  );
}
