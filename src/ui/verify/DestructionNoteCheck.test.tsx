// @vitest-environment jsdom
// "Check a note of a destroyed case" over the real storage on fake-indexeddb (docs/SECURITY.md item
// 13): the signed note the Retention screen offers is read here, its signature checked, and the
// reader told whether this establishment made it and whether this tablet holds the same note.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCase, setReviewDate, tombstoneFileText } from '../../storage';
import { destroyCase } from '../../storage/destroy';
import { PASSPHRASES, setUpDevice, type Device } from '../../../test/unit/storage/harness';
import { appendClosing } from '../../../test/unit/storage/flows';
import { storageVault } from '../data/storageVault';
import type { UnlockedVault } from '../data/vault';
import { DestructionNoteCheckSection } from './DestructionNoteCheckSection';

let device: Device;
let dsl: UnlockedVault;
let note: string;
let reason: string;

beforeAll(async () => {
  device = await setUpDevice('ui-note-check');
  const s = device.session;
  const c = await createCase(s);
  await appendClosing(device, c.caseId);
  await setReviewDate(s, c.caseId, {
    kind: 'date-set',
    date: '2026-03-03',
    reason: 'Reviewed early at the local authority’s request.',
    occurredAt: new Date().toISOString(),
    passphrase: PASSPHRASES.dsl,
    secondUserId: device.users.deputy,
    secondPassphrase: PASSPHRASES.deputy,
  });
  reason = 'The retention review found it is no longer needed.';
  const t = await destroyCase(s, c.caseId, {
    reason,
    passphrase: PASSPHRASES.dsl,
    secondUserId: device.users.deputy,
    secondPassphrase: PASSPHRASES.deputy,
  });
  note = tombstoneFileText(t);
  dsl = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
});
afterEach(cleanup);

async function choose(text: string) {
  const user = userEvent.setup();
  render(<DestructionNoteCheckSection vault={dsl} />);
  await user.upload(
    screen.getByLabelText('Note of a destroyed case'),
    new File([text], 'destroyed-YPSI-2026-0001.json', { type: 'application/json' }),
  );
}

describe('checking a note of a destroyed case', () => {
  it('a note this tablet made: valid, this establishment’s key, the same note as here, with who, when and why', async () => {
    await choose(note);
    expect(await screen.findByText('The signature is valid and was made by this establishment’s key.')).toBeTruthy();
    expect(screen.getByText('Yes: this tablet holds the same signed note')).toBeTruthy();
    expect(screen.getByText(reason)).toBeTruthy();
    expect(screen.getByText('Dana Shah')).toBeTruthy();
  });

  it('an altered note is refused at the file, with a plain reason', async () => {
    await choose(note.replace(reason, 'Destroyed on a whim.'));
    expect(
      await screen.findByRole('link', {
        name: /The note could not be checked: The signature on this note is not valid/,
      }),
    ).toBeTruthy();
    expect(screen.queryByText(/The signature is valid/)).toBeNull();
  });
});
