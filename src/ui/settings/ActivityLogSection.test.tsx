// @vitest-environment jsdom
// The activity log in Settings, over the real storage on fake-indexeddb: newest first, who, when,
// to whom and why; read again when the page logs something; an altered log is said, not hidden.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, createCase } from '../../storage';
import { appendLog } from '../../storage/chain/log';
import { unlock } from '../../storage/keys/keyring';
import { PASSPHRASES, rawDb, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { disclosureDraft } from '../../../test/unit/storage/flows';
import { storageVault } from '../data/storageVault';
import type { UnlockedVault } from '../data/vault';
import { ActivityLogSection } from './ActivityLogSection';

let device: Device;
let dsl: UnlockedVault;
let reference: string;

beforeAll(async () => {
  device = await setUpDevice('ui-activity-log');
  dsl = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
  const created = await createCase(device.session);
  reference = created.reference;
  await appendEvent(device.session, created.caseId, disclosureDraft(device.session));

  // Something of every kind the section describes, in this order.
  const settings = (await storageVault.publicSettings())!;
  await dsl.updateSettings({ ...settings, mashPhone: '01902 555999' });
  const added = await dsl.addKeyHolder(
    { name: 'Priya Nair', role: 'deputy-dsl', passphrase: 'Orchard ladders lean on quiet barns' },
    PASSPHRASES.dsl,
  );
  await dsl.resetPassphrase(device.users.head, 'Lanterns drift past the old mill', PASSPHRASES.dsl);
  await dsl.removeKeyHolder(added.userId, 'Left the school in August');
  await dsl.exportTransfer(created.caseId, {
    passphrase: 'Told to the recipient by phone',
    to: 'DSL, Northfield High School',
    why: 'Pupil moved school on 3 March',
  });
});
afterEach(cleanup);

function entries() {
  const list = screen.getByRole('list', { name: 'Activity log, newest first' });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => Array.from(li.querySelectorAll('p')).map((p) => p.textContent));
}

describe('the activity log', () => {
  it('lists settings changes, key holders, passphrase resets and exports, newest first, with who, to whom and why', async () => {
    await useCopyOf(device);
    render(<ActivityLogSection vault={dsl} />);
    await screen.findByRole('list', { name: 'Activity log, newest first' });
    const all = entries();
    expect(all.map((e) => e[1])).toEqual([
      'Case transferred',
      'Records key renewed',
      'Key holder removed',
      'Passphrase reset',
      'Key holder added',
      'Settings changed',
      'YPSI Response set up on this device',
    ]);
    expect(all[0]![0]).toMatch(/ · Dana Shah \(Designated Safeguarding Lead\)$/);
    expect(all[0]!.slice(2)).toEqual([
      `case ${reference}: the whole case`,
      'To: DSL, Northfield High School',
      'Why: Pupil moved school on 3 March',
    ]);
    expect(all[1]!.slice(2)).toEqual([
      'A new key now protects the records; 1 case key was wrapped again under it',
      '4 keys on this device (including the recovery key)',
    ]);
    expect(all[2]!.slice(2)).toEqual(['Priya Nair (Deputy DSL)', 'Why: Left the school in August']);
    expect(all[3]!.slice(2)).toEqual(['A new passphrase was set for Helen Okafor']);
    expect(all[5]!.slice(2)).toEqual(['Changed: MASH phone']);
    expect(all[6]!.slice(2)).toEqual([
      'Key holders: Dana Shah (Designated Safeguarding Lead), Dev Patel (Deputy DSL), Helen Okafor (Headteacher)',
    ]);
  });

  it('reads the log again when told something new was logged', async () => {
    await useCopyOf(device);
    const view = render(<ActivityLogSection vault={dsl} version={0} />);
    await screen.findByRole('list', { name: 'Activity log, newest first' });
    expect(entries()).toHaveLength(7);
    await dsl.exportBackup('A backup passphrase for the test');
    view.rerender(<ActivityLogSection vault={dsl} version={1} />);
    await screen.findByText('Backup made');
    expect(entries()[0]![1]).toBe('Backup made');
    expect(entries()[0]![2]).toBe('Every case on this device');
  });

  it('shows a revocation made on another tablet and noted here (docs/SYNC.md, "Revoking a tablet")', async () => {
    await useCopyOf(device);
    // A session of its own: the data key was rotated since device.session was opened (a key holder removed, above).
    await appendLog(await unlock(device.users.dsl, PASSPHRASES.dsl), [
      {
        type: 'tablet.revocation-noted',
        tablet: 'hillside-tablet-c',
        device: '0b7e2c1a-3f4d-4e5f-8a9b-0c1d2e3f4a5b',
        revokedAt: '2026-03-02T10:15:00.000Z',
        by: 'Dev Patel',
        byTablet: 'hillside-tablet-a',
        cut: [],
      },
    ]);
    render(<ActivityLogSection vault={dsl} />);
    await screen.findByRole('list', { name: 'Activity log, newest first' });
    expect(entries()[0]!.slice(1)).toEqual([
      'Tablet hillside-tablet-c revoked on another tablet, noted here',
      'Revoked by Dev Patel on hillside-tablet-a, 2 March 2026: its later steps are refused here too',
    ]);
  });

  it('says so plainly when the log was altered (an entry removed), instead of showing a partial log', async () => {
    const name = await useCopyOf(device);
    const raw = rawDb(name);
    await raw.open();
    await raw.table('log').where('seq').equals(2).delete();
    raw.close();
    render(<ActivityLogSection vault={dsl} />);
    expect(await screen.findByText('The activity log could not be read.')).toBeTruthy();
    expect(screen.getByText('Establishment log entry 2 is missing.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Activity log, newest first' })).toBeNull();
  });
});
