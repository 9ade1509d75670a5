// @vitest-environment jsdom
// "Transfer this case", over the real storage on fake-indexeddb: one young person's part sealed
// with a strength-checked passphrase, offered as a download (revoked on leaving) and logged; the
// recipient's signed receipt recorded; a wrong, damaged, cut-short or tampered receipt refused.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendEvent, createCase, exportCaseTransfer, importCaseTransfer, readLog } from '../../storage';
import { useDatabase } from '../../storage/db';
import { checkSealedFile, openSealedFile, parseFile } from '../../storage/files/files';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { disclosureDraft } from '../../../test/unit/storage/flows';
import { CaseProvider, GatewayContext } from '../data/CaseContext';
import { storageVault } from '../data/storageVault';
import type { UnlockedVault } from '../data/vault';
import { TransferPage } from './TransferPage';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { reminderCounts, reminders, type Reminder } from '../../domain/reminders';
import { RemindersContext } from '../reminders/RemindersContext';
import { todayIso } from '../format';
import { captureDownloads } from '../../../test/builders/downloads';

const PASS = 'Told to the recipient by phone';
let sender: Device;
let recipient: Device;
let dsl: UnlockedVault;
let caseId: string;
let reference: string;
let blobs: Blob[];
/** This test's copy of the sender's device. */
let senderCopy: string;

