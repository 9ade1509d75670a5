// @vitest-environment jsdom
// Settings → Sync → "Revoke a tablet" (docs/SYNC.md, "Revoking a tablet"), over the real storage on
// fake-indexeddb and a real server (pouchdb-server started here): the key holder sees the other
// tablets by name (not this one), reads what revoking does, confirms, and the server then refuses
// the lost tablet; a tablet that changed its own password is left to IT, with the command.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { type TestServer, freshDbName, startServer } from '../../../test/unit/sync/server';
import { newTablet, on } from '../../../test/unit/sync/tablets';
import { saveSyncServer } from '../../storage/sync/config';
import { type SyncServer, checkServer } from '../../storage/sync/engine';
import { keepCredentialCurrent } from '../../storage/sync/revoke';
import { setServerPassword } from '../../storage/sync/serverUser';
import { storageVault } from '../data/storageVault';
import { SyncSection } from './SyncSection';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../scripts/sync-setup.mjs');
const setupCli = async (...args: string[]) => (await run(process.execPath, [SCRIPT, ...args])).stdout;

let server: TestServer;
let device: Device;
beforeAll(async () => {
  server = await startServer();
  device = await setUpDevice('ui-revoke');
});
afterAll(async () => {
  await server?.stop();
});
afterEach(cleanup);

async function addTablet(name: string, label: string): Promise<SyncServer> {
  const username = `${label}-${Math.random().toString(36).slice(2, 8)}`;
  const out = await setupCli('add-tablet', server.adminUrl(name), username);
  return { url: server.dbUrl(name), username, password: out.trim().split('\n').pop()! };
}

/** Tablet B has synced (left its password); this tablet, A, syncs as credA and is open in Settings. */
async function twoTablets() {
  const name = freshDbName('ui-revoke');
  await setupCli(server.adminUrl(name));
  const credA = await addTablet(name, 'tablet-a');
  const credB = await addTablet(name, 'tablet-b');
  const b = await newTablet(device, 'b');
  await saveSyncServer(on(b), credB);
  await keepCredentialCurrent(b.session, credB, fetch);
  await useCopyOf(device);
  const vault = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
  const saved = await vault.sync!.save(credA);
  expect(saved).toMatchObject({ ok: true });
  render(<SyncSection sync={vault.sync!} role="dsl" />);
  const section = within((await screen.findByRole('heading', { name: 'Revoke a tablet' })).closest('section')!);
  return { credA, credB, section, user: userEvent.setup() };
}

describe('Revoke a tablet', () => {
  it('lists the other tablets by name, says what happens, and the server then refuses the revoked one', async () => {
    const { credA, credB, section, user } = await twoTablets();
    await user.click(section.getByRole('button', { name: 'Revoke a tablet' }));
    const group = await section.findByRole('group', { name: 'Which tablet is lost?' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => (r as HTMLInputElement).value),
    ).toEqual([credB.username]);
    expect(within(group).queryByLabelText(credA.username)).toBeNull();

    await user.click(section.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Choose the tablet to revoke');

    await user.click(within(group).getByLabelText(credB.username));
    await user.click(section.getByRole('button', { name: 'Continue' }));
    const confirm = section.getByTestId('revoke-confirm');
    expect(confirm.textContent).toContain(`Revoke ${credB.username}? The school’s server will refuse it from now on`);
    expect(confirm.textContent).toContain('Every other tablet refuses steps that tablet records from now on.');
    expect(confirm.textContent).toContain('The establishment log records that you revoked it, and when.');
    expect(await checkServer(credB, fetch)).toMatchObject({ kind: 'ok' });

    await user.click(section.getByRole('button', { name: `Yes, revoke ${credB.username}` }));
    expect(await section.findByText(`Tablet ${credB.username} is revoked`)).toBeTruthy();
    expect(await checkServer(credB, fetch)).toMatchObject({ kind: 'needs-sign-in' });
  });

  it('says plainly that IT must revoke a tablet that changed its own password, with the command', async () => {
    const { credB, section, user } = await twoTablets();
    expect(await setServerPassword(credB, 'kept-by-the-thief', fetch)).toEqual({ kind: 'changed' });
    await user.click(section.getByRole('button', { name: 'Revoke a tablet' }));
    await user.click(await section.findByLabelText(credB.username));
    await user.click(section.getByRole('button', { name: 'Continue' }));
    await user.click(section.getByRole('button', { name: `Yes, revoke ${credB.username}` }));
    const it = await section.findByTestId('revoke-it');
    expect(it.textContent).toContain('only IT can stop the server accepting it');
    expect(within(it).getByLabelText('Command for IT').textContent).toBe(
      `npm run sync:setup -- revoke-tablet http://ADMIN:PASSWORD@${new URL(server.root).host}${new URL(credB.url).pathname} ${credB.username}`,
    );
  });

  it('is not offered to a role that may not revoke', async () => {
    await useCopyOf(device);
    const vault = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
    await vault.sync!.save({ url: 'https://sync.hillside.sch.uk/ypsi', username: 'hillside-tablet-1', password: 'pw' });
    render(<SyncSection sync={vault.sync!} role="staff" />);
    expect(await screen.findByRole('heading', { name: 'Join another tablet' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Revoke a tablet' })).toBeNull();
  });
});
