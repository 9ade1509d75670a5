// One staff disclosure accepted on two tablets apart became two cases (docs/SYNC.md, "One disclosure,
// two tablets"): end to end through the two-tablet helpers, a key holder on one tablet records that
// they are the same incident; the step reaches the other tablet, where the duplicate is closed as the
// same incident (owing nothing, its later steps kept) and the case carried on names it. Done on both
// tablets apart in opposite directions, it is flagged on both until a new decision settles it. The
// "server" is a PouchDB in memory.
import { beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, loadCase, recordSameIncidentPair } from '../../../src/storage/cases';
import { type DisclosureDraft, acceptDisclosure, sealDisclosure } from '../../../src/storage/inbox';
import { sameDisclosureCases } from '../../../src/storage/sameIncident';
import { StorageError } from '../../../src/storage/errors';
import { RejectedEventError } from '../../../src/domain/machine';
import { owedToPolicy } from '../../../src/domain/owed';
import { closedAsSameIncident, sameIncidentOf } from '../../../src/domain/sameIncident';
import type { PouchDatabase } from '../../../src/storage/sync/pouch';
import { setUpDevice, type Device } from '../storage/harness';
import { type Tablet, newTablet, on, pullFrom, pushTo } from './tablets';
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
  device = await setUpDevice('sync-same-incident');
});

let servers = 0;
async function memoryServer(): Promise<PouchDatabase> {
  const Pouch = await pouch();
  return new Pouch(`same-incident-server-${++servers}`, { adapter: 'memory' });
}

/** Both tablets accept one sealed disclosure while apart, then each syncs: two cases of one disclosure. */
async function acceptedApart(account: string) {
  const server = await memoryServer();
  const a = await newTablet(device, 'a');
  const b = await newTablet(device, 'b');
  on(a);
  const sealed = await sealDisclosure(draft(account));
  await pushTo(a, server);
  await pullFrom(b, server);
  const onA = await acceptDisclosure(on(a), sealed.id);
  const onB = await acceptDisclosure(on(b), sealed.id);
  return { server, a, b, onA, onB };
}

async function syncBoth(server: PouchDatabase, a: Tablet, b: Tablet) {
  await pushTo(a, server);
  await pushTo(b, server);
  expect(await pullFrom(a, server)).toMatchObject({ refused: [] });
  expect(await pullFrom(b, server)).toMatchObject({ refused: [] });
}

const words = (reason: string, carriedOver = '') => ({
  reason,
  carriedOver,
  occurredAt: '2026-03-02T13:00:00.000Z',
});

