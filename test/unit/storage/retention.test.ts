// Destroying a case (docs/SECURITY.md items 3 and 13): two key holders, the domain's gate, one transaction;
// afterwards the chains verify, a signed tombstone remains, and no case data is left to recover.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendEvent, createCase, listSummaries, loadCase } from '../../../src/storage/cases';
import { db, useDatabase } from '../../../src/storage/db';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { DestructionRefusedError, destroyCase } from '../../../src/storage/destroy';
import {
  checkTombstoneFile,
  listDestroyedCases,
  tombstoneFileText,
  unsignedTombstone,
  verifyTombstoneFile,
} from '../../../src/storage/chain/tombstones';
import { CaseDestroyedError } from '../../../src/storage/errors';
import { readLog } from '../../../src/storage/chain/log';
import { exportBackup, importBackup } from '../../../src/storage/files/backup';
import { exportCaseTransfer, importCaseTransfer } from '../../../src/storage/files/transfer';
import { unlock, lock } from '../../../src/storage/index';
import { saveDraft, loadDraft } from '../../../src/storage/drafts';
import { type EncryptedRecord, decryptJson, encryptJson, keyFingerprint, signText } from '../../../src/storage/crypto';
import { canonicalJson } from '../../../src/codec/canonical';
import { secretsOf, type Session } from '../../../src/storage/keys/session';
import { recordId } from '../../../src/storage/chain/chain';
import { PASSPHRASES, rawDb, rawDump, setUpDevice, useCopyOf, type Device } from './harness';
import { SECRET_WORDS, appendClosing, closedCasePastReview, disclosureDraft, noteDraft } from './flows';

let device: Device;
/** Closed, its review date set in the past: ready to destroy. */
let due: string;
/** Closed, review date still to come (2036, Marisol's 25th birthday from her age). */
let notDue: string;
/** Still open. */
let open: string;
/** Another case that stays. */
let other: string;

const at = (m: number) => new Date(Date.UTC(2026, 2, 3, 10, m)).toISOString();

async function closedCase(s: Session, pastReview: boolean): Promise<string> {
  // A review date brought forward needs the second key holder too (issue 15), as in the app.
  if (pastReview)
    return closedCasePastReview(s, {
      userId: device.users.deputy,
      passphrase: PASSPHRASES.deputy,
      ownPassphrase: PASSPHRASES.dsl,
    });
  const c = await createCase(s);
  await appendClosing(device, c.caseId);
  return c.caseId;
}

beforeAll(async () => {
  device = await setUpDevice('retention');
  const s = device.session;
  due = await closedCase(s, true);
  notDue = await closedCase(s, false);
  const o = await createCase(s);
  await appendEvent(s, o.caseId, disclosureDraft(s));
  open = o.caseId;
  const keep = await createCase(s);
  await appendEvent(s, keep.caseId, noteDraft(s, 'An unrelated note about Ravenscroft.'));
  other = keep.caseId;
  await saveDraft(s, `review:${due}`, { rationale: 'Zebedee Quillfeather draft answer' });
  // Writes the checkpoint every copy starts from (it names the case that will be destroyed).
  if (!(await quickVerify(s)).ok) throw new Error('the freshly built device should verify');
});

let name: string;
beforeEach(async () => {
  name = await useCopyOf(device);
  // Destroying a case rotates the data key under the session that did it: each test unlocks its own.
  device.session = await unlock(device.users.dsl, PASSPHRASES.dsl);
});

const request = (over: Partial<Parameters<typeof destroyCase>[2]> = {}) => ({
  reason: 'Retention review: the period has ended and nothing requires keeping it.',
  passphrase: PASSPHRASES.dsl,
  secondUserId: device.users.deputy,
  secondPassphrase: PASSPHRASES.deputy,
  ...over,
});

