// This tablet's sync settings: checked at each field, stored encrypted, and absent unless set up.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkSyncServer,
  forgetSyncServer,
  readSyncServer,
  saveSyncServer,
  syncConfigured,
} from '../../../src/storage/sync/config';
import { db } from '../../../src/storage/db';
import { readLog } from '../../../src/storage/chain/log';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { type Device, rawDump, setUpDevice, useCopyOf } from '../storage/harness';

const APP = 'https://ypsi.hillside.sch.uk';

describe('checking what was typed', () => {
  it('takes an https address (or a path on the app’s own address) with this tablet’s name and password', () => {
    expect(
      checkSyncServer(
        { url: ' https://sync.hillside.sch.uk/ypsi-hillside/ ', username: 'hillside-tablet-1', password: 'pw' },
        APP,
      ),
    ).toEqual({
      server: { url: 'https://sync.hillside.sch.uk/ypsi-hillside', username: 'hillside-tablet-1', password: 'pw' },
      crossOrigin: true,
    });
    expect(checkSyncServer({ url: '/db/ypsi-hillside', username: 'hillside-tablet-1', password: 'pw' }, APP)).toEqual({
      server: { url: 'https://ypsi.hillside.sch.uk/db/ypsi-hillside', username: 'hillside-tablet-1', password: 'pw' },
      crossOrigin: false,
    });
  });

  it('names each problem at its field: plain http, a credential in the address, no database, a bad tablet name, no password', () => {
    const at = (url: string, username = 'hillside-tablet-1', password = 'pw') => {
      const r = checkSyncServer({ url, username, password }, APP);
      return 'problems' in r ? r.problems.map((p) => `${p.field}: ${p.message}`) : [];
    };
    expect(at('http://sync.hillside.sch.uk/ypsi')).toEqual([
      'url: The address must start with https:// so this tablet’s password never travels in the clear',
    ]);
    expect(at('https://admin:secret@sync.hillside.sch.uk/ypsi')).toEqual([
      'url: Enter the address without a name or password in it: they go in the boxes below',
    ]);
    expect(at('https://sync.hillside.sch.uk/')).toEqual([
      'url: The address must end with the database’s name, for example /ypsi-hillside',
    ]);
    expect(at('', 'Dana Shah', '')).toEqual([
      'url: Enter the address of the school’s server, as IT gave it, for example https://sync.hillside.sch.uk/ypsi-hillside',
      'username: Enter this tablet’s name on the server, as IT gave it (lower-case letters, digits and hyphens)',
      'password: Enter this tablet’s password on the server, as IT gave it',
    ]);
  });
});

describe('the stored settings', () => {
  let device: Device;
  beforeAll(async () => {
    device = await setUpDevice('sync-config');
  });

  it('are absent until set up, encrypted when saved (the password is not in the raw database), and gone when forgotten', async () => {
    const name = await useCopyOf(device);
    expect(await syncConfigured()).toBe(false);
    expect(await readSyncServer(device.session)).toBeNull();
    const server = {
      url: 'https://sync.hillside.sch.uk/ypsi-hillside',
      username: 'hillside-tablet-1',
      password: 'Tablet-password-qx71',
    };
    await saveSyncServer(device.session, server);
    expect(await syncConfigured()).toBe(true);
    expect(await readSyncServer(device.session)).toEqual(server);
    const dump = await rawDump(name);
    for (const word of ['Tablet-password-qx71', 'hillside-tablet-1', 'sync.hillside.sch.uk'])
      expect(dump).not.toContain(word);
    // A new password for the same server is not news; the server turned on and off is logged (issue 13).
    await saveSyncServer(device.session, { ...server, password: 'Another-password-77' });
    await forgetSyncServer(device.session);
    expect(await syncConfigured()).toBe(false);
    expect(await db().meta.get('sync-server')).toBeUndefined();
    const logged = (await readLog(device.session)).filter((e) => e.type.startsWith('sync.'));
    expect(logged).toEqual([
      expect.objectContaining({ type: 'sync.turned-on', tablet: 'hillside-tablet-1', server: server.url }),
      expect.objectContaining({ type: 'sync.turned-off', tablet: 'hillside-tablet-1' }),
    ]);
    expect((await fullVerify(device.session)).problems).toEqual([]);
  });
});
