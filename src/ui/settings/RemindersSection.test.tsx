// @vitest-environment jsdom
// Settings: school term dates and reminder timings, over the real storage on fake-indexeddb:
// refused at the field (and nothing stored changes), saved with the other settings and logged.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { storageVault } from '../data/storageVault';
import type { UnlockedVault } from '../data/vault';
import { RemindersSection } from './RemindersSection';

let device: Device;
let dsl: UnlockedVault;

beforeAll(async () => {
  device = await setUpDevice('ui-reminders-settings');
  dsl = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
});
afterEach(cleanup);

async function show() {
  const settings = (await storageVault.publicSettings())!;
  const onSaved = vi.fn<() => Promise<void>>(async () => undefined);
  render(
    <MemoryRouter>
      <RemindersSection vault={dsl} settings={settings} onSaved={onSaved} />
    </MemoryRouter>,
  );
  return { onSaved, user: userEvent.setup() };
}

async function fillDate(group: HTMLElement, day: string, month: string, year: string) {
  const user = userEvent.setup();
  for (const [label, v] of [
    ['Day', day],
    ['Month', month],
    ['Year', year],
  ] as const) {
    const box = within(group).getByLabelText(label);
    await user.clear(box);
    await user.type(box, v);
  }
}

function term(n: number) {
  const t = screen.getByRole('group', { name: `Term ${n}` });
  return {
    first: within(t).getByRole('group', { name: /First day/ }),
    last: within(t).getByRole('group', { name: /Last day/ }),
  };
}

describe('school term dates in Settings', () => {
  it('a last day before the first is refused at that field, and nothing is stored', async () => {
    await useCopyOf(device);
    const { onSaved, user } = await show();
    await user.click(screen.getByRole('button', { name: 'Add a term' }));
    await fillDate(term(1).first, '2', '9', '2026');
    await fillDate(term(1).last, '1', '9', '2026');
    await user.click(screen.getByRole('button', { name: 'Save term dates and reminders' }));
    expect(within(term(1).last).getByText(/The last day of term 1 must be after its first day/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'The last day of term 1 must be after its first day' })).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
    expect((await storageVault.publicSettings())!.schoolCalendar).toEqual({ terms: [], closures: [] });
  });

  it('a closure day that is not a date, or a threshold of 0, is refused at its field', async () => {
    await useCopyOf(device);
    const { onSaved, user } = await show();
    await user.type(screen.getByLabelText('INSET and other closure days'), 'the Friday after half term');
    const days = screen.getByLabelText(/referral has no outcome/);
    await user.clear(days);
    await user.type(days, '0');
    await user.click(screen.getByRole('button', { name: 'Save term dates and reminders' }));
    expect(screen.getByRole('link', { name: /Enter closure day 1 as a real date/ })).toBeTruthy();
    expect(
      screen.getByRole('link', { name: 'Enter the number of school days as a whole number from 1 to 30' }),
    ).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('valid terms, closure days and timings are saved with the settings, in date order, and logged', async () => {
    await useCopyOf(device);
    const { onSaved, user } = await show();
    await user.click(screen.getByRole('button', { name: 'Add a term' }));
    await fillDate(term(1).first, '2', '11', '2026');
    await fillDate(term(1).last, '18', '12', '2026');
    await user.click(screen.getByRole('button', { name: 'Add a term' }));
    await fillDate(term(2).first, '2', '9', '2026');
    await fillDate(term(2).last, '23', '10', '2026');
    await user.type(screen.getByLabelText('INSET and other closure days'), '2/10/2026');
    const backup = screen.getByLabelText(/make a backup/);
    await user.clear(backup);
    await user.type(backup, '7');
    await user.click(screen.getByRole('button', { name: 'Save term dates and reminders' }));
    await screen.findByText(/Term dates and reminder timings saved/);
    expect(onSaved).toHaveBeenCalledOnce();
    const saved = (await storageVault.publicSettings())!;
    expect(saved.schoolCalendar).toEqual({
      terms: [
        { start: '2026-09-02', end: '2026-10-23' },
        { start: '2026-11-02', end: '2026-12-18' },
      ],
      closures: ['2026-10-02'],
    });
    expect(saved.reminders).toEqual({ referralOutcomeSchoolDays: 5, backupMaxDays: 7 });
    const last = (await dsl.activityLog()).at(-1)!;
    expect(last.what).toEqual({ type: 'settings-changed', changed: ['schoolCalendar', 'reminders'] });
  });
});