describe('destroying a case', () => {
  it('leaves a verifying chain, a signed tombstone, and no recoverable case data in a raw dump', async () => {
    const s = device.session;
    const before = await loadCase(s, due);
    // Every ciphertext the case had: its wrapped key, summary, snapshot and each event.
    const oldRow = (await db().cases.get(due))!;
    const oldCiphertexts = [
      oldRow.caseKey.ct,
      oldRow.summary.ct,
      (await db().snapshots.get(due))!.enc.ct,
      ...(await db().events.where('[caseId+seq]').between([due, 0], [due, Infinity]).toArray()).map((r) => r.enc.ct),
    ];
    const t = await destroyCase(s, due, request());

    // The chains still verify: quick (from the checkpoint that named the case) and full (from the genesis).
    expect(await quickVerify(s)).toMatchObject({ ok: true, problems: [] });
    expect(await quickVerify(s)).toMatchObject({ ok: true, problems: [] });
    expect(await fullVerify(s)).toMatchObject({ ok: true, problems: [] });

    // The tombstone: reference, dates, who and why, the final head; its signature verifies on its own.
    expect(t).toMatchObject({
      caseId: due,
      reference: before.summary.reference,
      reviewDate: '2026-03-03',
      destroyedBy: { userId: device.users.dsl, name: 'Dana Shah', role: 'dsl' },
      approvedBy: { userId: device.users.deputy, name: 'Dev Patel', role: 'deputy-dsl' },
      finalHead: before.head,
    });
    expect(t.closedAt).toMatch(/^2026-03-03/);
    expect(await verifyTombstoneFile(tombstoneFileText(t))).toEqual(t);
    const listed = await listDestroyedCases(s);
    expect(listed).toEqual([{ ...t, verified: true }]);
    expect((await readLog(s)).at(-2)).toMatchObject({
      type: 'case.destroyed',
      caseId: due,
      tombstone: t,
      actor: { userId: device.users.dsl },
    });

    // Never openable, never silently missing.
    await expect(loadCase(s, due)).rejects.toBeInstanceOf(CaseDestroyedError);
    const list = await listSummaries(s);
    expect(list.summaries.map((x) => x.caseId).sort()).toEqual([notDue, open, other].sort());
    expect(list.unreadable).toEqual([]);

    // The raw dump: no names, no free text, no wrapped key, no snapshot, no event content.
    const dump = await rawDump(name);
    for (const word of SECRET_WORDS) expect(dump).not.toContain(word);
    expect(await db().cases.get(due)).toBeUndefined();
    expect(await db().snapshots.get(due)).toBeUndefined();
    const rows = await db().events.where('[caseId+seq]').between([due, 0], [due, Infinity]).toArray();
    expect(rows).toHaveLength(before.head.seq);
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(['caseId', 'digest', 'dseq', 'eventId', 'seq']);
    // The draft that named the case's young people is gone too.
    expect(await loadDraft(s, `review:${due}`)).toBeNull();

    // No key left opens anything of the case: every remaining ciphertext opens only to records
    // that are not this case's, and none of them holds its words.
    const { dataKey } = secretsOf(s).keys;
    const opened: string[] = [];
    for (const e of await readLog(s)) opened.push(JSON.stringify(e));
    for (const id of [notDue, open, other]) opened.push(JSON.stringify((await loadCase(s, id)).events));
    const text = opened.join('\n');
    expect(text).toContain(before.summary.reference);
    const stillHere = opened.filter((x) => x.includes('Zebedee'));
    // The other closed case was built from the same words; only it may hold them, never the destroyed one's events.
    for (const ev of before.events) expect(text).not.toContain(ev.id);
    expect(stillHere.length).toBeGreaterThan(0);
    // Not one of the case's ciphertexts (wrapped key, summary, snapshot, events) is left anywhere.
    for (const ct of oldCiphertexts) expect(dump).not.toContain(ct);
    // The home screen's summary index (buckets under the data key) no longer holds the case (the
    // other closed case, built from the same words, may).
    for (const row of await db().meta.where('key').startsWith('summary-index/').toArray()) {
      const b = row as unknown as { bucket: number; enc: EncryptedRecord };
      const bucket = JSON.stringify(await decryptJson(dataKey, recordId.summaryIndex(b.bucket), b.enc));
      expect(bucket).not.toContain(due);
      expect(bucket).not.toContain(before.summary.reference);
    }
    // The tombstone opens under the data key and holds nothing of the young people or the incident.
    const tomb = JSON.stringify(
      await decryptJson(
        dataKey,
        recordId.tombstone(due),
        ((await db().meta.get(`tombstone/${due}`)) as unknown as { enc: EncryptedRecord }).enc,
      ),
    );
    for (const word of SECRET_WORDS) expect(tomb).not.toContain(word);
  });

  it('leaves the remaining cases and a backup of the device whole: the tombstone survives backup and restore', async () => {
    const s = device.session;
    const t = await destroyCase(s, due, request());
    const { text } = await exportBackup(s, 'A long backup passphrase 42', { to: 'USB stick', why: 'Test' });
    for (const word of ['Zebedee', 'Quillfeather']) {
      // The backup is encrypted; its content holds the other case's words but never the destroyed case's events.
      expect(text).not.toContain(word);
    }
    useDatabase(`${name}-restored`);
    await importBackup(text, 'A long backup passphrase 42');
    const restored = await unlock(device.users.deputy, PASSPHRASES.deputy);
    expect(await fullVerify(restored)).toMatchObject({ ok: true, problems: [] });
    expect(await quickVerify(restored)).toMatchObject({ ok: true, problems: [] });
    expect(await listDestroyedCases(restored)).toEqual([{ ...t, verified: true }]);
    await expect(loadCase(restored, due)).rejects.toBeInstanceOf(CaseDestroyedError);
    expect((await listSummaries(restored)).summaries).toHaveLength(3);
    lock(restored);
  });
});

