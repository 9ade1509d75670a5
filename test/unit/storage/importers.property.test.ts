// Bad input to every importer (issue 6): random bytes, truncated text, valid JSON of the wrong
// shape, huge strings and markup each get a clear, typed refusal, and nothing stored changes.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importBackup } from '../../../src/storage/files/backup';
import { importSealedDisclosureFile } from '../../../src/storage/inbox';
import { importCaseTransfer, verifyTransferReceipt } from '../../../src/storage/files/transfer';
import { StorageError } from '../../../src/storage/errors';
import { verifyPdf } from '../../../src/pdf';
import { rawDump, setUpDevice, type Device } from './harness';

const RUNS = { numRuns: 40, seed: 20261125 };

let device: Device;
let before: string;
beforeAll(async () => {
  device = await setUpDevice('importers-property');
  before = await rawDump('importers-property');
});

/** Random text shaped like what a crafted or damaged file could hold. */
const badText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => new TextDecoder('utf-8').decode(b)),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    '{"format":"ypsi-response-backup","version":1}',
    '{"format":"ypsi-response-case-transfer","version":99}',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '{"__proto__":{"polluted":true}}',
    'x'.repeat(1_000_000),
  ),
);

async function refusedClearly(p: Promise<unknown>): Promise<void> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'a bad file must never be accepted').not.toBeNull();
  expect(e).toBeInstanceOf(StorageError);
  expect((e as Error).message.length).toBeGreaterThan(10);
  expect((e as Error).message).not.toMatch(/undefined|\[object Object\]|SyntaxError/);
}

describe('every importer refuses a bad file clearly and changes nothing', () => {
  it('backups', async () => {
    await expect(
      fc.assert(
        fc.asyncProperty(badText, async (t) => refusedClearly(importBackup(t, 'copper kettle marching lantern'))),
        RUNS,
      ),
    ).resolves.toBeUndefined();
  });

  it('case transfer files', async () => {
    await expect(
      fc.assert(
        fc.asyncProperty(badText, async (t) =>
          refusedClearly(importCaseTransfer(device.session, t, 'violet harbour pickle trombone')),
        ),
        RUNS,
      ),
    ).resolves.toBeUndefined();
  });

  it('sealed disclosure files', async () => {
    await expect(
      fc.assert(
        fc.asyncProperty(badText, async (t) => refusedClearly(importSealedDisclosureFile(device.session, t))),
        RUNS,
      ),
    ).resolves.toBeUndefined();
  });

  it('transfer receipts', async () => {
    await expect(
      fc.assert(
        fc.asyncProperty(badText, async (t) => refusedClearly(verifyTransferReceipt(t))),
        RUNS,
      ),
    ).resolves.toBeUndefined();
  });

  it('and nothing stored changed', async () => {
    expect(await rawDump('importers-property')).toBe(before);
  });

  it('the PDF verifier says "not valid" with reasons for any bytes, and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          fc.constant(new TextEncoder().encode('%PDF-1.7\n%garbage /ByteRange [0 1 2 3] /Contents <00>')),
        ),
        async (bytes) => {
          const r = await verifyPdf(bytes);
          expect(r.valid).toBe(false);
          expect(r.problems.length).toBeGreaterThan(0);
        },
      ),
      RUNS,
    );
  });
});