describe('two cases of one disclosure recorded as the same incident, across tablets', () => {
  it('recorded on A, seen on B: the duplicate is closed and owes nothing, its steps kept; the other names it', async () => {
    const { server, a, b, onA, onB } = await acceptedApart('Told in the library.');
    // Before the tablets meet, B records a step in its own case.
    await appendEvent(on(b), onB.caseId, {
      type: 'note.added',
      text: 'Spoke with the form tutor.',
      actor: b.session.actor,
      occurredAt: '2026-03-02T11:00:00.000Z',
    });
    await syncBoth(server, a, b);
    // A finds the other case by the existing detection (the same staff disclosure accepted twice).
    expect((await sameDisclosureCases(on(a), onA.caseId)).map((c) => c.caseId)).toEqual([onB.caseId]);
    // B's case holds a step beyond its disclosure: without saying what carries over, it is refused.
    const refused = await recordSameIncidentPair(a.session, onB.caseId, onA.caseId, words('Same disclosure.')).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(RejectedEventError);
    expect((refused as RejectedEventError).explanation.reasons[0]).toMatchObject({
      rule: 'R14.1',
      field: 'carriedOver',
    });
    await recordSameIncidentPair(
      a.session,
      onB.caseId,
      onA.caseId,
      words(
        'Accepted on both tablets the same morning; the DSL carries on in A’s case.',
        'The note about the form tutor: recorded again in A’s case.',
      ),
    );
    await syncBoth(server, a, b);
    for (const t of [a, b]) {
      const dup = await loadCase(on(t), onB.caseId);
      const kept = await loadCase(t.session, onA.caseId);
      // Nothing dropped: B's case still holds its disclosure and its note, and now the closing step.
      expect(dup.events.map((e) => e.type)).toEqual([
        'case.opened',
        'disclosure.recorded',
        'note.added',
        'same-incident.recorded',
      ]);
      expect(closedAsSameIncident(dup.snapshot.context)).toEqual({ caseId: onA.caseId, reference: onA.reference });
      expect(owedToPolicy(dup.snapshot.context)).toEqual([]);
      expect(dup.summary).toMatchObject({ closed: true, due: [], sameIncidentAs: { reference: onA.reference } });
      // The case carried on names the other, and still owes everything.
      expect(kept.summary).toMatchObject({
        closed: false,
        alsoRecordedAs: [{ caseId: onB.caseId, reference: onB.reference }],
      });
      expect(owedToPolicy(kept.snapshot.context).length).toBeGreaterThan(0);
      expect(kept.events.at(-1)).toMatchObject({
        type: 'same-incident.recorded',
        laterSteps: [{ type: 'note.added' }],
        carriedOver: 'The note about the form tutor: recorded again in A’s case.',
      });
    }
    // Recorded once: doing it again is refused.
    const again = await recordSameIncidentPair(on(b), onB.caseId, onA.caseId, words('Again.', 'Again.')).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(RejectedEventError);
  });

  it('never for two cases that are not one disclosure accepted twice', async () => {
    const { server, a, b, onA } = await acceptedApart('Told at the gate.');
    await syncBoth(server, a, b);
    on(a);
    const sealed = await sealDisclosure(draft('Another incident, told later.'));
    const other = await acceptDisclosure(on(a), sealed.id);
    const refused = await recordSameIncidentPair(a.session, other.caseId, onA.caseId, words('Looks the same.')).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(StorageError);
    expect((await loadCase(a.session, other.caseId)).events).toHaveLength(2);
  });

  it('each tablet, apart, closes the other’s case into its own: flagged on both, until a new decision', async () => {
    const { server, a, b, onA, onB } = await acceptedApart('Told on the bus.');
    await syncBoth(server, a, b);
    // Now apart again: A closes B's case into A's; B closes A's case into B's.
    await recordSameIncidentPair(on(a), onB.caseId, onA.caseId, words('A carries on.'));
    await recordSameIncidentPair(on(b), onA.caseId, onB.caseId, words('B carries on.'));
    await syncBoth(server, a, b);
    for (const t of [a, b]) {
      for (const id of [onA.caseId, onB.caseId]) {
        const c = await loadCase(on(t), id);
        const view = sameIncidentOf(c.snapshot.context);
        expect(view.conflict?.text).toContain('neither is carried on');
        expect(closedAsSameIncident(c.snapshot.context)).toBeNull();
        expect(c.summary).toMatchObject({ closed: false, sameIncidentConflict: true });
        expect(owedToPolicy(c.snapshot.context)[0]).toMatchObject({ kind: 'same-incident', rule: 'R14.1' });
      }
    }
    // A key holder on A decides again, knowing both: B's case is closed into A's.
    await recordSameIncidentPair(
      on(a),
      onB.caseId,
      onA.caseId,
      words('Decided again at the DSL meeting: A carries on.'),
    );
    await syncBoth(server, a, b);
    for (const t of [a, b]) {
      const dup = await loadCase(on(t), onB.caseId);
      const kept = await loadCase(t.session, onA.caseId);
      expect(closedAsSameIncident(dup.snapshot.context)?.reference).toBe(onA.reference);
      expect(sameIncidentOf(kept.snapshot.context)).toMatchObject({ conflict: null, closedInto: null });
      expect(kept.summary.alsoRecordedAs).toEqual([{ caseId: onB.caseId, reference: onB.reference }]);
    }
  });
});
