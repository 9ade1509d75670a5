// Issue 12 finding 4, storage side (docs/SECURITY.md item 15): the establishment's PDF signing
// certificate is pinned, MAC'd and logged. A signer row swapped with the browser's tools (raw
// IndexedDB edits, no passphrase) changes nothing the verifier trusts, is named by both checks,
// and is never signed with; an older genuine row put back is caught by the full check; a device
// from before pinning has its certificate pinned once, at unlock.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEstablishmentSigner, exportSigner } from '../../../src/pdf';
import { db, useDatabase } from '../../../src/storage/db';
import { IntegrityError } from '../../../src/storage/errors';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { readLog } from '../../../src/storage/chain/log';
import {
  establishmentCertificates,
  loadPdfSigner,
  pinUnpinnedPdfSigner,
  savePdfSigner,
} from '../../../src/storage/keys/pdfSigner';
import { rawDb, setUpDevice, useCopyOf, type Device } from './harness';

type Signer = {
  certificateDer: string;
  privateKeyPkcs8: string;
  fingerprint: string;
  subject: string;
  source: 'generated';
};
let device: Device;
let ours: Signer;
let forger: Signer;
let withSigner: Device;

async function signerNamed(name: string): Promise<Signer> {
  const s = await createEstablishmentSigner(name);
  return { ...(await exportSigner(s)), fingerprint: s.fingerprint, subject: name, source: 'generated' };
}

beforeAll(async () => {
  device = await setUpDevice('pdf-signer-pinned');
  ours = await signerNamed('Hillside Academy');
  // Same name, another key: what someone would make to pass a forgery off as ours.
  forger = await signerNamed('Hillside Academy');
  await useCopyOf(device);
  await savePdfSigner(device.session, ours);
  withSigner = { ...device, name: db().name };
  if (!(await quickVerify(device.session)).ok) throw new Error('a device with a pinned signer should verify');
});

async function tamper(name: string, fn: (raw: ReturnType<typeof rawDb>) => Promise<void>): Promise<void> {
  db().close();
  const raw = rawDb(name);
  await raw.open();
  await fn(raw);
  raw.close();
  useDatabase(name);
}

const signerProblem = (problems: { scope: string; message: string }[]) =>
  problems.find((p) => /PDF signing certificate/.test(p.message));

describe('the pinned PDF signing certificate (issue 12 finding 4)', () => {
  it('is logged when set, and is what the verifier is given', async () => {
    await useCopyOf(withSigner);
    expect((await readLog(device.session)).filter((e) => e.type === 'pdf-signer.set')).toEqual([
      expect.objectContaining({ fingerprint: ours.fingerprint, replaced: null }),
    ]);
    expect(await establishmentCertificates(device.session)).toEqual([
      expect.objectContaining({ fingerprint: ours.fingerprint, current: true }),
    ]);
  });

  it('a signer row swapped for another certificate of the same name, its MAC removed: both checks name it, nothing is signed with it, the verifier still trusts only ours, and it is not re-pinned', async () => {
    const name = await useCopyOf(withSigner);
    await tamper(name, async (raw) => {
      const row = await raw.table('meta').get('pdf-signer');
      const { mac: _mac, ...rest } = row;
      await raw.table('meta').put({
        ...rest,
        certificateDer: forger.certificateDer,
        fingerprint: forger.fingerprint,
        subject: forger.subject,
      });
    });
    expect(signerProblem((await quickVerify(device.session)).problems)).toMatchObject({
      scope: 'settings',
      kind: 'edited',
    });
    expect(signerProblem((await fullVerify(device.session)).problems)).toBeTruthy();
    await expect(loadPdfSigner(device.session)).rejects.toBeInstanceOf(IntegrityError);
    expect(await pinUnpinnedPdfSigner(device.session)).toBe(false);
    expect((await establishmentCertificates(device.session)).map((c) => c.fingerprint)).toEqual([ours.fingerprint]);
  });

  it('a signer row swapped with a made-up MAC: the check at unlock names it', async () => {
    const name = await useCopyOf(withSigner);
    await tamper(name, async (raw) => {
      const row = await raw.table('meta').get('pdf-signer');
      await raw
        .table('meta')
        .put({ ...row, certificateDer: forger.certificateDer, fingerprint: forger.fingerprint, mac: 'e'.repeat(64) });
    });
    expect(signerProblem((await quickVerify(device.session)).problems)).toMatchObject({
      scope: 'settings',
      kind: 'edited',
    });
  });

  it('replaced in Settings: both certificates count for PDFs; the older genuine row put back is caught by the full check and never signed with', async () => {
    const name = await useCopyOf(withSigner);
    const older = structuredClone(await db().meta.get('pdf-signer'));
    const next = await signerNamed('Hillside Academy (2026)');
    await savePdfSigner(device.session, next, { replace: true });
    expect((await establishmentCertificates(device.session)).map((c) => [c.fingerprint, c.current])).toEqual([
      [ours.fingerprint, false],
      [next.fingerprint, true],
    ]);
    expect((await readLog(device.session)).at(-1)).toMatchObject({
      type: 'pdf-signer.set',
      fingerprint: next.fingerprint,
      replaced: ours.fingerprint,
    });
    await tamper(name, async (raw) => {
      await raw.table('meta').put(older);
    });
    expect(signerProblem((await fullVerify(device.session)).problems)).toBeTruthy();
    await expect(loadPdfSigner(device.session)).rejects.toBeInstanceOf(IntegrityError);
  });

  it('a device from before pinning (a row with no MAC, nothing in the log) has it pinned once, at unlock', async () => {
    const name = await useCopyOf(device);
    await savePdfSigner(device.session, ours);
    // Back to how an older version stored it: no MAC, no log entry.
    const row = await db().meta.get('pdf-signer');
    const { mac: _mac, ...legacy } = row as Record<string, unknown>;
    await tamper(name, async (raw) => {
      await raw.table('meta').put(legacy);
    });
    expect(await pinUnpinnedPdfSigner(device.session)).toBe(false); // the log already pins one here
    const fresh = await useCopyOf(device);
    await tamper(fresh, async (raw) => {
      await raw.table('meta').put(legacy);
    });
    expect(signerProblem((await quickVerify(device.session)).problems)).toBeUndefined();
    expect(await pinUnpinnedPdfSigner(device.session)).toBe(true);
    expect(await pinUnpinnedPdfSigner(device.session)).toBe(false);
    expect((await db().meta.get('pdf-signer')) as { mac?: string }).toHaveProperty('mac');
    expect((await readLog(device.session)).filter((e) => e.type === 'pdf-signer.set')).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ name: 'Pinned at unlock' }),
        fingerprint: ours.fingerprint,
      }),
    ]);
    expect((await fullVerify(device.session)).ok).toBe(true);
  });
});
