// Backup: round trip into an empty device, every bad file refused with its own message and nothing changed, and an independent decrypt with node:crypto.
import { createCipheriv, createDecipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBackup, importBackup, lastBackupAt } from '../../../src/storage/files/backup';
import { appendEvent, createCase, listSummaries, loadCase } from '../../../src/storage/cases';
import { db, useDatabase } from '../../../src/storage/db';
import { detectLostDatabase } from '../../../src/storage/durability';
import { ImportError } from '../../../src/storage/errors';
import { sealDisclosure, listInbox } from '../../../src/storage/inbox';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { unlock } from '../../../src/storage/keys/keyring';
import { readLog } from '../../../src/storage/chain/log';
import { lock } from '../../../src/storage/keys/session';
import { PASSPHRASES, rawDump, setUpDevice, type Device } from './harness';
import { disclosureDraft, noteDraft, reviewDraft } from './flows';

const BACKUP_PASSPHRASE = 'Backup passphrase kept in the safe';

let device: Device;
let caseId: string;
let text: string;
beforeAll(async () => {
  device = await setUpDevice('backup-source');
  const s = device.session;
  const c = await createCase(s);
  caseId = c.caseId;
  await appendEvent(s, caseId, disclosureDraft(s));
  await appendEvent(s, caseId, reviewDraft(s));
  await appendEvent(s, caseId, noteDraft(s));
  await createCase(s);
  await sealDisclosure({
    writer: { name: 'Sam Teacher' },
    disclosure: {
      ...(disclosureDraft(s) as unknown as { disclosure: object }).disclosure,
      account: 'Sealed before the backup.',
    } as never,
    persons: (disclosureDraft(s) as unknown as { persons: never }).persons,
  });
  text = (await exportBackup(s, BACKUP_PASSPHRASE, { to: 'School safe, USB stick 2', why: 'Weekly backup' })).text;
});

let n = 0;
/** A fresh, empty device. */
function emptyDevice(): string {
  const name = `backup-target-${++n}`;
  useDatabase(name);
  return name;
}

/** Tries a restore into a fresh empty device: the error, and whether the device was left exactly as it was. */
async function refusal(
  file: string,
  passphrase: string,
): Promise<{ error: unknown; isImportError: boolean; reason?: string; message?: string; unchanged: boolean }> {
  const name = emptyDevice();
  const before = await rawDump(name);
  const error = await importBackup(file, passphrase).catch((e: unknown) => e);
  const e = error as ImportError;
  return {
    error,
    isImportError: error instanceof ImportError,
    reason: e?.reason,
    message: e?.message,
    unchanged: (await rawDump(name)) === before,
  };
}
const refused = (reason: string, message: RegExp) => ({
  isImportError: true,
  reason,
  message: expect.stringMatching(message),
  unchanged: true,
});

