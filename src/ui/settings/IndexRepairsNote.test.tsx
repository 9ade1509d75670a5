// @vitest-environment jsdom
// What the unlock check of the summary index rebuilt reaches the user (Settings, integrity section):
// over the real storage, an older copy of the index put back is found at unlock, rebuilt from the
// cases, and said calmly with the advice to run the full check.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, createCase, listSummaries } from '../../storage/cases';
import { noteDraft } from '../../../test/unit/storage/flows';
import { PASSPHRASES, rawDb, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { storageVault } from '../data/storageVault';
import { IndexRepairsNote } from './IndexRepairsNote';

let device: Device;
let caseId: string;
beforeAll(async () => {
  device = await setUpDevice('ui-index-repairs');
  caseId = (await createCase(device.session)).caseId;
  await listSummaries(device.session);
});
afterEach(cleanup);

describe('the note of what the summary index check rebuilt', () => {
  it('says the list was rebuilt and advises the full check when an older copy of the list was put back', async () => {
    const name = await useCopyOf(device);
    const raw = rawDb(name);
    await raw.open();
    const older = await raw.table('meta').where('key').startsWith('summary-index').toArray();
    raw.close();
    await appendEvent(device.session, caseId, noteDraft(device.session));
    const again = rawDb(name);
    await again.open();
    // Only the buckets: the head row names the ones last written, so the older ones are noticed.
    await again.table('meta').bulkPut(older.filter((r: { key: string }) => r.key !== 'summary-index'));
    again.close();

    const vault = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
    const first = await vault.listCases();
    expect(first.summaries).toHaveLength(1);
    expect(first.indexRepairs?.length).toBeGreaterThan(0);
    render(<IndexRepairsNote repairs={first.indexRepairs ?? []} />);
    expect(screen.getByRole('status').textContent).toMatch(/The list of cases was rebuilt when you unlocked/);
    expect(screen.getByRole('status').textContent).toMatch(/not the one last written/);
    expect(screen.getByRole('status').textContent).toMatch(/Run the full check/);
    // Once checked, the session answers from its copy: nothing new to report.
    expect((await vault.listCases()).indexRepairs ?? []).toEqual([]);
  });

  it('shows nothing when the index was whole', async () => {
    await useCopyOf(device);
    const vault = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
    const list = await vault.listCases();
    expect(list.indexRepairs).toEqual([]);
    const { container } = render(<IndexRepairsNote repairs={list.indexRepairs ?? []} />);
    expect(container.innerHTML).toBe('');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('after the first build of the list (an update), does not suggest anything was changed outside the app', () => {
    render(<IndexRepairsNote repairs={['There was no summary index yet: every case was checked.']} />);
    expect(screen.getByRole('status').textContent).toMatch(/rebuilt/);
    expect(screen.getByRole('status').textContent).not.toMatch(/outside the app/);
  });
});
