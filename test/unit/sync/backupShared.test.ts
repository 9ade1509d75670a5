// A tablet's backup holds other tablets' steps of shared cases (docs/BACKUP-FORMAT.md, "shared"):
// restored on a fresh tablet it shows the same cases, a fork included, and a case opened on another
// tablet; the new part opens and checks out with Node's own crypto, by the documented recipe.
import { createDecipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, createCase, listSummaries, loadCase } from '../../../src/storage/cases';
import { exportBackup, importBackup } from '../../../src/storage/files/backup';
import { useDatabase } from '../../../src/storage/db';
import { unlock } from '../../../src/storage/keys/keyring';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { PASSPHRASES, setUpDevice, type Device } from '../storage/harness';
import { disclosureDraft, noteDraft } from '../storage/flows';
import { newTablet, on, pullFrom, pushTo } from './tablets';
import { pouch } from './tablet';

const BACKUP_PASSPHRASE = 'Backup passphrase kept in the safe';
let device: Device;
beforeAll(async () => {
  device = await setUpDevice('sync-backup-shared');
});

/** The payload of a backup file, opened with node:crypto only (docs/BACKUP-FORMAT.md, "Decrypting"). */
function openIndependently(text: string) {
  const file = JSON.parse(text);
  const key = pbkdf2Sync(
    Buffer.from(BACKUP_PASSPHRASE.normalize('NFC'), 'utf8'),
    Buffer.from(file.kdf.salt, 'base64'),
    file.kdf.iterations,
    32,
    'sha256',
  );
  const data = Buffer.from(file.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.cipher.iv, 'base64'));
  decipher.setAAD(Buffer.from(file.cipher.aad, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return JSON.parse(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString());
}

const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

/** A chain's head recomputed from its events, as the format describes. */
const headOf = (caseId: string, events: unknown[]) =>
  events.reduce<string>(
    (prev, event, i) =>
      createHash('sha256')
        .update(canonical({ prev, caseId, seq: i + 1, event }), 'utf8')
        .digest('hex'),
    '0'.repeat(64),
  );

describe('a backup of a tablet that shares cases with another', () => {
  it('carries the other tablet’s steps, readable without the app, and restores the same cases', async () => {
    const Pouch = await pouch();
    const server = new Pouch(`backup-shared-server-${Date.now()}`, { adapter: 'memory' });
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    // Case X opened on A; B adds to it while A does too (a fork); case Y opened on B only.
    const sa = on(a);
    const x = await createCase(sa);
    await appendEvent(sa, x.caseId, disclosureDraft(sa));
    await pushTo(a, server);
    await pullFrom(b, server);
    const sb = on(b);
    await appendEvent(sb, x.caseId, noteDraft(sb, 'Added on tablet B.'));
    const y = await createCase(sb);
    await appendEvent(sb, y.caseId, disclosureDraft(sb));
    await pushTo(b, server);
    on(a);
    await appendEvent(sa, x.caseId, noteDraft(sa, 'Added on tablet A meanwhile.'));
    expect(await pullFrom(a, server)).toMatchObject({ refused: [] });
    const onA = { x: await loadCase(sa, x.caseId), y: await loadCase(sa, y.caseId) };
    expect(onA.x.snapshot.context.branches).toMatchObject({ forked: true });
    const listedOnA = (await listSummaries(sa)).summaries.map((s) => s.reference).sort();

    const { text } = await exportBackup(sa, BACKUP_PASSPHRASE);

    // Read with Node's own crypto: B's chains of both cases, each reaching its head.
    const payload = openIndependently(text);
    const shared = payload.shared as {
      caseId: string;
      device: string;
      head: { seq: number; digest: string };
      events: { type: string; text?: string }[];
    }[];
    expect(shared.map((c) => [c.caseId, c.device]).sort()).toEqual(
      [
        [x.caseId, b.device],
        [y.caseId, b.device],
      ].sort(),
    );
    for (const chain of shared) {
      expect(chain.events).toHaveLength(chain.head.seq);
      expect(headOf(chain.caseId, chain.events)).toBe(chain.head.digest);
    }
    expect(shared.find((c) => c.caseId === x.caseId)!.events.map((e) => e.text ?? e.type)).toEqual([
      'Added on tablet B.',
    ]);
    // A's own chain of Y is empty: it was opened on B.
    expect(payload.cases.find((c: { caseId: string }) => c.caseId === y.caseId).events).toEqual([]);

    // Restored on a fresh tablet: the same cases, the fork shown, every chain checking out.
    useDatabase(`sync-backup-shared-restored-${Date.now()}`);
    const result = await importBackup(text, BACKUP_PASSPHRASE);
    expect(result.caseCount).toBe(2);
    const session = await unlock(device.users.dsl, PASSPHRASES.dsl);
    for (const id of [x.caseId, y.caseId]) {
      const restored = await loadCase(session, id);
      const original = id === x.caseId ? onA.x : onA.y;
      expect(restored.events).toEqual(original.events);
      expect(restored.snapshot.context).toEqual(original.snapshot.context);
    }
    expect((await listSummaries(session)).summaries.map((s) => s.reference).sort()).toEqual(listedOnA);
    expect(await fullVerify(session)).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses a file whose other tablet’s steps were edited by someone holding the passphrase', async () => {
    const Pouch = await pouch();
    const server = new Pouch(`backup-shared-server-${Date.now()}-2`, { adapter: 'memory' });
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    const sb = on(b);
    const y = await createCase(sb);
    await appendEvent(sb, y.caseId, disclosureDraft(sb));
    await pushTo(b, server);
    await pullFrom(a, server);
    const { text } = await exportBackup(on(a), BACKUP_PASSPHRASE);
    const payload = openIndependently(text);
    payload.shared[0].events[1].disclosure.account = 'Changed after the backup was made.';
    const { writeSealedFile, BACKUP_FORMAT } = await import('../../../src/storage/files/files');
    const file = JSON.parse(text);
    const forged = await writeSealedFile(BACKUP_FORMAT, file.id, file.createdAt, BACKUP_PASSPHRASE, payload);
    useDatabase(`sync-backup-shared-forged-${Date.now()}`);
    await expect(importBackup(forged, BACKUP_PASSPHRASE)).rejects.toThrow(/does not match its recorded head/);
  });
});