beforeAll(async () => {
  recipient = await setUpDevice('ui-transfer-recipient');
  sender = await setUpDevice('ui-transfer-sender');
  const created = await createCase(sender.session);
  caseId = created.caseId;
  reference = created.reference;
  await appendEvent(sender.session, caseId, disclosureDraft(sender.session));
  dsl = await storageVault.unlock(sender.users.dsl, PASSPHRASES.dsl);
});
beforeEach(async () => {
  senderCopy = await useCopyOf(sender);
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
  blobs = captureDownloads();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The reminder list worked out from the vault's transfers (as the app's provider does), again whenever the screen asks. */
function LiveReminders({ vault, children }: { vault: UnlockedVault; children: ReactNode }) {
  const [list, setList] = useState<Reminder[] | null>(null);
  const refresh = useCallback(() => {
    void vault
      .transfersSent()
      .then((transfers) =>
        setList(reminders({ today: todayIso(), cases: [{ caseId, reference, closed: false, due: [] }], transfers })),
      );
  }, [vault]);
  useEffect(refresh, [refresh]);
  return (
    <RemindersContext.Provider value={{ list, counts: reminderCounts(list ?? []), noTermDates: true, refresh }}>
      {children}
    </RemindersContext.Provider>
  );
}

async function open(vault: UnlockedVault = dsl) {
  const view = render(
    <MemoryRouter initialEntries={[`/cases/${caseId}/transfer`]}>
      <LiveReminders vault={vault}>
        <GatewayContext.Provider value={vault}>
          <CaseProvider caseId={caseId}>
            <Routes>
              <Route path="/cases/:caseId/transfer" element={<TransferPage vault={vault} />} />
            </Routes>
          </CaseProvider>
        </GatewayContext.Provider>
      </LiveReminders>
    </MemoryRouter>,
  );
  await screen.findByRole('heading', { name: 'Transfer this case' });
  return { user: userEvent.setup(), view };
}

function summaryLinks() {
  return within(screen.getByRole('alert'))
    .getAllByRole('link')
    .map((a) => a.textContent);
}

async function upload(
  user: ReturnType<typeof userEvent.setup>,
  label: string,
  content: BlobPart,
  name: string,
  type = 'application/json',
) {
  await user.upload(screen.getByLabelText(label), new File([content], name, { type }));
  await screen.findByText(`Chosen: ${name}`);
}

/** A real receipt for a transfer sent from the sender's device: imported on the recipient's. */
async function receiptFor(): Promise<string> {
  const out = await exportCaseTransfer(sender.session, caseId, {
    passphrase: PASS,
    to: 'DSL, Northfield High School',
    why: 'Pupil moved school',
  });
  await useCopyOf(recipient);
  const { receiptText } = await importCaseTransfer(recipient.session, out.text, PASS);
  useDatabase(senderCopy);
  return receiptText;
}

describe('making a transfer file', () => {
  it('seals one young person’s part, offers it as a download (revoked on leaving), and logs who, to whom and why', async () => {
    const { user, view } = await open();
    expect(screen.getByText(/Never send the passphrase with the file/)).toBeTruthy();
    await user.click(screen.getByLabelText('Only Zebedee Quillfeather’s part'));
    await user.type(screen.getByLabelText('Who is it for?'), 'DSL, Northfield High School');
    await user.type(screen.getByLabelText('Why are you transferring it?'), 'Zebedee moved school on 3 March');
    await user.click(screen.getByLabelText('Transfer passphrase'));
    await user.paste(PASS);
    await screen.findByText(/Good passphrase|Strong passphrase/);
    await user.click(screen.getByLabelText('Type the transfer passphrase again'));
    await user.paste(PASS);
    await user.click(screen.getByRole('button', { name: 'Make the transfer file' }));

    const link = await screen.findByRole('link', { name: /^Save the transfer file \(ypsi-transfer-.+\.json\)$/ });
    expect(link.getAttribute('href')).toBe('blob:test/1');
    // UKCIS.transfer: the receipt is asked for, and its school-day deadline said where the file is made.
    expect(
      screen.getByText(/within 5 school days, with confirmation of receipt: ask the recipient for the signed receipt/),
    ).toBeTruthy();
    expect(link.getAttribute('download')).toMatch(
      new RegExp(`^ypsi-transfer-${reference}-\\d{4}-\\d{2}-\\d{2}\\.json$`),
    );
    const text = await blobs[0]!.text();
    expect(JSON.parse(text)).toMatchObject({ format: 'ypsi-response-case-transfer' });
    expect(text).not.toMatch(/Zebedee|Marisol/);
    // Opened with the passphrase: the kept young person as recorded, the other left out.
    const payload = JSON.stringify(
      await openSealedFile(
        checkSealedFile(parseFile(text, 'ypsi-response-case-transfer'), 'ypsi-response-case-transfer'),
        PASS,
      ),
    );
    expect(payload).toContain('Zebedee Quillfeather');
    expect(payload).not.toMatch(/Marisol|Vantongeren/);
    expect(payload).toContain('Young person B');
    expect((await readLog(sender.session)).at(-1)).toMatchObject({
      type: 'export.made',
      kind: 'case-transfer',
      to: 'DSL, Northfield High School',
      why: 'Zebedee moved school on 3 March',
      scope: 'one-young-person',
    });

    view.unmount();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
  });

  it('refuses an empty form, then a weak passphrase and a mismatch, at each field, and makes no file', async () => {
    const { user } = await open();
    await user.click(screen.getByRole('button', { name: 'Make the transfer file' }));
    expect(summaryLinks()).toEqual([
      'Choose what to transfer',
      'Enter who the transfer is for',
      'Enter why you are transferring the case',
      'Choose a transfer passphrase',
    ]);
    expect(document.activeElement?.className).toBe('app-error-summary');

    await user.click(screen.getByLabelText('The whole case'));
    await user.type(screen.getByLabelText('Who is it for?'), 'DSL, Northfield High School');
    await user.type(screen.getByLabelText('Why are you transferring it?'), 'Pupil moved school');
    await user.click(screen.getByLabelText('Transfer passphrase'));
    await user.paste('password1234');
    await screen.findByText(/too easy to guess/);
    await user.click(screen.getByLabelText('Type the transfer passphrase again'));
    await user.paste('password12345');
    await user.click(screen.getByRole('button', { name: 'Make the transfer file' }));
    const links = summaryLinks();
    expect(links).toHaveLength(2);
    expect(links[0]).toMatch(/too easy to guess/);
    expect(links[1]).toBe('The passphrases do not match');
    expect(screen.getByLabelText('Transfer passphrase').getAttribute('aria-invalid')).toBe('true');
    expect(blobs).toHaveLength(0);
    expect((await readLog(sender.session)).some((e) => e.type === 'export.made')).toBe(false);
  });

  it('tells the Headteacher that only the DSL or a deputy can transfer a case', async () => {
    const head = await storageVault.unlock(sender.users.head, PASSPHRASES.head);
    await open(head);
    expect(screen.getByText('Only the DSL or a deputy can transfer a case. Ask them to do it.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Make the transfer file' })).toBeNull();
  });
});

