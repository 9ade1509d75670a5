// Case store: one transaction per step, nothing written on a refusal, nothing readable at rest (docs/SECURITY.md tests 1 and 2).
import { dataKeyBytesWithPassphrase } from '../../../src/storage/keys/keyring';
import { hkdfSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { RejectedEventError } from '../../../src/domain/machine';
import { appendEvent, createCase, listSummaries, loadCase } from '../../../src/storage/cases';
import { readCaseRow } from '../../../src/storage/caseSteps';
import { bytesToBase64, bytesToHex, decryptJson, exportKeyForTest, unwrapCaseKey } from './cryptoForTests';
import { db } from '../../../src/storage/db';
import { loadDraft, saveDraft } from '../../../src/storage/drafts';
import { CaseNotFoundError, IntegrityError, StorageError } from '../../../src/storage/errors';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { secretsOf } from '../../../src/storage/keys/session';
import { PASSPHRASES, rawDb, rawDump, setUpDevice, type Device } from './harness';
import { SECRET_WORDS, disclosureDraft, noteDraft, refusedDraft, reviewDraft } from './flows';

let device: Device;
beforeAll(async () => {
  device = await setUpDevice('cases');
});

async function openCase() {
  const s = device.session;
  const c = await createCase(s);
  await appendEvent(s, c.caseId, disclosureDraft(s));
  await appendEvent(s, c.caseId, reviewDraft(s));
  await appendEvent(s, c.caseId, noteDraft(s));
  return c;
}

describe('a case', () => {
  it('opens with a readable reference, a per-case key and the case.opened event', async () => {
    const c = await createCase(device.session);
    const next = await createCase(device.session);
    expect(c.reference).toMatch(/^YPSI-\d{4}-\d{4}$/);
    expect(Number(next.reference.slice(-4))).toBe(Number(c.reference.slice(-4)) + 1);
    expect(c.event.type).toBe('case.opened');
    expect(c.head.seq).toBe(1);
    const row = await readCaseRow(c.caseId);
    expect(row.stage).toBe('disclosure');
    expect(row.caseKey.ct).not.toBe((await readCaseRow(next.caseId)).caseKey.ct);
  });

  it('records each step with its chain digest and reloads to the same snapshot and events', async () => {
    const c = await openCase();
    const loaded = await loadCase(device.session, c.caseId);
    expect(loaded.events.map((e) => e.type)).toEqual([
      'case.opened',
      'disclosure.recorded',
      'review.decided',
      'note.added',
    ]);
    expect(loaded.head.seq).toBe(4);
    expect(loaded.summary.stage).toBe('riskAssessment');
    expect(loaded.snapshot.value).toBe('riskAssessment');
    expect(loaded.events.every((e) => e.actor.userId === device.users.dsl && e.recordedAt && e.id)).toBe(true);
    const rows = await db().events.where('[caseId+seq]').between([c.caseId, 0], [c.caseId, Infinity]).toArray();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(new Set(rows.map((r) => r.digest)).size).toBe(4);
  });

  it('writes nothing at all when the machine refuses a step, and says why', async () => {
    const c = await createCase(device.session);
    const before = await rawDump(device.name);
    const error = await appendEvent(device.session, c.caseId, refusedDraft(device.session)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RejectedEventError);
    expect((error as RejectedEventError).explanation.reasons.length).toBeGreaterThan(0);
    expect(await rawDump(device.name)).toBe(before);
  });

  it('refuses an event stamped with someone else as its actor', async () => {
    const c = await createCase(device.session);
    const draft = {
      ...noteDraft(device.session),
      actor: { userId: device.users.head, role: 'headteacher' as const, name: 'Helen Okafor' },
    };
    await expect(appendEvent(device.session, c.caseId, draft)).rejects.toThrow(StorageError);
  });

  it('keeps concurrent steps in one order, each chained on the last', async () => {
    const c = await createCase(device.session);
    await appendEvent(device.session, c.caseId, disclosureDraft(device.session));
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) => appendEvent(device.session, c.caseId, noteDraft(device.session, `note ${i}`))),
    );
    const loaded = await loadCase(device.session, c.caseId);
    expect(loaded.head.seq).toBe(7);
    expect(loaded.snapshot.context.notes).toHaveLength(5);
  });

  it('refuses a case that is not on the device', async () => {
    await expect(appendEvent(device.session, 'no-such-case', noteDraft(device.session))).rejects.toThrow(
      CaseNotFoundError,
    );
  });

  it('lists decrypted summaries, newest first, without opening whole cases', async () => {
    const c = await openCase();
    const { summaries, unreadable } = await listSummaries(device.session);
    expect(unreadable).toEqual([]);
    expect(summaries[0]!.caseId).toBe(c.caseId);
    expect(summaries[0]!.names).toContain('Zebedee Quillfeather');
  });

  it('refuses a snapshot put back from an earlier step (its AAD names the head it belongs to)', async () => {
    const c = await createCase(device.session);
    await appendEvent(device.session, c.caseId, disclosureDraft(device.session));
    const old = await db().snapshots.get(c.caseId);
    await appendEvent(device.session, c.caseId, noteDraft(device.session));
    await db().snapshots.put(old!);
    await expect(loadCase(device.session, c.caseId)).rejects.toThrow(IntegrityError);
    await expect(appendEvent(device.session, c.caseId, noteDraft(device.session))).rejects.toThrow(IntegrityError);
  });
});

