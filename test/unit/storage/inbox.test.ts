// The staff disclosure inbox: sealed with no session, unreadable by its writer, accepted into a case by a DSL (docs/SECURITY.md item 7 and test 4).
import { beforeAll, describe, expect, it } from 'vitest';
import { RejectedEventError } from '../../../src/domain/machine';
import { loadCase } from '../../../src/storage/cases';
import { deriveEstablishmentKeys, generateRootSecret } from '../../../src/storage/crypto';
import { db, useDatabase } from '../../../src/storage/db';
import {
  DisclosureTooLargeError,
  ImportError,
  NotPermittedError,
  SessionLockedError,
} from '../../../src/storage/errors';
import {
  type DisclosureDraft,
  MAX_DISCLOSURE_BYTES,
  acceptDisclosure,
  exportSealedDisclosure,
  importSealedDisclosureFile,
  inboxCount,
  listInbox,
  sealDisclosure,
  sealDisclosureToFile,
} from '../../../src/storage/inbox';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { unlock } from '../../../src/storage/keys/keyring';
import { Session, lock } from '../../../src/storage/keys/session';
import { PASSPHRASES, rawDb, rawDump, setUpDevice, useCopyOf, type Device } from './harness';

let device: Device;
beforeAll(async () => {
  device = await setUpDevice('inbox');
});

function staffDraft(overrides: Partial<DisclosureDraft['disclosure']> = {}): DisclosureDraft {
  return {
    writer: { name: 'Sam Teacher', jobTitle: 'Year 9 tutor' },
    disclosure: {
      disclosedBy: 'Ophelia Grindlewald',
      discloserRelation: 'young-person',
      disclosedTo: 'Sam Teacher',
      disclosedAt: '2026-03-02T10:15:00.000Z',
      channel: 'in-person',
      account: 'Ophelia said a picture of her is going round, sent by Barnaby Whitlock.',
      platforms: ['WhatsApp'],
      spreadNotes: 'Maybe the whole year group.',
      imageryDescription: 'A photograph.',
      actionsTaken: 'Told the DSL in person straight away.',
      ...overrides,
    },
    persons: [
      {
        id: 'p1',
        name: 'Ophelia Grindlewald',
        atEstablishment: true,
        involvement: ['pictured'],
        adult: 'no',
        worksWithChildren: 'no',
        ageYears: 14,
      },
      {
        id: 'p2',
        name: 'Barnaby Whitlock',
        atEstablishment: true,
        involvement: ['shared'],
        adult: 'no',
        worksWithChildren: 'no',
        ageYears: 14,
      },
    ],
  };
}

describe('recording a disclosure from the lock screen', () => {
  it('needs no session, keeps nothing readable, and gives the writer back only an id and a time', async () => {
    await useCopyOf(device);
    const receipt = await sealDisclosure(staffDraft());
    expect(Object.keys(receipt).sort()).toEqual(['id', 'sealedAt']);
    expect(await inboxCount()).toBe(1);
    const dump = await rawDump(db().name);
    for (const word of ['Ophelia', 'Grindlewald', 'Barnaby', 'Whitlock', 'going round', 'Sam Teacher', 'Year 9 tutor'])
      expect(dump).not.toContain(word);
  });

  it('cannot be read back without the establishment’s keys', async () => {
    await useCopyOf(device);
    await sealDisclosure(staffDraft());
    const root = generateRootSecret();
    const stranger = new Session({ userId: 'x', role: 'dsl', name: 'x' }, await deriveEstablishmentKeys(root));
    expect(await listInbox(stranger)).toEqual([expect.objectContaining({ readable: false })]);
    lock(stranger);
    await expect(listInbox(stranger)).rejects.toThrow(SessionLockedError);
  });

  it('asks the case machine first, so an incomplete disclosure is fixed before it is sealed', async () => {
    await useCopyOf(device);
    await expect(sealDisclosure(staffDraft({ account: '  ' }))).rejects.toThrow(RejectedEventError);
    expect(await inboxCount()).toBe(0);
  });

  it('is size-capped with a clear message', async () => {
    await useCopyOf(device);
    const error = await sealDisclosure(staffDraft({ account: 'x'.repeat(MAX_DISCLOSURE_BYTES) })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DisclosureTooLargeError);
    expect((error as Error).message).toMatch(/too long to store .* the limit is 64 KB/);
    expect(await inboxCount()).toBe(0);
  });
});

