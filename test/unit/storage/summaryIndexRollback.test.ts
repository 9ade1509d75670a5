// The summary index is a cache, never the record: an older copy of the whole index (head and every
// bucket, coherent with each other) put back must not be laundered by the next write of a session
// that has not checked the index yet, so the next check still rebuilds what the copy got wrong.
import { beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, createCase, listSummaries } from '../../../src/storage/cases';
import { unlock } from '../../../src/storage/index';
import { PASSPHRASES, rawDb, setUpDevice, useCopyOf, type Device } from './harness';
import { disclosureDraft, noteDraft } from './flows';

let device: Device;
let stale: string;
let other: string;
beforeAll(async () => {
  device = await setUpDevice('index-rollback');
  stale = (await createCase(device.session)).caseId;
  other = (await createCase(device.session)).caseId;
  await listSummaries(device.session);
});

describe('an older copy of the whole summary index put back', () => {
  it('is still rebuilt at the next check after a write by a session that had not checked it', async () => {
    const name = await useCopyOf(device);
    const raw = rawDb(name);
    await raw.open();
    const older = await raw.table('meta').where('key').startsWith('summary-index').toArray();
    raw.close();
    // The case moves on after the copy was taken.
    await appendEvent(device.session, stale, disclosureDraft(device.session));
    const expected = (await listSummaries(device.session)).summaries.find((x) => x.caseId === stale)!;
    expect(expected.stage).not.toBe('disclosure');
    const again = rawDb(name);
    await again.open();
    await again.table('meta').bulkPut(older);
    again.close();

    // A session writes a step to another case before it ever lists the cases.
    const writer = await unlock(device.users.deputy, PASSPHRASES.deputy);
    await appendEvent(writer, other, noteDraft(writer));

    const reader = await unlock(device.users.dsl, PASSPHRASES.dsl);
    const listed = (await listSummaries(reader)).summaries.find((x) => x.caseId === stale)!;
    expect(listed.stage).toBe(expected.stage);
    expect(listed.updatedAt).toBe(expected.updatedAt);
  });
});
