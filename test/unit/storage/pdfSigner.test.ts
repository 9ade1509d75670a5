// The establishment's PDF signer: certificate public, private key encrypted under the data key; exports logged.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEstablishmentSigner, exportSigner } from '../../../src/pdf';
import { readLog } from '../../../src/storage/chain/log';
import { loadPdfSigner, logPdfExport, pdfSignerInfo, savePdfSigner } from '../../../src/storage/keys/pdfSigner';
import { NotPermittedError } from '../../../src/storage/errors';
import { rawDump, setUpDevice, type Device } from './harness';

let device: Device;
let exported: { certificateDer: string; privateKeyPkcs8: string };
let fingerprint: string;
beforeAll(async () => {
  device = await setUpDevice('pdf-signer');
  const signer = await createEstablishmentSigner("St Aidan's Academy");
  exported = await exportSigner(signer);
  fingerprint = signer.fingerprint;
});

describe('the PDF signing certificate', () => {
  it('is stored with its private key encrypted: the raw database never holds the key in clear', async () => {
    await savePdfSigner(device.session, {
      ...exported,
      fingerprint,
      subject: "St Aidan's Academy",
      source: 'generated',
    });
    const dump = await rawDump('pdf-signer');
    expect(dump).not.toContain(exported.privateKeyPkcs8);
    expect(dump).not.toContain(exported.privateKeyPkcs8.slice(40, 80));
    expect((await pdfSignerInfo())?.fingerprint).toBe(fingerprint);
    expect((await loadPdfSigner(device.session))?.privateKeyPkcs8).toBe(exported.privateKeyPkcs8);
  });

  it('is not replaced silently', async () => {
    await expect(
      savePdfSigner(device.session, { ...exported, fingerprint, subject: 'x', source: 'generated' }),
    ).rejects.toThrow(NotPermittedError);
  });

  it('logs every PDF export: who, to whom, why and the record hash', async () => {
    await logPdfExport(device.session, {
      fileId: 'f1',
      caseId: 'c1',
      to: 'Wolverhampton MASH',
      why: 'Referral follow-up',
      recordHash: 'a'.repeat(64),
      redacted: false,
    });
    const log = await readLog(device.session);
    const entry = log.find((e) => e.type === 'export.made' && e.kind === 'pdf');
    expect(entry).toMatchObject({
      to: 'Wolverhampton MASH',
      why: 'Referral follow-up',
      recordHash: 'a'.repeat(64),
      actor: { name: 'Dana Shah' },
    });
  });
});