describe('recording the receipt', () => {
  it('verifies and records the recipient’s signed receipt, and shows the fingerprint to confirm by phone', async () => {
    const receipt = await receiptFor();
    const { user } = await open();
    // Until the receipt is recorded, the screen says it is still to come back, and by when (UKCIS.transfer).
    const waiting = await screen.findByRole('region', { name: 'Receipts still to come back' });
    expect(waiting.textContent).toContain('Receipt of the transfer to DSL, Northfield High School');
    expect(waiting.textContent).toMatch(/within 5 school days/);
    await upload(user, 'Receipt file', receipt, 'ypsi-receipt.json');
    await user.click(screen.getByRole('button', { name: 'Record the receipt' }));
    expect(
      await screen.findByText(
        new RegExp(`^Receipt recorded: Dana Shah, Hillside Academy, received case ${reference} on `),
      ),
    ).toBeTruthy();
    // Recorded: the reminder ends on this screen at once, without leaving it.
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Receipts still to come back' })).toBeNull());
    const fingerprint = JSON.parse(receipt).keyFingerprint as string;
    expect(screen.getByText(fingerprint.match(/.{4}/g)!.join(' '))).toBeTruthy();
    expect((await readLog(sender.session)).at(-1)).toMatchObject({
      type: 'receipt.recorded',
      receiverKeyFingerprint: fingerprint,
    });
  });

  it('refuses a tampered receipt, a truncated one, another kind of file, random bytes and an image, at the field', async () => {
    const receipt = await receiptFor();
    const { user } = await open();
    const record = () => user.click(screen.getByRole('button', { name: 'Record the receipt' }));

    await record();
    expect(summaryLinks()).toEqual(['Choose the receipt file']);

    await upload(
      user,
      'Receipt file',
      JSON.stringify({ ...JSON.parse(receipt), recordHash: 'e'.repeat(64) }),
      'tampered.json',
    );
    await record();
    expect(
      await screen.findByRole('link', { name: /^The receipt was not recorded: This receipt’s signature is not valid/ }),
    ).toBeTruthy();

    await upload(user, 'Receipt file', receipt.slice(0, Math.floor(receipt.length / 2)), 'cut-short.json');
    await record();
    expect(
      await screen.findByRole('link', { name: /^The receipt was not recorded: This file is incomplete/ }),
    ).toBeTruthy();

    const transfer = await exportCaseTransfer(sender.session, caseId, { passphrase: PASS, to: 'Someone', why: 'Test' });
    await upload(user, 'Receipt file', transfer.text, 'transfer.json');
    await record();
    expect(
      await screen.findByRole('link', {
        name: 'The receipt was not recorded: This is a case transfer file, not a transfer receipt. Nothing was changed.',
      }),
    ).toBeTruthy();

    const random = new Uint8Array(512).map((_, i) => (i * 97 + 200) % 256);
    await upload(user, 'Receipt file', random, 'random.json', '');
    expect(
      await screen.findByRole('link', { name: 'random.json is not a YPSI Response file: it is not text.' }),
    ).toBeTruthy();

    const anyFile = userEvent.setup({ applyAccept: false });
    await anyFile.upload(screen.getByLabelText('Receipt file'), new File([random], 'photo.png', { type: 'image/png' }));
    expect(
      await screen.findByRole('link', { name: /^photo\.png is an image or video\. This app never takes imagery/ }),
    ).toBeTruthy();

    expect(screen.getByLabelText('Receipt file').getAttribute('aria-describedby')).toContain('receipt-file-error');
    expect((await readLog(sender.session)).some((e) => e.type === 'receipt.recorded')).toBe(false);
  });
});

describe('bad input (issue 6)', () => {
  it('refuses a 1 MB "who is it for" at its field and in the summary, and makes no file', async () => {
    const { user } = await open();
    await user.click(screen.getByLabelText('Only Zebedee Quillfeather’s part'));
    fireEvent.change(screen.getByLabelText('Who is it for?'), {
      target: { value: `<img id="injected" src=x> ${'w '.repeat(524_288)}` },
    });
    await user.type(screen.getByLabelText('Why are you transferring it?'), 'Moved school');
    await user.click(screen.getByLabelText('Transfer passphrase'));
    await user.paste(PASS);
    await screen.findByText(/Good passphrase|Strong passphrase/);
    await user.click(screen.getByLabelText('Type the transfer passphrase again'));
    await user.paste(PASS);
    await user.click(screen.getByRole('button', { name: 'Make the transfer file' }));
    expect(summaryLinks().some((t) => /too long/.test(t ?? ''))).toBe(true);
    expect(document.getElementById('transfer-to-error')?.textContent).toMatch(/too long/);
    expect(blobs).toHaveLength(0);
    expect(document.getElementById('injected')).toBeNull();
  });
});