describe('the DSL’s inbox', () => {
  it('opens waiting disclosures, and accepting one opens a case that names the writer and empties the inbox in the same step', async () => {
    await useCopyOf(device);
    const { id } = await sealDisclosure(staffDraft());
    const [item] = await listInbox(device.session);
    expect(item).toMatchObject({
      id,
      readable: true,
      writer: { name: 'Sam Teacher' },
      disclosure: { disclosedBy: 'Ophelia Grindlewald' },
    });
    const { caseId, reference } = await acceptDisclosure(device.session, id);
    expect(reference).toMatch(/^YPSI-/);
    expect(await inboxCount()).toBe(0);
    const loaded = await loadCase(device.session, caseId);
    expect(loaded.events.map((e) => e.type)).toEqual(['case.opened', 'disclosure.recorded']);
    expect(loaded.events[1]!.actor).toEqual({ userId: `staff/${id}`, role: 'staff', name: 'Sam Teacher' });
    expect(loaded.snapshot.value).toBe('initialReview');
    expect((await fullVerify(device.session)).ok).toBe(true);
  });

  it('is not for the Headteacher to accept from', async () => {
    await useCopyOf(device);
    const { id } = await sealDisclosure(staffDraft());
    const head = await unlock(device.users.head, PASSPHRASES.head);
    await expect(acceptDisclosure(head, id)).rejects.toThrow(NotPermittedError);
    expect(await inboxCount()).toBe(1);
    lock(head);
  });
});

describe('a disclosure recorded on another device', () => {
  it('travels as a sealed file and is imported into the inbox', async () => {
    await useCopyOf(device);
    const text = await sealDisclosureToFile(staffDraft());
    expect(text).not.toContain('Ophelia');
    expect(await inboxCount()).toBe(0);
    const { id } = await importSealedDisclosureFile(device.session, text);
    expect((await listInbox(device.session))[0]).toMatchObject({ id, readable: true });
    await expect(importSealedDisclosureFile(device.session, text)).rejects.toMatchObject({
      reason: 'already-imported',
    });
    const again = await exportSealedDisclosure(id);
    expect(JSON.parse(again).id).toBe(id);
    expect(again).not.toContain('Ophelia');
  });

  it('sealed for another establishment, or damaged, is refused with a clear message', async () => {
    await useCopyOf(device);
    const file = JSON.parse(await sealDisclosureToFile(staffDraft()));
    const other = JSON.stringify({ ...file, keyFingerprint: 'c'.repeat(64) });
    await expect(importSealedDisclosureFile(device.session, other)).rejects.toMatchObject({
      reason: 'wrong-establishment',
      message: expect.stringMatching(/another establishment/),
    });
    await expect(
      importSealedDisclosureFile(device.session, '{"format":"ypsi-response-sealed-disclosure","vers'),
    ).rejects.toMatchObject({ reason: 'truncated' });
    await expect(importSealedDisclosureFile(device.session, 'hello')).rejects.toBeInstanceOf(ImportError);
    await expect(
      importSealedDisclosureFile(device.session, JSON.stringify({ ...file, version: 2 })),
    ).rejects.toMatchObject({ reason: 'unsupported-version' });
    await expect(
      importSealedDisclosureFile(device.session, JSON.stringify({ ...file, sealed: { nope: 1 } })),
    ).rejects.toMatchObject({ reason: 'corrupt' });
    expect(await inboxCount()).toBe(0);
  });

  it('imported again after it was accepted: refused, naming the case, and never a second case (issue 12 finding 7)', async () => {
    await useCopyOf(device);
    const text = await sealDisclosureToFile(staffDraft());
    const { id } = await importSealedDisclosureFile(device.session, text);
    const { reference } = await acceptDisclosure(device.session, id);
    const cases = await db().cases.count();
    const e = await importSealedDisclosureFile(device.session, text).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImportError);
    expect(e).toMatchObject({
      reason: 'already-accepted',
      message: expect.stringContaining(`already accepted into case ${reference}`),
    });
    expect(await inboxCount()).toBe(0);
    expect(await db().cases.count()).toBe(cases);
  });

  it('its inbox row put back with the browser’s tools after it was accepted: accepting it again is refused', async () => {
    await useCopyOf(device);
    const { id } = await importSealedDisclosureFile(device.session, await sealDisclosureToFile(staffDraft()));
    const row = structuredClone(await db().inbox.get(id));
    const { reference } = await acceptDisclosure(device.session, id);
    const name = db().name;
    db().close();
    const raw = rawDb(name);
    await raw.open();
    await raw.table('inbox').put(row);
    raw.close();
    useDatabase(name);
    const cases = await db().cases.count();
    await expect(acceptDisclosure(device.session, id)).rejects.toMatchObject({
      reason: 'already-accepted',
      message: expect.stringContaining(reference),
    });
    expect(await db().cases.count()).toBe(cases);
    expect((await fullVerify(device.session)).ok).toBe(true);
  });
});