describe('a note of a destroyed case, given back as a file', () => {
  it('is checked: this establishment’s and the same as here; altered, it is refused; signed by another key, it says so', async () => {
    const s = device.session;
    const t = await destroyCase(s, due, request());
    const text = tombstoneFileText(t);
    expect(await checkTombstoneFile(s, text)).toMatchObject({
      tombstone: { caseId: due, reference: t.reference },
      thisEstablishment: true,
      onThisDevice: 'same',
    });
    // Another reason typed into the file: the signature no longer verifies.
    await expect(checkTombstoneFile(s, text.replace(t.reason, 'Destroyed on a whim.'))).rejects.toThrow(
      /signature on this note is not valid/,
    );
    await expect(checkTombstoneFile(s, '{"not":"a note"}')).rejects.toThrow(/damaged|not a note/);
    // A note made with some other key (its own, carried inside it): valid, but not this establishment's.
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const publicKey = { kty: kty!, crv: crv!, x: x!, y: y! } as typeof t.publicKey;
    const unsigned = {
      ...unsignedTombstone(t),
      publicKey,
      keyFingerprint: await keyFingerprint(publicKey),
      reason: 'A forged note.',
    };
    const forged = tombstoneFileText({
      ...unsigned,
      signature: await signText(pair.privateKey, canonicalJson(unsigned)),
    });
    expect(await checkTombstoneFile(s, forged)).toMatchObject({ thisEstablishment: false, onThisDevice: 'different' });
  });
});

describe('a destroyed case stays destroyed', () => {
  it('cannot come back from a transfer file made before it was destroyed', async () => {
    const s = device.session;
    const { text } = await exportCaseTransfer(s, due, {
      passphrase: 'Told to the recipient by phone',
      to: 'Northfield High School',
      why: 'Pupil moved',
    });
    await destroyCase(s, due, request());
    await expect(importCaseTransfer(s, text, 'Told to the recipient by phone')).rejects.toMatchObject({
      message: expect.stringMatching(/was destroyed on this device/),
    });
    await expect(loadCase(s, due)).rejects.toBeInstanceOf(CaseDestroyedError);
    expect(await fullVerify(s)).toMatchObject({ ok: true });
  });
});

describe('destruction is refused, and nothing changes', () => {
  type Case = [
    string,
    () => string,
    () => Partial<Parameters<typeof destroyCase>[2]>,
    DestructionRefusedError['field'],
    RegExp,
    boolean?,
  ];
  it.each<Case>([
    [
      'with one passphrase only (no second passphrase)',
      () => due,
      () => ({ secondPassphrase: '' }),
      'secondPassphrase',
      /Dev Patel must enter their passphrase/,
    ],
    [
      'with the same user twice',
      () => due,
      () => ({ secondUserId: device.users.dsl, secondPassphrase: PASSPHRASES.dsl }),
      'secondUser',
      /someone other than you/,
    ],
    [
      'with a wrong second passphrase',
      () => due,
      () => ({ secondPassphrase: PASSPHRASES.head }),
      'secondPassphrase',
      /passphrase for Dev Patel is not right/,
    ],
    [
      'with a wrong own passphrase',
      () => due,
      () => ({ passphrase: PASSPHRASES.deputy }),
      'passphrase',
      /Your passphrase is not right/,
    ],
    ['on an open case', () => open, () => ({}), 'case', /Only a closed case can be destroyed/],
    ['before the review date', () => notDue, () => ({}), 'case', /kept until 2036-03-02/],
    ['while a legal hold stands', () => due, () => ({}), 'case', /legal hold stands/, true],
    ['with no reason', () => due, () => ({ reason: ' ' }), 'case', /why the case is destroyed/],
  ])('%s', async (_, caseId, over, field, message, hold) => {
    const s = device.session;
    if (hold)
      await appendEvent(s, due, {
        type: 'legal-hold.set',
        actor: s.actor,
        occurredAt: at(9),
        reason: 'Police investigation, ref 44/2026.',
      });
    // A wrong passphrase counts towards the unlock slow-down (the throttle row); nothing else may change.
    const dump = async () => (await rawDump(name)).replace(/,?\{"key":"throttle"[^}]*\}/, '');
    const before = await dump();
    const error = await destroyCase(s, caseId(), request(over())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DestructionRefusedError);
    expect(error).toMatchObject({ field, message: expect.stringMatching(message) });
    db().close();
    expect(await dump()).toBe(before);
    useDatabase(name);
    await expect(loadCase(s, caseId())).resolves.toMatchObject({ caseId: caseId() });
  });
});

