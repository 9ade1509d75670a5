// Issue 15 item 3: a review date brought forward opens the door to destruction, so it needs the same
// two key holders as destruction, each with their passphrase; a later date needs one, with a reason.
// A legal hold refuses bringing it forward. Over the real storage on fake-indexeddb.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendEvent, createCase, loadCase } from '../../../src/storage/cases';
import {
  ReviewDateRefusedError,
  reviewDateNeedsTwo,
  setReviewDate,
} from '../../../src/storage/summary-index/reviewDate';
import { unlock } from '../../../src/storage/index';
import { reviewDate } from '../../../src/domain/retention';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from './harness';
import { appendClosing } from './flows';

let device: Device;
let closed: string;

beforeAll(async () => {
  device = await setUpDevice('review-date');
  const c = await createCase(device.session);
  await appendClosing(device, c.caseId);
  closed = c.caseId;
});
beforeEach(async () => {
  await useCopyOf(device);
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ReviewDateRefusedError,
  );
const at = '2026-03-04T10:00:00.000Z';

describe('moving a review date', () => {
  it('later: one key holder with a reason; the date it replaces is recorded', async () => {
    const s = await unlock(device.users.dsl, PASSPHRASES.dsl);
    const before = reviewDate((await loadCase(s, closed)).snapshot.context).date!;
    expect(await reviewDateNeedsTwo(s, closed, '2060-01-01')).toEqual({ from: before, earlier: false });
    const r = await setReviewDate(s, closed, {
      kind: 'date-set',
      date: '2060-01-01',
      reason: 'The local authority asked us to keep it longer.',
      occurredAt: at,
    });
    expect(r.event).toMatchObject({ type: 'retention.date-set', reviewDate: '2060-01-01', replaces: before });
    expect(r.event).not.toHaveProperty('approvedBy');
  });

  it('earlier, by one key holder alone: refused, and nothing is written', async () => {
    const s = await unlock(device.users.dsl, PASSPHRASES.dsl);
    const head = (await loadCase(s, closed)).head;
    expect((await reviewDateNeedsTwo(s, closed, '2026-12-01')).earlier).toBe(true);
    const e = await refusal(
      setReviewDate(s, closed, { kind: 'date-set', date: '2026-12-01', reason: 'Reviewed early.', occurredAt: at }),
    );
    expect(e).toBeInstanceOf(ReviewDateRefusedError);
    expect(e).toMatchObject({ field: 'secondUser' });
    const wrong = await refusal(
      setReviewDate(s, closed, {
        kind: 'date-set',
        date: '2026-12-01',
        reason: 'Reviewed early.',
        occurredAt: at,
        passphrase: PASSPHRASES.dsl,
        secondUserId: device.users.deputy,
        secondPassphrase: PASSPHRASES.dsl,
      }),
    );
    expect(wrong).toMatchObject({
      field: 'secondPassphrase',
      message: expect.stringMatching(/their own passphrase, not yours/),
    });
    expect((await loadCase(s, closed)).head).toEqual(head);
  });

  it('earlier, with both key holders’ passphrases: recorded with who agreed', async () => {
    const s = await unlock(device.users.dsl, PASSPHRASES.dsl);
    const r = await setReviewDate(s, closed, {
      kind: 'date-set',
      date: '2026-12-01',
      reason: 'Reviewed early at the local authority’s request.',
      occurredAt: at,
      passphrase: PASSPHRASES.dsl,
      secondUserId: device.users.deputy,
      secondPassphrase: PASSPHRASES.deputy,
    });
    expect(r.event).toMatchObject({
      reviewDate: '2026-12-01',
      approvedBy: { userId: device.users.deputy, role: 'deputy-dsl', name: 'Dev Patel' },
    });
    expect(reviewDate(r.snapshot.context).date).toBe('2026-12-01');
  });

  it('earlier, while a legal hold stands: refused with the hold’s reason, before any passphrase is tried', async () => {
    const s = await unlock(device.users.dsl, PASSPHRASES.dsl);
    await appendEvent(s, closed, {
      type: 'legal-hold.set',
      actor: s.actor,
      occurredAt: at,
      reason: 'Police investigation, ref 44/2026.',
    });
    const e = await refusal(
      setReviewDate(s, closed, {
        kind: 'date-set',
        date: '2026-12-01',
        reason: 'Early.',
        occurredAt: at,
        passphrase: 'wrong',
        secondUserId: device.users.deputy,
        secondPassphrase: 'wrong too',
      }),
    );
    expect(e).toMatchObject({ field: 'case', message: expect.stringContaining('Police investigation, ref 44/2026.') });
  });

  it('cannot be written as a plain event, around the two-key check', async () => {
    const s = await unlock(device.users.dsl, PASSPHRASES.dsl);
    await expect(
      appendEvent(s, closed, {
        type: 'retention.date-set',
        actor: s.actor,
        occurredAt: at,
        reviewDate: '2026-03-05',
        reason: 'x',
        replaces: null,
        approvedBy: { userId: device.users.deputy, role: 'deputy-dsl', name: 'Dev Patel' },
      }),
    ).rejects.toThrow(/setReviewDate/);
  });
});
