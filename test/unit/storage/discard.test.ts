// Discarding an empty case (issue 14) is one more step in the case's own chain: the case keeps its
// record, its chain and the device chain still verify, the summary the home screen reads says it
// is discarded (so the cases list leaves it out), and nothing else is changed or lost.
import { beforeAll, describe, expect, it } from 'vitest';
import { RejectedEventError } from '../../../src/domain/machine';
import { appendEvent, createCase, listSummaries, loadCase } from '../../../src/storage/cases';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { setUpDevice, type Device } from './harness';
import { disclosureDraft } from './flows';

let device: Device;
beforeAll(async () => {
  device = await setUpDevice('discard');
});

const discardDraft = (d: Device, reason = 'Opened by mistake.') => ({
  type: 'case.discarded' as const,
  actor: d.session.actor,
  occurredAt: new Date().toISOString(),
  reason,
});

describe('discarding an empty case', () => {
  it('is recorded in the case chain; the case reloads and verifies, marked discarded in its summary; the other cases are untouched', async () => {
    const s = device.session;
    const kept = await createCase(s);
    await appendEvent(s, kept.caseId, disclosureDraft(s));
    const before = (await listSummaries(s)).summaries.find((x) => x.caseId === kept.caseId);
    const empty = await createCase(s);

    const step = await appendEvent(s, empty.caseId, discardDraft(device));
    expect(step.head.seq).toBe(2);
    expect(step.summary.discarded).toBe(true);

    const loaded = await loadCase(s, empty.caseId);
    expect(loaded.events.map((e) => e.type)).toEqual(['case.opened', 'case.discarded']);
    expect(loaded.snapshot.context.discarded).toMatchObject({ reason: 'Opened by mistake.', by: s.actor });

    const list = await listSummaries(s);
    expect(list.summaries.find((x) => x.caseId === empty.caseId)).toMatchObject({
      reference: empty.reference,
      discarded: true,
    });
    expect(list.summaries.find((x) => x.caseId === kept.caseId)).toEqual(before);

    const report = await fullVerify(s);
    expect(report.problems).toEqual([]);
  });

  it('is refused for a case with anything recorded, and nothing is written', async () => {
    const s = device.session;
    const c = await createCase(s);
    await appendEvent(s, c.caseId, disclosureDraft(s));
    await expect(appendEvent(s, c.caseId, discardDraft(device))).rejects.toBeInstanceOf(RejectedEventError);
    expect((await loadCase(s, c.caseId)).events).toHaveLength(2);
  });
});
