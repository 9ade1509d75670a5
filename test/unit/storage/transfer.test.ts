// Case transfer: one case or one young person's part, sealed for the recipient, imported there, and a signed receipt back to the sender.
import { beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, createCase, loadCase } from '../../../src/storage/cases';
import { useDatabase } from '../../../src/storage/db';
import { checkSealedFile, openSealedFile, parseFile } from '../../../src/storage/files/files';
import { recordHash } from '../../../src/storage/chain/integrity';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { readLog } from '../../../src/storage/chain/log';
import { redactForYoungPerson } from '../../../src/storage/files/redact';
import {
  exportCaseTransfer,
  importCaseTransfer,
  listTransfersSent,
  recordTransferReceipt,
  verifyTransferReceipt,
} from '../../../src/storage/files/transfer';
import { setUpDevice, useCopyOf, type Device } from './harness';
import { disclosureDraft, noteDraft, reviewDraft } from './flows';

const PASS = 'Told to the recipient by phone';
let sender: Device;
let recipient: Device;
let caseId: string;

beforeAll(async () => {
  recipient = await setUpDevice('transfer-recipient');
  sender = await setUpDevice('transfer-sender');
  const s = sender.session;
  caseId = (await createCase(s)).caseId;
  await appendEvent(s, caseId, disclosureDraft(s));
  await appendEvent(s, caseId, reviewDraft(s));
  await appendEvent(s, caseId, noteDraft(s, 'Spoke with Marisol Vantongeren and with Zebedee; Marisol upset.'));
});

async function payloadOf(text: string) {
  return (await openSealedFile(
    checkSealedFile(parseFile(text, 'ypsi-response-case-transfer'), 'ypsi-response-case-transfer'),
    PASS,
  )) as {
    events: unknown[];
    recordHash: string;
    scope: string;
  };
}

describe('a whole case', () => {
  it('is sealed for the recipient, imported there as the same record, and the sender records the signed receipt', async () => {
    useDatabase(sender.name);
    const out = await exportCaseTransfer(sender.session, caseId, {
      passphrase: PASS,
      to: 'DSL, Northfield High School',
      why: 'Pupil moved school',
    });
    expect(out.text).not.toContain('Zebedee');
    expect((await readLog(sender.session)).at(-1)).toMatchObject({
      type: 'export.made',
      kind: 'case-transfer',
      to: 'DSL, Northfield High School',
      why: 'Pupil moved school',
      recordHash: out.recordHash,
      actor: { userId: sender.users.dsl },
    });

    // Until the receipt comes back, the transfer is listed as not received (the reminder's source).
    expect(await listTransfersSent(sender.session)).toEqual([
      {
        transferId: out.transferId,
        caseIds: [caseId],
        to: 'DSL, Northfield High School',
        sentAt: expect.any(String),
        received: false,
      },
    ]);

    await useCopyOf(recipient);
    await expect(importCaseTransfer(recipient.session, out.text, 'wrong passphrase here')).rejects.toMatchObject({
      reason: 'wrong-passphrase',
    });
    const imported = await importCaseTransfer(recipient.session, out.text, PASS);
    const there = await loadCase(recipient.session, caseId);
    expect(there.events.map((e) => e.type)).toEqual([
      'case.opened',
      'disclosure.recorded',
      'review.decided',
      'note.added',
    ]);
    expect(await recordHash(there.events)).toBe(out.recordHash);
    expect((await fullVerify(recipient.session)).ok).toBe(true);
    await expect(importCaseTransfer(recipient.session, out.text, PASS)).rejects.toMatchObject({
      reason: 'already-imported',
    });

    const receipt = await verifyTransferReceipt(imported.receiptText);
    expect(receipt).toMatchObject({
      transferId: out.transferId,
      recordHash: out.recordHash,
      establishment: 'Hillside Academy',
      receivedBy: { name: 'Dana Shah' },
    });

    useDatabase(sender.name);
    await recordTransferReceipt(sender.session, imported.receiptText);
    expect((await readLog(sender.session)).at(-1)).toMatchObject({
      type: 'receipt.recorded',
      transferId: out.transferId,
      receiverKeyFingerprint: receipt.keyFingerprint,
    });
    expect(await listTransfersSent(sender.session)).toMatchObject([{ transferId: out.transferId, received: true }]);

    const forged = JSON.stringify({ ...JSON.parse(imported.receiptText), recordHash: 'e'.repeat(64) });
    await expect(verifyTransferReceipt(forged)).rejects.toMatchObject({
      reason: 'corrupt',
      message: expect.stringMatching(/signature is not valid/),
    });
    const stranger = JSON.stringify({ ...JSON.parse(imported.receiptText), transferId: 'not-sent-from-here' });
    await expect(recordTransferReceipt(sender.session, stranger)).rejects.toThrow(/signature is not valid/);
  });
});