describe('at rest (docs/SECURITY.md test 1, unit level)', () => {
  it('a raw dump of every store holds none of the names or notes, no passphrase and no key bytes', async () => {
    const c = await openCase();
    await saveDraft(device.session, `case/${c.caseId}/note`, { text: 'Marisol draft Lighthouse-orchid-7731' });
    expect(await loadDraft(device.session, `case/${c.caseId}/note`)).toEqual({
      text: 'Marisol draft Lighthouse-orchid-7731',
    });
    const dump = await rawDump(device.name);
    const { bytes: root } = await dataKeyBytesWithPassphrase(device.session, PASSPHRASES.dsl);
    const info = (label: string) => Buffer.from(`ypsi/establishment/v1/${label}`);
    const dataKey = new Uint8Array(hkdfSync('sha256', root, new Uint8Array(0), info('data-key'), 32));
    const macKey = new Uint8Array(hkdfSync('sha256', root, new Uint8Array(0), info('mac-key'), 32));
    const row = await readCaseRow(c.caseId);
    const caseKey = await exportKeyForTest(
      await unwrapCaseKey(row.caseKey, secretsOf(device.session).keys.dataKey, c.caseId, { extractable: true }),
    );
    const forbidden = [
      ...SECRET_WORDS,
      ...Object.values(PASSPHRASES),
      device.recoveryKey,
      device.recoveryKey.replaceAll('-', ''),
      ...[root, dataKey, macKey, caseKey].flatMap((k) => [
        bytesToBase64(k),
        bytesToHex(k),
        bytesToBase64(k).slice(0, 20),
      ]),
    ];
    expect(dump).toContain('Hillside Academy'); // the public settings are meant to be readable: the dump is real
    for (const word of forbidden)
      expect(dump.toLowerCase(), `raw storage contains "${word}"`).not.toContain(word.toLowerCase());
  });
});

describe('AAD binding (docs/SECURITY.md test 2)', () => {
  it('record A’s ciphertext written over record B does not decrypt', async () => {
    const c = await openCase();
    const raw = rawDb(device.name);
    await raw.open();
    const a = await raw.table('events').get([c.caseId, 2]);
    const b = await raw.table('events').get([c.caseId, 4]);
    await raw.table('events').put({ ...b, enc: a.enc });
    raw.close();
    const key = await unwrapCaseKey(
      (await readCaseRow(c.caseId)).caseKey,
      secretsOf(device.session).keys.dataKey,
      c.caseId,
    );
    await expect(decryptJson(key, b.eventId, a.enc)).rejects.toThrow(/does not decrypt/);
    await expect(loadCase(device.session, c.caseId)).rejects.toMatchObject({ problem: { kind: 'edited', seq: 4 } });
    const report = await fullVerify(device.session);
    expect(report.problems.find((p) => p.caseId === c.caseId)).toMatchObject({ kind: 'edited', seq: 4 });
  });
});
