// Security review of destruction (docs/SECURITY.md items 3 and 13): nothing of a destroyed case may come
// back through a cache that outlives it: a draft of one of its steps that names nobody, or an
// older copy of the summary index put back after the destruction.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCase, listSummaries } from '../../../src/storage/cases';
import { db } from '../../../src/storage/db';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { destroyCase } from '../../../src/storage/destroy';
import { unlock } from '../../../src/storage/index';
import { loadDraft, saveDraft } from '../../../src/storage/drafts';
import { secretsOf } from '../../../src/storage/keys/session';
import { encryptJson } from '../../../src/storage/crypto';
import { recordId } from '../../../src/storage/chain/chain';
import { PASSPHRASES, rawDb, setUpDevice, useCopyOf, type Device } from './harness';
import { closedCasePastReview } from './flows';

let device: Device;
let due: string;
let other: string;

beforeAll(async () => {
  device = await setUpDevice('leftovers');
  due = await closedCasePastReview(device.session, {
    userId: device.users.deputy,
    passphrase: PASSPHRASES.deputy,
    ownPassphrase: PASSPHRASES.dsl,
  });
  other = (await createCase(device.session)).caseId;
  await listSummaries(device.session);
  if (!(await quickVerify(device.session)).ok) throw new Error('the freshly built device should verify');
});

let name: string;
beforeEach(async () => {
  name = await useCopyOf(device);
  // Destroying a case rotates the data key under the session that did it: each test unlocks its own.
  device.session = await unlock(device.users.dsl, PASSPHRASES.dsl);
});

const request = {
  reason: 'Retention review: the period has ended.',
  passphrase: PASSPHRASES.dsl,
  secondUserId: '',
  secondPassphrase: PASSPHRASES.deputy,
};

describe('after a case is destroyed', () => {
  it('a draft of one of its steps is gone even when it names nobody (its form key names the case)', async () => {
    const s = device.session;
    const key = `/case/${due}/referrals:note`;
    await saveDraft(s, key, 'Rang the liaison officer at four; waiting to hear back.');
    const keep = `/case/${other}/referrals:note`;
    await saveDraft(s, keep, 'A draft of another case stays.');
    // The deputy's draft of the same step, too (drafts are per user).
    const deputy = await unlock(device.users.deputy, PASSPHRASES.deputy);
    await saveDraft(deputy, key, 'Deputy’s unsaved answer.');
    expect(await db().drafts.count()).toBe(3);

    await destroyCase(s, due, { ...request, secondUserId: device.users.deputy });
    expect(await loadDraft(s, key)).toBeNull();
    expect(await loadDraft(deputy, key)).toBeNull();
    expect(await loadDraft(s, keep)).toBe('A draft of another case stays.');
    expect(await db().drafts.count()).toBe(1);
  });

  it('a form still open on the case, flushed at the next lock, keeps nothing', async () => {
    const s = device.session;
    await destroyCase(s, due, { ...request, secondUserId: device.users.deputy });
    const before = await db().drafts.count();
    await saveDraft(s, `/cases/${due}/referrals:note`, 'Typed before the case was destroyed.');
    expect(await loadDraft(s, `/cases/${due}/referrals:note`)).toBeNull();
    expect(await db().drafts.count()).toBe(before);
    // Other forms are kept as before.
    await saveDraft(s, `/cases/${other}/referrals:note`, 'Another case.');
    expect(await loadDraft(s, `/cases/${other}/referrals:note`)).toBe('Another case.');
  });

  it('a copy of the summary index from before the destruction, put back, does not bring the case back to the list', async () => {
    const s = device.session;
    const raw = rawDb(name);
    await raw.open();
    const before = await raw.table('meta').where('key').startsWith('summary-index').toArray();
    raw.close();
    expect(before.length).toBeGreaterThan(1);

    await destroyCase(s, due, { ...request, secondUserId: device.users.deputy });
    const again = rawDb(name);
    await again.open();
    await again.table('meta').bulkPut(before);
    again.close();

    const fresh = await unlock(device.users.dsl, PASSPHRASES.dsl);
    const list = await listSummaries(fresh);
    expect(list.summaries.map((x) => x.caseId)).toEqual([other]);
    // The old copy does not even open: the destruction rotated the data key. It is rebuilt from the cases.
    expect(list.indexRepairs.length).toBeGreaterThan(0);
  });
});

describe('drafts kept before their form key was stored with them', () => {
  it('still open to their answers', async () => {
    const s = device.session;
    await saveDraft(s, 'old:form', 'placeholder');
    const [row] = await db().drafts.toArray();
    // As written before: the bare answers, no form key.
    await db().drafts.put({
      ...row!,
      enc: await encryptJson(secretsOf(s).keys.dataKey, recordId.draft(row!.id), { reason: 'Older answers' }),
    });
    expect(await loadDraft(s, 'old:form')).toEqual({ reason: 'Older answers' });
  });
});