describe('one young person’s part', () => {
  it('leaves every other young person out: "Young person B" in every event, the kept child as recorded', async () => {
    useDatabase(sender.name);
    const out = await exportCaseTransfer(sender.session, caseId, {
      passphrase: PASS,
      to: 'DSL, Northfield High School',
      why: 'Zebedee moved school',
      youngPersonId: 'p-zeb',
    });
    const payload = await payloadOf(out.text);
    const json = JSON.stringify(payload.events);
    expect(payload.scope).toBe('one-young-person');
    expect(json).not.toMatch(/Marisol|Vantongeren/);
    expect(json).toContain('Young person B');
    expect(json).toContain('Zebedee Quillfeather');
    expect(json).toContain('Spoke with Young person B and with Zebedee; Young person B upset.');
    expect(await recordHash(payload.events as never)).toBe(payload.recordHash);

    await useCopyOf(recipient);
    const imported = await importCaseTransfer(recipient.session, out.text, PASS);
    const there = await loadCase(recipient.session, imported.caseId);
    expect(there.summary.names.sort()).toEqual(['Young person B', 'Zebedee Quillfeather']);
  });

  it('turns another child’s date of birth into an age, so the policy reads the case the same way', () => {
    const events = [
      {
        id: 'e1',
        type: 'disclosure.recorded',
        actor: { userId: 'u', role: 'dsl', name: 'Dana Shah' },
        occurredAt: '2026-03-02T09:00:00Z',
        recordedAt: '2026-03-02T09:00:00Z',
        disclosure: { disclosedBy: 'Ann Lee', disclosedAt: '2026-03-02T09:00:00Z', account: 'Ann Lee and Bo Chan' },
        persons: [
          { id: 'a', name: 'Ann Lee', atEstablishment: true, involvement: [], adult: 'no', worksWithChildren: 'no' },
          {
            id: 'b',
            name: 'Bo Chan',
            atEstablishment: true,
            involvement: [],
            adult: 'no',
            worksWithChildren: 'no',
            dateOfBirth: '2012-06-01',
            otherVulnerabilities: 'Bo has a plan',
          },
          { id: 'c', name: 'Mr Adult', atEstablishment: false, involvement: [], adult: 'yes', worksWithChildren: 'no' },
        ],
      },
    ] as never;
    const { events: out, aliases } = redactForYoungPerson(events, 'a');
    const e = out[0] as unknown as {
      persons: Record<string, unknown>[];
      disclosure: { account: string; disclosedBy: string };
    };
    expect(aliases).toEqual([{ personId: 'b', alias: 'Young person B' }]);
    expect(e.persons[1]).toMatchObject({
      name: 'Young person B',
      ageYears: 13,
      otherVulnerabilities: 'Left out of this transfer.',
    });
    expect(e.persons[1]).not.toHaveProperty('dateOfBirth');
    expect(e.persons[2]).toMatchObject({ name: 'Mr Adult' });
    expect(e.disclosure).toMatchObject({ account: 'Ann Lee and Young person B', disclosedBy: 'Ann Lee' });
  });
});
