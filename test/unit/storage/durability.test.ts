// Durability: a database that came back empty is never taken for a fresh install; a full disk or an aborted write loses nothing committed.
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendEvent, createCase, loadCase } from '../../../src/storage/cases';
import { closeDatabase, db, useDatabase } from '../../../src/storage/db';
import {
  clearInstallationMarker,
  detectLostDatabase,
  mapWriteError,
  markerKey,
  requestPersistence,
  storageEstimate,
} from '../../../src/storage/durability';
import { StorageClosedError, StorageError, StorageFullError, WriteAbortedError } from '../../../src/storage/errors';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { setUp } from '../../../src/storage/keys/keyring';
import { SETTINGS, setUpDevice, useCopyOf, type Device } from './harness';
import { disclosureDraft, noteDraft } from './flows';

let device: Device;
beforeAll(async () => {
  device = await setUpDevice('durability');
});
afterEach(() => vi.restoreAllMocks());

describe('a database that came back empty', () => {
  it('a new browser with nothing stored is a fresh install', async () => {
    useDatabase('durability-fresh');
    expect(await detectLostDatabase()).toBe('fresh-install');
  });

  it('a set-up device is ok, and its marker lives outside IndexedDB under a fixed name', async () => {
    useDatabase(device.name);
    expect(await detectLostDatabase()).toBe('ok');
    expect(markerKey()).toBe('durability/installation-id');
  });

  it('cleared or evicted while the marker survived: "database-lost", and set-up refuses to start again as if new', async () => {
    const name = await useCopyOf(device);
    const marker = (await db().meta.get('device')) as { installationId: string };
    closeDatabase();
    await Dexie.delete(name);
    useDatabase(name);
    // The copy has no marker of its own: give it the one its set-up would have written.
    const { writeInstallationMarker } = await import('../../../src/storage/durability');
    writeInstallationMarker(marker.installationId);
    expect(await detectLostDatabase()).toBe('database-lost');
    const users = [{ name: 'Dana Shah', role: 'dsl' as const, passphrase: 'Copper kettle whistles at dawn' }];
    await expect(setUp({ settings: SETTINGS, users })).rejects.toThrow(/no longer here\. Restore a backup/);
    expect(await db().keyring.count()).toBe(0);
    clearInstallationMarker();
  });

  it('a marker cleared on its own is put back from the database', async () => {
    useDatabase(device.name);
    clearInstallationMarker();
    expect(await detectLostDatabase()).toBe('ok');
    expect(await detectLostDatabase()).toBe('ok');
  });
});

describe('a full disk or an aborted write', () => {
  async function failNextWrite(error: () => Error): Promise<void> {
    const original = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'snapshots') {
        spy.mockRestore();
        throw error();
      }
      return original.apply(this, args);
    });
  }

  it('QuotaExceededError becomes StorageFullError in plain English, and the last committed step stays whole', async () => {
    await useCopyOf(device);
    const c = await createCase(device.session);
    await appendEvent(device.session, c.caseId, disclosureDraft(device.session));
    await failNextWrite(() => new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const error = await appendEvent(device.session, c.caseId, noteDraft(device.session)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toMatch(
      /out of storage space, so this step was not saved\. Everything saved before is safe/,
    );
    const loaded = await loadCase(device.session, c.caseId);
    expect(loaded.head.seq).toBe(2);
    expect((await fullVerify(device.session)).ok).toBe(true);
    expect((await appendEvent(device.session, c.caseId, noteDraft(device.session))).head.seq).toBe(3);
  });

  it('an aborted transaction becomes WriteAbortedError, with nothing half-written', async () => {
    await useCopyOf(device);
    const c = await createCase(device.session);
    await failNextWrite(() => new DOMException('The transaction was aborted.', 'AbortError'));
    await expect(appendEvent(device.session, c.caseId, disclosureDraft(device.session))).rejects.toThrow(
      WriteAbortedError,
    );
    expect((await loadCase(device.session, c.caseId)).events).toHaveLength(1);
    expect((await fullVerify(device.session)).ok).toBe(true);
  });

  it('maps what IndexedDB and Dexie throw, and leaves other errors alone', () => {
    const quotaInDexie = Object.assign(new Error('tx failed'), {
      name: 'AbortError',
      inner: new DOMException('x', 'QuotaExceededError'),
    });
    expect(mapWriteError(quotaInDexie)).toBeInstanceOf(StorageFullError);
    expect(mapWriteError(Object.assign(new Error('legacy'), { name: 'Error', code: 22 }))).toBeInstanceOf(
      StorageFullError,
    );
    // Closed under the page (a newer version elsewhere, or deleted): retrying here cannot work, so it says reload.
    expect(mapWriteError(Object.assign(new Error('closed'), { name: 'DatabaseClosedError' }))).toBeInstanceOf(
      StorageClosedError,
    );
    // Dexie's BulkError reports an aborted bulkAdd only in its per-operation failures (seen in Chromium).
    const bulkAborted = Object.assign(new Error('events.bulkAdd(): 1 of 1 operations failed.'), {
      name: 'BulkError',
      failures: [new DOMException('aborted', 'AbortError')],
    });
    expect(mapWriteError(bulkAborted)).toBeInstanceOf(WriteAbortedError);
    const bulkFull = Object.assign(new Error('bulkPut failed'), {
      name: 'BulkError',
      failures: [new DOMException('x', 'QuotaExceededError')],
    });
    expect(mapWriteError(bulkFull)).toBeInstanceOf(StorageFullError);
    const own = new StorageError('mine');
    expect(mapWriteError(own)).toBe(own);
    const other = new TypeError('bug');
    expect(mapWriteError(other)).toBe(other);
  });
});

describe('persistence', () => {
  it('answers "unsupported" and nulls where the platform has no StorageManager (Node)', async () => {
    expect(await requestPersistence()).toBe('unsupported');
    expect(await storageEstimate()).toEqual({ persisted: null, usageBytes: null, quotaBytes: null });
  });
});