describe('the backup file', () => {
  it('is plain JSON stating its KDF (PBKDF2-HMAC-SHA-256, 600,000, 16-byte salt), cipher and AAD', () => {
    const file = JSON.parse(text);
    expect(file).toMatchObject({
      format: 'ypsi-response-backup',
      version: 1,
      kdf: { algorithm: 'PBKDF2-HMAC-SHA-256', iterations: 600_000 },
      cipher: { algorithm: 'AES-256-GCM', tagBytes: 16, aad: `ypsi-response-backup/1/${file.id}` },
    });
    expect(Buffer.from(file.kdf.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(file.cipher.iv, 'base64')).toHaveLength(12);
    for (const word of ['Zebedee', 'Marisol', 'Lighthouse', 'Sealed before']) expect(text).not.toContain(word);
  });

  it('opens with Node’s own crypto (pbkdf2Sync + aes-256-gcm), not the app’s code', () => {
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
    const payload = JSON.parse(
      Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8'),
    );
    expect(payload.format).toBe('ypsi-response-backup-payload');
    const c = payload.cases.find((x: { caseId: string }) => x.caseId === caseId);
    expect(c.events.map((e: { type: string }) => e.type)).toEqual([
      'case.opened',
      'disclosure.recorded',
      'review.decided',
      'note.added',
    ]);
    expect(c.events[1].persons[0].name).toBe('Zebedee Quillfeather');
    expect(payload.log.entries[0].type).toBe('establishment.set-up');
    expect(payload.establishment.settings.establishment.name).toBe('Hillside Academy');

    // The chain, recomputed as docs/BACKUP-FORMAT.md says, with a canonical JSON written here.
    const canonical = (v: unknown): string =>
      Array.isArray(v)
        ? `[${v.map(canonical).join(',')}]`
        : v !== null && typeof v === 'object'
          ? `{${Object.keys(v)
              .sort()
              .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
              .join(',')}}`
          : JSON.stringify(v);
    let prev = '0'.repeat(64);
    c.events.forEach((event: unknown, i: number) => {
      prev = createHash('sha256')
        .update(canonical({ prev, caseId, seq: i + 1, event }), 'utf8')
        .digest('hex');
    });
    expect(prev).toBe(c.head.digest);
  });

  it('is logged: who, when, to whom, why', async () => {
    useDatabase(device.name);
    expect(await lastBackupAt(device.session)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const last = (await readLog(device.session)).at(-1);
    expect(last).toMatchObject({
      type: 'export.made',
      kind: 'backup',
      to: 'School safe, USB stick 2',
      why: 'Weekly backup',
      actor: { userId: device.users.dsl },
    });
  });
});

describe('restoring', () => {
  it('into an empty device rebuilds every case, re-chains, and opens with the same passphrases', async () => {
    const target = emptyDevice();
    expect(await detectLostDatabase()).toBe('fresh-install');
    const result = await importBackup(text, BACKUP_PASSPHRASE);
    expect(result.caseCount).toBe(2);
    expect(await detectLostDatabase()).toBe('ok');
    const session = await unlock(device.users.deputy, PASSPHRASES.deputy);
    const restored = await loadCase(session, caseId);
    useDatabase(device.name);
    const original = await loadCase(device.session, caseId);
    useDatabase(target);
    expect(restored.events).toEqual(original.events);
    expect(restored.head).toEqual(original.head);
    expect(restored.snapshot.context).toEqual(original.snapshot.context);
    expect((await listSummaries(session)).summaries).toHaveLength(2);
    expect(await listInbox(session)).toEqual([
      expect.objectContaining({ readable: true, writer: { name: 'Sam Teacher' } }),
    ]);
    expect((await readLog(session)).at(-2)).toMatchObject({ type: 'backup.restored', actor: { role: 'system' } });
    expect(await fullVerify(session)).toMatchObject({ ok: true, problems: [] });
    lock(session);
  });

  it('refuses a device that already holds cases, changing nothing', async () => {
    useDatabase(device.name);
    const before = await rawDump(device.name);
    await expect(importBackup(text, BACKUP_PASSPHRASE)).rejects.toMatchObject({
      reason: 'device-not-empty',
      message: expect.stringMatching(/already holds 2 cases/),
    });
    expect(await rawDump(device.name)).toBe(before);
  });

  it('refuses a wrong passphrase', async () => {
    expect(await refusal(text, 'Not the backup passphrase')).toMatchObject(
      refused('wrong-passphrase', /passphrase does not open this file/),
    );
  });
  it('refuses a truncated file', async () => {
    expect(await refusal(text.slice(0, Math.floor(text.length / 2)), BACKUP_PASSPHRASE)).toMatchObject(
      refused('truncated', /incomplete/),
    );
  });
  it('refuses random bytes', async () => {
    expect(await refusal(randomBytes(300).toString('latin1'), BACKUP_PASSPHRASE)).toMatchObject(
      refused('not-a-file', /not a backup/),
    );
  });
  it('refuses valid JSON of the wrong shape', async () => {
    expect(
      await refusal(JSON.stringify({ format: 'ypsi-response-backup', version: 1, cases: [] }), BACKUP_PASSPHRASE),
    ).toMatchObject(refused('corrupt', /damaged/));
  });
  it('refuses a newer format version', async () => {
    expect(await refusal(JSON.stringify({ ...JSON.parse(text), version: 2 }), BACKUP_PASSPHRASE)).toMatchObject(
      refused('unsupported-version', /newer version/),
    );
  });
  it('refuses another kind of file', async () => {
    expect(
      await refusal(JSON.stringify({ ...JSON.parse(text), format: 'ypsi-response-case-transfer' }), BACKUP_PASSPHRASE),
    ).toMatchObject(refused('wrong-kind', /case transfer file, not a backup/));
  });
  it('refuses KDF iterations lowered below the floor', async () => {
    const file = JSON.parse(text);
    expect(
      await refusal(JSON.stringify({ ...file, kdf: { ...file.kdf, iterations: 10_000 } }), BACKUP_PASSPHRASE),
    ).toMatchObject(refused('weak-kdf', /weaker than this app accepts/));
  });
  it('refuses a flipped ciphertext byte', async () => {
    const file = JSON.parse(text);
    const ct = Buffer.from(file.ciphertext, 'base64');
    ct[10] = ct[10]! ^ 1;
    expect(
      await refusal(JSON.stringify({ ...file, ciphertext: ct.toString('base64') }), BACKUP_PASSPHRASE),
    ).toMatchObject(refused('wrong-passphrase', /or the file was altered/));
  });

  it('refuses a payload whose events were edited by someone holding the passphrase (the replay must reproduce every head)', async () => {
    const file = JSON.parse(text);
    const salt = Buffer.from(file.kdf.salt, 'base64');
    const key = pbkdf2Sync(Buffer.from(BACKUP_PASSPHRASE, 'utf8'), salt, file.kdf.iterations, 32, 'sha256');
    const data = Buffer.from(file.ciphertext, 'base64');
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(file.cipher.iv, 'base64'));
    d.setAAD(Buffer.from(file.cipher.aad));
    d.setAuthTag(data.subarray(-16));
    const payload = JSON.parse(Buffer.concat([d.update(data.subarray(0, -16)), d.final()]).toString('utf8'));
    payload.cases.find((c: { caseId: string }) => c.caseId === caseId).events[3].text = 'Rewritten after the fact.';
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(Buffer.from(file.cipher.aad));
    const ct = Buffer.concat([c.update(Buffer.from(JSON.stringify(payload), 'utf8')), c.final(), c.getAuthTag()]);
    expect(
      await refusal(
        JSON.stringify({
          ...file,
          cipher: { ...file.cipher, iv: iv.toString('base64') },
          ciphertext: ct.toString('base64'),
        }),
        BACKUP_PASSPHRASE,
      ),
    ).toMatchObject(refused('corrupt', /does not match its recorded head/));
  });
});

it('a device that is not empty is never written to by a failed restore (sanity: the source is untouched)', async () => {
  useDatabase(device.name);
  expect(await db().cases.count()).toBe(2);
});
