// What a case records of the imagery and the devices that hold it: viewings justified and recorded
// (R11), the deletion plan, its refusals and confirmations (R12), devices secured and collected (R10.2).
import type { CaseEvent, CaseEventOf } from '../events';
import { eventsOf, type CaseRecord, type Stamp } from './record';

export const EVIDENCE_EVENTS = [
  'viewing.justified',
  'viewing.recorded',
  'deletion.planned',
  'deletion.refused',
  'deletion.confirmed',
  'device.secured',
  'device.collected',
] as const satisfies readonly CaseEvent['type'][];

export type EvidenceEvent = CaseEventOf<(typeof EVIDENCE_EVENTS)[number]>;

export const isEvidenceEvent = eventsOf(EVIDENCE_EVENTS);

/** The record after one of these events; `next` is the record with the event counted. */
export function reduceEvidence(c: CaseRecord, e: EvidenceEvent, s: Stamp, next: CaseRecord): CaseRecord {
  switch (e.type) {
    case 'viewing.justified': {
      // A signed viewing record is never overwritten (R11.4): a new justification keeps it.
      const justification = {
        grounds: e.grounds,
        reason: e.reason,
        safeguards: e.safeguards,
        factsNotFromYoungPeople: e.factsNotFromYoungPeople,
        ...s,
      };
      const existing = c.viewings.find((v) => v.id === e.viewingId);
      return {
        ...next,
        viewings: existing
          ? c.viewings.map((v) => (v.id === e.viewingId ? { ...v, justification } : v))
          : [...c.viewings, { id: e.viewingId, justification }],
      };
    }
    case 'viewing.recorded': {
      const existing = c.viewings.find((v) => v.id === e.viewingId);
      const record = {
        unavoidable: e.unavoidable,
        viewer: e.viewer,
        witness: e.witness,
        present: e.present,
        why: e.why,
        actions: e.actions,
        viewerSignature: e.viewerSignature,
        witnessSignature: e.witnessSignature,
        ...s,
      };
      return {
        ...next,
        viewings: existing
          ? c.viewings.map((v) => (v.id === e.viewingId ? { ...v, record } : v))
          : [...c.viewings, { id: e.viewingId, record }],
      };
    }
    case 'deletion.planned':
      return {
        ...next,
        deletion: {
          deadline: e.deadline,
          items: e.items,
          illegalityReminderGiven: e.illegalityReminderGiven,
          confirmations: c.deletion?.confirmations ?? [],
          dropped: [...(c.deletion?.dropped ?? []), ...(e.dropped ?? []).map((d) => ({ ...d, ...s }))],
          refusals: c.deletion?.refusals ?? [],
          ...s,
        },
      };
    case 'deletion.refused':
      return c.deletion
        ? {
            ...next,
            deletion: {
              ...c.deletion,
              refusals: [
                ...(c.deletion.refusals ?? []),
                { personId: e.personId, where: e.where, note: e.note, reminderGiven: e.reminderGiven, ...s },
              ],
            },
          }
        : next;
    case 'deletion.confirmed':
      return c.deletion
        ? {
            ...next,
            deletion: {
              ...c.deletion,
              confirmations: [...c.deletion.confirmations, { personId: e.personId, where: e.where, how: e.how, ...s }],
            },
          }
        : next;
    case 'device.secured':
      return {
        ...next,
        devices: [
          ...c.devices.filter((d) => d.id !== e.deviceId),
          {
            id: e.deviceId,
            description: e.description,
            ownerPersonId: e.ownerPersonId,
            switchedOff: e.switchedOff,
            lockedAway: e.lockedAway,
            where: e.where,
            secured: s,
          },
        ],
      };
    case 'device.collected':
      return {
        ...next,
        devices: c.devices.map((d) =>
          d.id === e.deviceId ? { ...d, collected: { collectedBy: e.collectedBy, reference: e.reference, ...s } } : d,
        ),
      };
  }
}
