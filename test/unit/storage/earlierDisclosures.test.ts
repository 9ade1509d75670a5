// Staff disclosures accepted before accepted disclosure ids were kept (issue 12 finding 7) have no 'disclosure.accepted'
// entry: the first unlock check since records them, once, so importing the same sealed file again is refused for them
// too. The device is made by today's code, accepting a disclosure the way the version before did (a case whose second
// event is the staff member's disclosure, the inbox entry removed, and nothing in the establishment log).
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../../src/domain/events';
import { initialSnapshot } from '../../../src/domain/machine';
import { CURRENT_POLICY_VERSION } from '../../../src/domain/types';
import { GENESIS, asStored, newId } from '../../../src/storage/chain/chain';
import { commit } from '../../../src/storage/chain/commit';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { readLog } from '../../../src/storage/chain/log';
import { buildSteps, caseRows, newCaseKey, referenceFor } from '../../../src/storage/caseSteps';
import { recordEarlierAcceptedDisclosures } from '../../../src/storage/earlierDisclosures';
import {
  type DisclosureDraft,
  acceptDisclosure,
  exportSealedDisclosure,
  importSealedDisclosureFile,
  listInbox,
  sealDisclosure,
} from '../../../src/storage/inbox';
import { unlock } from '../../../src/storage/keys/keyring';
import { lock, type Session } from '../../../src/storage/keys/session';
import { prepareIndexWrite } from '../../../src/storage/summary-index/summaryIndex';
import { storageVault } from '../../../src/ui/data/storageVault';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from './harness';

function staffDraft(account: string): DisclosureDraft {
  return {
    writer: { name: 'Sam Teacher', jobTitle: 'Form tutor' },
    disclosure: {
      disclosedBy: 'A pupil in Year 9',
      discloserRelation: 'young-person',
      disclosedTo: 'Sam Teacher',
      disclosedAt: '2026-03-02T08:45:00.000Z',
      channel: 'in-person',
      account,
      platforms: ['Snapchat'],
      spreadNotes: '',
      imageryDescription: 'Not seen.',
      actionsTaken: 'Told the DSL in person.',
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
  };
}

/** Accepting as the version before did: the case and its two events, the inbox entry removed, no log entry. */
async function acceptAsBefore(session: Session, inboxId: string): Promise<{ caseId: string; reference: string }> {
  const item = (await listInbox(session)).find((i) => i.id === inboxId);
  if (!item || !item.readable) throw new Error('the disclosure should open');
  const caseId = newId();
  const { key, wrapped } = await newCaseKey(session, caseId);
  return commit(session, async () => {
    const now = new Date().toISOString();
    const ref = await referenceFor();
    const opened = asStored({
      id: newId(),
      type: 'case.opened',
      caseId,
      reference: ref.reference,
      policyVersion: CURRENT_POLICY_VERSION,
      actor: session.actor,
      occurredAt: now,
      recordedAt: now,
    } as CaseEvent);
    const disclosed = asStored({
      id: newId(),
      type: 'disclosure.recorded',
      actor: { userId: `staff/${item.id}`, role: 'staff', name: item.writer.name },
      occurredAt: item.occurredAt,
      recordedAt: item.sealedAt,
      disclosure: item.disclosure,
      persons: item.persons,
    } as CaseEvent);
    const built = await buildSteps(key, caseId, { head: { seq: 0, digest: GENESIS }, snapshot: initialSnapshot() }, [
      opened,
      disclosed,
    ]);
    const rows = caseRows(caseId, wrapped, built, now, now);
    const idx = await prepareIndexWrite(session, [{ caseId, head: built.head, summary: built.summary }], 2);
    return {
      plan: {
        appends: built.appends,
        expect: [{ chain: caseId, head: null }],
        write: async (d) => {
          await ref.write(d);
          await d.cases.add(rows.row);
          await d.snapshots.put(rows.snapshot);
          await d.inbox.delete(inboxId);
          await idx.write(d);
        },
      },
      result: { caseId, reference: ref.reference },
    };
  });
}

let device: Device;
let earlierFile: string;
let earlierCase: { caseId: string; reference: string };
let laterFile: string;
beforeAll(async () => {
  device = await setUpDevice('earlier-disclosures');
  const s = device.session;
  const before = await sealDisclosure(staffDraft('Said a picture of a classmate was going round (accepted earlier).'));
  earlierFile = await exportSealedDisclosure(before.id);
  earlierCase = await acceptAsBefore(s, before.id);
  const after = await sealDisclosure(staffDraft('Said a second picture was going round (accepted by this version).'));
  laterFile = await exportSealedDisclosure(after.id);
  await acceptDisclosure(s, after.id);
  lock(s);
});

describe('a disclosure accepted before accepted ids were kept', () => {
  it('could be imported again on the device as it was (the gap this closes)', async () => {
    await useCopyOf(device);
    const s = await unlock(device.users.dsl, PASSPHRASES.dsl);
    await expect(importSealedDisclosureFile(s, earlierFile)).resolves.toMatchObject({ sealedAt: expect.any(String) });
    // The one accepted by this version is refused already.
    await expect(importSealedDisclosureFile(s, laterFile)).rejects.toThrow(/already accepted/);
    lock(s);
  });

  it('is recorded at the first unlock check, once, and importing it again is then refused naming its case', async () => {
    await useCopyOf(device);
    const vault = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
    expect((await vault.quickVerify()).ok).toBe(true);
    const s = await unlock(device.users.dsl, PASSPHRASES.dsl);
    const earlier = (await readLog(s)).filter((e) => e.type === 'disclosure.accepted-earlier');
    expect(earlier).toHaveLength(1);
    // Only the one the log did not keep: the disclosure accepted by this version is not recorded twice.
    expect(earlier[0]).toMatchObject({
      accepted: [{ caseId: earlierCase.caseId, reference: earlierCase.reference }],
    });
    await expect(importSealedDisclosureFile(s, earlierFile)).rejects.toThrow(
      new RegExp(`already accepted into case ${earlierCase.reference}`),
    );
    // Once: the next unlock check does not search again.
    expect(await recordEarlierAcceptedDisclosures(s)).toBeNull();
    expect((await vault.quickVerify()).ok).toBe(true);
    expect((await readLog(s)).filter((e) => e.type === 'disclosure.accepted-earlier')).toHaveLength(1);
    expect((await fullVerify(s)).problems).toEqual([]);
    lock(s);
  });

  it('on a device with none, the search is noted as done and the establishment log gets no empty entry', async () => {
    const fresh = await setUpDevice('earlier-disclosures-none');
    const entries = (await readLog(fresh.session)).length;
    expect(await recordEarlierAcceptedDisclosures(fresh.session)).toBe(0);
    expect(await recordEarlierAcceptedDisclosures(fresh.session)).toBeNull();
    expect(await readLog(fresh.session)).toHaveLength(entries);
    lock(fresh.session);
  });
});