describe('tampering after destruction is detected', () => {
  async function destroyThenTamper(fn: (raw: ReturnType<typeof rawDb>) => Promise<void>) {
    await destroyCase(device.session, due, request());
    db().close();
    const raw = rawDb(name);
    await raw.open();
    await fn(raw);
    raw.close();
    useDatabase(name);
  }

  it('an edited tombstone (one ciphertext byte)', async () => {
    await destroyThenTamper(async (raw) => {
      const row = await raw.table('meta').get(`tombstone/${due}`);
      const ct = Buffer.from(row.enc.ct, 'base64');
      ct[3] = ct[3]! ^ 1;
      await raw.table('meta').put({ ...row, enc: { ...row.enc, ct: ct.toString('base64') } });
    });
    expect((await quickVerify(device.session)).problems[0]).toMatchObject({
      caseId: due,
      kind: 'edited',
      message: expect.stringMatching(/no longer decrypts/),
    });
    expect((await fullVerify(device.session)).ok).toBe(false);
  });

  it('a tombstone re-written by someone with the data key (another reason) fails its signature', async () => {
    await destroyCase(device.session, due, request());
    const { dataKey } = secretsOf(device.session).keys;
    const row = (await db().meta.get(`tombstone/${due}`)) as unknown as { enc: EncryptedRecord };
    const t = await decryptJson<Record<string, unknown>>(dataKey, recordId.tombstone(due), row.enc);
    await db().meta.put({
      ...(row as object),
      enc: await encryptJson(dataKey, recordId.tombstone(due), { ...t, reason: 'Nothing to see here.' }),
    } as never);
    const report = await fullVerify(device.session);
    expect(report.problems.map((p) => p.message)).toContain(
      `The signature on the note left by destroyed case ${String(t.reference)} is not valid: it was altered.`,
    );
    expect((await listDestroyedCases(device.session))[0]).toMatchObject({ verified: false });
  });

  it('a removed tombstone', async () => {
    await destroyThenTamper(async (raw) => {
      await raw.table('meta').delete(`tombstone/${due}`);
    });
    expect((await quickVerify(device.session)).ok).toBe(false);
    const full = await fullVerify(device.session);
    expect(full.problems.map((p) => p.message).join(' ')).toMatch(/note left by destroyed case .* has been removed/);
  });

  it('a removed event row of the destroyed case', async () => {
    await destroyThenTamper(async (raw) => {
      await raw.table('events').delete([due, 2]);
    });
    const full = await fullVerify(device.session);
    expect(full.ok).toBe(false);
    expect(full.problems[0]).toMatchObject({
      caseId: due,
      message: expect.stringMatching(/event 2 of destroyed case/),
    });
  });

  it('an edited head beside the tombstone', async () => {
    await destroyThenTamper(async (raw) => {
      const row = await raw.table('meta').get(`tombstone/${due}`);
      await raw.table('meta').put({ ...row, head: { ...row.head, seq: row.head.seq - 1 } });
    });
    expect((await quickVerify(device.session)).ok).toBe(false);
    expect((await fullVerify(device.session)).problems[0]).toMatchObject({
      caseId: due,
      message: expect.stringMatching(/does not match its stored record/),
    });
  });
});
