// @vitest-environment jsdom
// "Destroy this case" over the real storage on fake-indexeddb (docs/SECURITY.md items 3 and 13): why and
// who agrees, a check page that says older backups and PDFs are out of reach, both passphrases; a
// wrong one destroys nothing; an open case is refused with the domain's reasons.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendEvent, createCase, listDestroyedCases, loadCase, setReviewDate } from '../../storage';
import { unlock } from '../../storage/keys/keyring';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { appendClosing, disclosureDraft } from '../../../test/unit/storage/flows';
import { CaseProvider, GatewayContext } from '../data/CaseContext';
import { storageVault } from '../data/storageVault';
import { THROTTLE_BASE_MS } from '../../storage/keys/throttle';
import type { UnlockedVault } from '../data/vault';
import { DestroyPage } from './DestroyPage';

let device: Device;
let dsl: UnlockedVault;
let closed: string;
let open: string;

beforeAll(async () => {
  device = await setUpDevice('ui-destroy');
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
  closed = c.caseId;
  const o = await createCase(s);
  await appendEvent(s, o.caseId, disclosureDraft(s));
  open = o.caseId;
});
beforeEach(async () => {
  await useCopyOf(device);
  // Destroying a case renews the records' key under the session that did it: each test unlocks its own.
  dsl = await storageVault.unlock(device.users.dsl, PASSPHRASES.dsl);
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function Done() {
  const state = useLocation().state as { destroyed?: string } | null;
  return <h1>Retention: {state?.destroyed} destroyed</h1>;
}

async function show(caseId: string, onDestroyed = vi.fn<() => Promise<void>>(async () => undefined)) {
  render(
    <MemoryRouter initialEntries={[`/cases/${caseId}/destroy`]}>
      <GatewayContext.Provider value={dsl}>
        <CaseProvider caseId={caseId}>
          <Routes>
            <Route path="/cases/:caseId/destroy" element={<DestroyPage vault={dsl} onDestroyed={onDestroyed} />} />
            <Route path="/retention" element={<Done />} />
          </Routes>
        </CaseProvider>
      </GatewayContext.Provider>
    </MemoryRouter>,
  );
  await screen.findByRole('heading', { level: 1 });
  return { user: userEvent.setup(), onDestroyed };
}

describe('destroying a case', () => {
  it('asks why and who agrees, shows both names and the warning, needs both passphrases, and refuses a wrong one with nothing destroyed', async () => {
    const { user, onDestroyed } = await show(closed);
    const reference = (await loadCase(device.session, closed)).summary.reference;
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(`Destroy case ${reference}`);
    expect(screen.getByText(/Older backups and exported PDFs are outside the app’s reach/)).toBeTruthy();
    // Issue 12 finding 6: what stays in the browser's own files until it tidies them, said plainly.
    expect(
      screen.getByText(
        /the browser keeps deleted records in its own files, still encrypted, until it tidies those files/,
      ),
    ).toBeTruthy();

    // Nothing chosen: the domain's reasons, at the fields.
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText(/A second key holder must agree/)).toBeTruthy();
    expect(within(summary).getByText(/Record why the case is destroyed/)).toBeTruthy();

    await user.type(
      screen.getByLabelText('Why is the case destroyed?'),
      'The retention review found it is no longer needed.',
    );
    // Only other key holders are offered: never the person destroying it.
    expect(screen.queryByRole('radio', { name: /Dana Shah/ })).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'Dev Patel (Deputy DSL)' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await screen.findByRole('heading', { name: `Check before you destroy case ${reference}` });
    expect(screen.getByText('Dana Shah (Designated Safeguarding Lead)')).toBeTruthy();
    expect(screen.getByText('Dev Patel (Deputy DSL)')).toBeTruthy();
    expect(screen.getByText(/Copies in older backups and in exported PDFs are outside its reach/)).toBeTruthy();

    // Neither passphrase nor the confirmation: three errors, nothing destroyed.
    await user.click(screen.getByRole('button', { name: `Destroy case ${reference}` }));
    expect(
      within(await screen.findByRole('alert'))
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Enter your passphrase.',
      'Dev Patel must enter their passphrase.',
      'Confirm that you both understand the case cannot be recovered.',
    ]);

    // A wrong second passphrase: refused at that field, nothing destroyed.
    await user.type(screen.getByLabelText('Dana Shah: your passphrase'), PASSPHRASES.dsl);
    await user.type(screen.getByLabelText('Dev Patel: your passphrase'), PASSPHRASES.head);
    await user.click(screen.getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: `Destroy case ${reference}` }));
    await screen.findByText(/The passphrase for Dev Patel is not right/, { selector: 'a' });
    expect(await listDestroyedCases(device.session)).toEqual([]);
    expect(onDestroyed).not.toHaveBeenCalled();

    // The slow-down after a wrong passphrase (1 s) passes on the clock (only Date is faked, so
    // IndexedDB's own timers still run), then both right: destroyed, and on to Retention.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + THROTTLE_BASE_MS + 100 });
    await user.type(screen.getByLabelText('Dana Shah: your passphrase'), PASSPHRASES.dsl);
    await user.type(screen.getByLabelText('Dev Patel: your passphrase'), PASSPHRASES.deputy);
    await user.click(screen.getByRole('button', { name: `Destroy case ${reference}` }));
    await screen.findByRole('heading', { name: `Retention: ${reference} destroyed` }, { timeout: 10_000 });
    expect(onDestroyed).toHaveBeenCalledOnce();
    // Read under the records' new key (the destruction renewed it).
    expect(await listDestroyedCases(await unlock(device.users.deputy, PASSPHRASES.deputy))).toEqual([
      expect.objectContaining({
        reference,
        reason: 'The retention review found it is no longer needed.',
        approvedBy: expect.objectContaining({ name: 'Dev Patel' }),
        verified: true,
      }),
    ]);
  }, 60_000);

  it('is refused on an open case, with the domain’s reason and no form', async () => {
    await show(open);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('This case cannot be destroyed now');
    expect(screen.getByText(/The case is open. Only a closed case can be destroyed./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
  });
});
