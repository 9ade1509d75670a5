// The PDF signing certificate travels in the encrypted backup (docs/BACKUP-FORMAT.md, keys.pdfSigner):
// a restored device signs with the same certificate, so PDFs signed before still read "signed by
// this establishment"; a backup made before the certificate was carried still restores.
import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEstablishmentSigner, exportSigner } from '../../../src/pdf';
import { exportBackup, importBackup } from '../../../src/storage/files/backup';
import { createCase, listSummaries } from '../../../src/storage/cases';
import { db, useDatabase } from '../../../src/storage/db';
import { ImportError } from '../../../src/storage/errors';
import { unlock } from '../../../src/storage/keys/keyring';
import { loadPdfSigner, pdfSignerInfo, savePdfSigner } from '../../../src/storage/keys/pdfSigner';
import { PASSPHRASES, rawDump, setUpDevice, type Device } from './harness';

const BACKUP_PASSPHRASE = 'Backup passphrase kept in the safe';

let device: Device;
let text: string;
let exported: { certificateDer: string; privateKeyPkcs8: string };
let fingerprint: string;
beforeAll(async () => {
  device = await setUpDevice('backup-signer-source');
  const signer = await createEstablishmentSigner('Hillside Academy');
  exported = await exportSigner(signer);
  fingerprint = signer.fingerprint;
  await savePdfSigner(device.session, { ...exported, fingerprint, subject: signer.subject, source: 'generated' });
  await createCase(device.session);
  text = (await exportBackup(device.session, BACKUP_PASSPHRASE)).text;
});

/** Opens the backup's payload with Node's crypto, lets `edit` change it, and seals it again (someone holding the passphrase). */
function rewritten(edit: (payload: { keys: Record<string, unknown> }) => void): string {
  const file = JSON.parse(text);
  const key = pbkdf2Sync(
    Buffer.from(BACKUP_PASSPHRASE, 'utf8'),
    Buffer.from(file.kdf.salt, 'base64'),
    file.kdf.iterations,
    32,
    'sha256',
  );
  const data = Buffer.from(file.ciphertext, 'base64');
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(file.cipher.iv, 'base64'));
  d.setAAD(Buffer.from(file.cipher.aad));
  d.setAuthTag(data.subarray(-16));
  const payload = JSON.parse(Buffer.concat([d.update(data.subarray(0, -16)), d.final()]).toString('utf8'));
  edit(payload);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(file.cipher.aad));
  const ct = Buffer.concat([c.update(Buffer.from(JSON.stringify(payload), 'utf8')), c.final(), c.getAuthTag()]);
  return JSON.stringify({
    ...file,
    cipher: { ...file.cipher, iv: iv.toString('base64') },
    ciphertext: ct.toString('base64'),
  });
}

let n = 0;
function emptyDevice(): string {
  const name = `backup-signer-target-${++n}`;
  useDatabase(name);
  return name;
}

describe('the PDF signing certificate in a backup', () => {
  it('comes back on the restored device: same fingerprint, same private key, still encrypted at rest', async () => {
    const name = emptyDevice();
    expect(await pdfSignerInfo()).toBeNull();
    await importBackup(text, BACKUP_PASSPHRASE);
    expect((await pdfSignerInfo())?.fingerprint).toBe(fingerprint);
    const s = await unlock(device.users.dsl, PASSPHRASES.dsl);
    expect((await loadPdfSigner(s))?.privateKeyPkcs8).toBe(exported.privateKeyPkcs8);
    expect((await loadPdfSigner(s))?.certificateDer).toBe(exported.certificateDer);
    const dump = await rawDump(name);
    expect(dump).not.toContain(exported.privateKeyPkcs8.slice(40, 80));
  });

  it('a backup made before the certificate was carried still restores (the device then makes a new one when it first signs)', async () => {
    emptyDevice();
    const old = rewritten((p) => {
      delete p.keys.pdfSigner;
    });
    const result = await importBackup(old, BACKUP_PASSPHRASE);
    expect(result.caseCount).toBe(1);
    expect(await pdfSignerInfo()).toBeNull();
    const s = await unlock(device.users.dsl, PASSPHRASES.dsl);
    expect((await listSummaries(s)).summaries).toHaveLength(1);
  });

  it('a certificate swapped for another under the same fingerprint is refused, and nothing is written', async () => {
    const name = emptyDevice();
    const other = await exportSigner(await createEstablishmentSigner('Someone Else'));
    const swapped = rewritten((p) => {
      p.keys.pdfSigner = { ...(p.keys.pdfSigner as object), certificateDer: other.certificateDer };
    });
    const before = await rawDump(name);
    const error = await importBackup(swapped, BACKUP_PASSPHRASE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(/PDF signing certificate in this backup is damaged/);
    expect(await rawDump(name)).toBe(before);
    expect(await db().meta.count()).toBe(0);
  });
});
