// Backups and the key layout (docs/BACKUP-FORMAT.md): a backup made after a removal carries nothing the removed passphrase opens; Node's own crypto opens the layout, not the app's code.
import {
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  pbkdf2Sync,
  type KeyObject,
} from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBackup, importBackup } from '../../../src/storage/files/backup';
import { appendEvent, createCase, listSummaries } from '../../../src/storage/cases';
import { closeDatabase, useDatabase } from '../../../src/storage/db';
import { UnknownUserError } from '../../../src/storage/errors';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { unlock } from '../../../src/storage/keys/keyring';
import { lock } from '../../../src/storage/keys/session';
import { removeUser } from '../../../src/storage/keys/users';
import { PASSPHRASES, rawDb, setUpDevice, type Device } from './harness';
import { disclosureDraft } from './flows';

const BACKUP_PASSPHRASE = 'Backup passphrase kept in the safe';
let device: Device;
let text: string;
beforeAll(async () => {
  device = await setUpDevice('key-layout-backup');
  const s = device.session;
  const c = await createCase(s);
  await appendEvent(s, c.caseId, disclosureDraft(s));
  await removeUser(s, device.users.deputy, 'Left the school');
  text = (await exportBackup(s, BACKUP_PASSPHRASE)).text;
  lock(s);
});

/** AES-256-GCM with the tag at the end, as every file and wrap here stores it. */
function gcmOpen(key: Buffer, iv: string, aad: string, ct: string): Buffer {
  const data = Buffer.from(ct, 'base64');
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]);
}

type Row = {
  userId: string;
  kind: string;
  displayName: string | null;
  holder: {
    publicJwk: JsonWebKey;
    privateKey: { kdf: { salt: string; iterations: number }; iv: string; ct: string };
  } | null;
  dataKey: null | { epoch: string; epk: JsonWebKey; salt: string; iv: string; ct: string };
};

/** A key holder's private key, opened with Node's crypto from their passphrase as docs/BACKUP-FORMAT.md says. */
function openPrivateKey(row: Row, passphrase: string): KeyObject {
  const w = row.holder!.privateKey;
  const kek = pbkdf2Sync(
    Buffer.from(passphrase.normalize('NFC'), 'utf8'),
    Buffer.from(w.kdf.salt, 'base64'),
    w.kdf.iterations,
    32,
    'sha256',
  );
  return createPrivateKey({
    key: gcmOpen(kek, w.iv, `ypsi/holder-key/v1/passphrase/${row.userId}`, w.ct),
    format: 'der',
    type: 'pkcs8',
  });
}

function payload(): { keys: { rootSecret?: string; keyring: Row[] } } {
  const file = JSON.parse(text);
  const key = pbkdf2Sync(
    Buffer.from(BACKUP_PASSPHRASE, 'utf8'),
    Buffer.from(file.kdf.salt, 'base64'),
    file.kdf.iterations,
    32,
    'sha256',
  );
  return JSON.parse(gcmOpen(key, file.cipher.iv, file.cipher.aad, file.ciphertext).toString('utf8'));
}

describe('a backup made after a key holder was removed', () => {
  it('carries no data key, no wrap of it, and no row of the removed holder; each private key opens with Node’s crypto and matches its public key', () => {
    const p = payload();
    expect(p.keys.rootSecret).toBeUndefined();
    expect(p.keys.keyring.map((r) => r.userId).sort()).toEqual(
      [device.users.dsl, device.users.head, 'recovery'].sort(),
    );
    for (const r of p.keys.keyring) expect(r.dataKey).toBeNull();
    const dsl = p.keys.keyring.find((r) => r.userId === device.users.dsl)!;
    const pub = createPublicKey(openPrivateKey(dsl, PASSPHRASES.dsl)).export({ format: 'jwk' });
    expect({ x: pub.x, y: pub.y }).toEqual({ x: dsl.holder!.publicJwk.x, y: dsl.holder!.publicJwk.y });
    // The removed deputy's passphrase opens no key in it.
    for (const r of p.keys.keyring.filter((x) => x.kind === 'user'))
      expect(() => openPrivateKey(r, PASSPHRASES.deputy)).toThrow(/authenticate/);
  });

  it('restores into an empty device: the remaining holders open it with their own passphrases; the removed one opens nothing', async () => {
    const name = 'key-layout-restored';
    useDatabase(name);
    await importBackup(text, BACKUP_PASSPHRASE);
    await expect(unlock(device.users.deputy, PASSPHRASES.deputy)).rejects.toThrow(UnknownUserError);
    const head = await unlock(device.users.head, PASSPHRASES.head);
    expect((await listSummaries(head)).summaries).toHaveLength(1);
    expect((await fullVerify(head)).problems).toEqual([]);
    lock(head);

    // On the restored device, Node opens the DSL's wrap of the NEW data key and, with it, the last log entry.
    closeDatabase();
    const raw = rawDb(name);
    await raw.open();
    const row = (await raw.table('keyring').get(device.users.dsl)) as Row;
    const last = (await raw.table('log').orderBy('seq').last()) as { eventId: string; enc: { iv: string; ct: string } };
    raw.close();
    const w = row.dataKey!;
    const shared = diffieHellman({
      privateKey: openPrivateKey(row, PASSPHRASES.dsl),
      publicKey: createPublicKey({ key: w.epk as never, format: 'jwk' }),
    });
    const kek = Buffer.from(
      hkdfSync(
        'sha256',
        shared,
        Buffer.from(w.salt, 'base64'),
        'ypsi/data-key-wrap/v1/ECDH-P256+HKDF-SHA256+A256GCM',
        32,
      ),
    );
    const dataKeyBytes = gcmOpen(kek, w.iv, `ypsi/data-key-wrap/v1/${w.epoch}/${device.users.dsl}`, w.ct);
    expect(dataKeyBytes).toHaveLength(32);
    const recordKey = Buffer.from(
      hkdfSync('sha256', dataKeyBytes, Buffer.alloc(0), 'ypsi/establishment/v1/data-key', 32),
    );
    const entry = JSON.parse(
      gcmOpen(recordKey, last.enc.iv, `ypsi/record/v1/log/${last.eventId}`, last.enc.ct).toString('utf8'),
    );
    expect(entry).toMatchObject({ type: 'keyring.bound', change: 'restored', epoch: w.epoch });
    useDatabase(name);
  });
});
