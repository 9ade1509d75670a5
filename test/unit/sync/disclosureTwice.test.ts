// One sealed disclosure, several tablets (docs/SYNC.md, "One disclosure, two tablets"): a disclosure
// accepted on one tablet is shown as such on another, which never makes a second case of it; one
// that reaches a tablet together with the case it became never enters the inbox there; and one
// accepted on two tablets that could not see each other is shown on both as the same disclosure,
// both cases kept. The "server" is a PouchDB in memory.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCase } from '../../../src/storage/cases';
import {
  type DisclosureDraft,
  acceptDisclosure,
  inboxCount,
  listInbox,
  removeAcceptedElsewhere,
  sealDisclosure,
} from '../../../src/storage/inbox';
import { acceptedTwice } from '../../../src/storage/acceptedElsewhere';
import { ImportError, StorageError } from '../../../src/storage/errors';
import type { PouchDatabase } from '../../../src/storage/sync/pouch';
import { setUpDevice, type Device } from '../storage/harness';
import { newTablet, on, pullFrom, pushTo } from './tablets';
import { pouch } from './tablet';

const draft = (account: string): DisclosureDraft => ({
  writer: { name: 'Sam Fennimore', jobTitle: 'Year 9 tutor' },
  disclosure: {
    disclosedBy: 'Ophelia Grindlewald',
    discloserRelation: 'young-person',
    disclosedTo: 'Sam Fennimore',
    disclosedAt: '2026-03-02T10:15:00.000Z',
    channel: 'in-person',
    account,
    platforms: ['WhatsApp'],
    spreadNotes: 'Maybe the whole year group.',
    imageryDescription: 'A photograph.',
    actionsTaken: 'Told the DSL in person straight away.',
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
  ],
});

let device: Device;
beforeAll(async () => {
  device = await setUpDevice('sync-disclosure-twice');
});

let servers = 0;
async function memoryServer(): Promise<PouchDatabase> {
  const Pouch = await pouch();
  return new Pouch(`twice-server-${++servers}`, { adapter: 'memory' });
}

describe('a disclosure sealed on one tablet and seen on two', () => {
  it('accepted on A: B shows it as accepted there and refuses to make a second case of it', async () => {
    const server = await memoryServer();
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    on(a);
    const sealed = await sealDisclosure(draft('Told on the stairs.'));
    await pushTo(a, server);
    await pullFrom(b, server);
    expect((await listInbox(on(b))).map((i) => i.id)).toEqual([sealed.id]);

    const accepted = await acceptDisclosure(on(a), sealed.id);
    await pushTo(a, server);
    expect(await pullFrom(b, server)).toMatchObject({ refused: [] });
    const [item] = await listInbox(on(b));
    expect(item).toMatchObject({
      id: sealed.id,
      readable: true,
      acceptedInto: { caseId: accepted.caseId, reference: accepted.reference },
    });
    const refused = await acceptDisclosure(b.session, sealed.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportError);
    expect((refused as ImportError).reason).toBe('already-accepted');
    expect((refused as Error).message).toContain(`already accepted on another tablet into case ${accepted.reference}`);
    // B holds A's case, and only that one.
    expect((await loadCase(b.session, accepted.caseId)).events.map((e) => e.type)).toEqual([
      'case.opened',
      'disclosure.recorded',
    ]);
    expect(await acceptedTwice(b.session)).toEqual([]);
    // A key holder removes it from B's inbox: its words are in A's case, which B holds.
    await removeAcceptedElsewhere(b.session, sealed.id);
    expect(await listInbox(b.session)).toEqual([]);
    expect(await inboxCount()).toBe(0);
  });

  it('is never removed from an inbox unaccepted: one waiting is only removed by accepting it', async () => {
    const server = await memoryServer();
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    on(a);
    const sealed = await sealDisclosure(draft('Told at lunchtime.'));
    await pushTo(a, server);
    await pullFrom(b, server);
    const refused = await removeAcceptedElsewhere(on(b), sealed.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageError);
    expect((await listInbox(b.session)).map((i) => i.id)).toEqual([sealed.id]);
  });

  it('reaching B together with the case it became: it never enters B’s inbox', async () => {
    const server = await memoryServer();
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    on(a);
    const sealed = await sealDisclosure(draft('Told after the lesson.'));
    await pushTo(a, server);
    await acceptDisclosure(on(a), sealed.id);
    await pushTo(a, server);
    expect(await pullFrom(b, server)).toMatchObject({ refused: [] });
    expect(await listInbox(on(b))).toEqual([]);
  });

  it('accepted on A and on B apart: both cases kept, and each tablet shows them as the same disclosure', async () => {
    const server = await memoryServer();
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    on(a);
    const sealed = await sealDisclosure(draft('Told in the library.'));
    await pushTo(a, server);
    await pullFrom(b, server);
    // Neither tablet can see the other: each accepts it.
    const onA = await acceptDisclosure(on(a), sealed.id);
    const onB = await acceptDisclosure(on(b), sealed.id);
    expect(onA.caseId).not.toBe(onB.caseId);
    await pushTo(a, server);
    await pushTo(b, server);
    expect(await pullFrom(a, server)).toMatchObject({ refused: [] });
    expect(await pullFrom(b, server)).toMatchObject({ refused: [] });
    for (const t of [a, b]) {
      const twice = await acceptedTwice(on(t));
      expect(twice).toHaveLength(1);
      expect(twice[0]!.disclosureId).toBe(sealed.id);
      expect(twice[0]!.cases.map((c) => c.caseId).sort()).toEqual([onA.caseId, onB.caseId].sort());
      expect(twice[0]!.cases.find((c) => c.caseId === (t === a ? onA : onB).caseId)?.here).toBe(true);
      // Nothing is dropped: both cases open on both tablets.
      for (const id of [onA.caseId, onB.caseId])
        expect((await loadCase(t.session, id)).events.some((e) => e.type === 'disclosure.recorded')).toBe(true);
    }
  });
});
