// @vitest-environment jsdom
// "Receive a case transfer", over the real storage on fake-indexeddb: the file and its passphrase
// make a new case here and a signed receipt to send back; a wrong passphrase, random bytes, a
// truncated, altered or other kind of file is refused at its field and changes nothing.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  appendEvent,
  createCase,
  exportBackup,
  exportCaseTransfer,
  listSummaries,
  readLog,
  verifyTransferReceipt,
} from '../../storage';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from '../../../test/unit/storage/harness';
import { disclosureDraft } from '../../../test/unit/storage/flows';
import { storageVault } from '../data/storageVault';
import type { UnlockedVault } from '../data/vault';
import { ReceiveTransferPage } from './ReceiveTransferPage';
import { captureDownloads } from '../../../test/builders/downloads';

const PASS = 'Told to the recipient by phone';
let sender: Device;
let recipient: Device;
let dsl: UnlockedVault;
let caseId: string;
let reference: string;
let transferText: string;
let transferId: string;
let backupText: string;
let blobs: Blob[];

beforeAll(async () => {
  sender = await setUpDevice('ui-receive-sender');
  const created = await createCase(sender.session);
  caseId = created.caseId;
  reference = created.reference;
  await appendEvent(sender.session, caseId, disclosureDraft(sender.session));
  const out = await exportCaseTransfer(sender.session, caseId, {
    passphrase: PASS,
    to: 'DSL, Northfield High School',
    why: 'Pupil moved school',
  });
  transferText = out.text;
  transferId = out.transferId;
  backupText = (await exportBackup(sender.session, 'A backup passphrase for the test')).text;
  recipient = await setUpDevice('ui-receive-recipient');
  dsl = await storageVault.unlock(recipient.users.dsl, PASSPHRASES.dsl);
});
beforeEach(async () => {
  await useCopyOf(recipient);
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
  blobs = captureDownloads();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function show(vault: UnlockedVault = dsl, onReceived = vi.fn<() => void>()) {
  const view = render(
    <MemoryRouter>
      <ReceiveTransferPage vault={vault} onReceived={onReceived} />
    </MemoryRouter>,
  );
  return { user: userEvent.setup(), view, onReceived };
}

async function choose(user: ReturnType<typeof userEvent.setup>, content: BlobPart, name: string) {
  await user.upload(screen.getByLabelText('Transfer file'), new File([content], name, { type: 'application/json' }));
  await screen.findByText(`Chosen: ${name}`);
}

async function openWith(user: ReturnType<typeof userEvent.setup>, passphrase: string) {
  await user.click(screen.getByLabelText('Transfer passphrase'));
  await user.clear(screen.getByLabelText('Transfer passphrase'));
  await user.paste(passphrase);
  await user.click(screen.getByRole('button', { name: 'Open the transfer' }));
}

const caseCount = async () => (await listSummaries(recipient.session)).summaries.length;

describe('receiving a case', () => {
  it('adds the case here, links to it, and offers the signed receipt to send back', async () => {
    const { user, view, onReceived } = await show();
    await choose(user, transferText, 'ypsi-transfer.json');
    await openWith(user, PASS);

    expect(await screen.findByText(`Case ${reference} is now on this device.`)).toBeTruthy();
    expect(screen.getByRole('link', { name: `Open case ${reference}` }).getAttribute('href')).toBe(`/cases/${caseId}`);
    const link = screen.getByRole('link', { name: /^Save the receipt file \(ypsi-receipt-.+\.json\)$/ });
    expect(link.getAttribute('href')).toBe('blob:test/1');
    expect(link.getAttribute('download')).toMatch(new RegExp(`^ypsi-receipt-${reference}-`));
    const receipt = await verifyTransferReceipt(await blobs[0]!.text());
    expect(receipt).toMatchObject({ transferId, caseId, reference, establishment: 'Hillside Academy' });
    expect(screen.getByText(receipt.keyFingerprint.match(/.{4}/g)!.join(' '))).toBeTruthy();
    expect(onReceived).toHaveBeenCalled();
    expect(await caseCount()).toBe(1);
    expect((await readLog(recipient.session)).at(-1)).toMatchObject({ type: 'import.made', caseIds: [caseId] });

    view.unmount();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
  });

  it('asks for the file and the passphrase', async () => {
    const { user } = await show();
    await user.click(screen.getByRole('button', { name: 'Open the transfer' }));
    const links = within(screen.getByRole('alert'))
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(links).toEqual(['Choose the transfer file', 'Enter the transfer passphrase the sender gave you']);
    expect(document.activeElement?.className).toBe('app-error-summary');
  });

  it('refuses a wrong passphrase at the passphrase field, and changes nothing', async () => {
    const { user, onReceived } = await show();
    await choose(user, transferText, 'ypsi-transfer.json');
    await openWith(user, 'Not the passphrase they gave');
    const message = await screen.findByRole('link', {
      name: /^That passphrase does not open this file .*Nothing was changed\.$/,
    });
    expect(message.getAttribute('href')).toBe('#transfer-passphrase');
    expect(screen.getByLabelText('Transfer passphrase').getAttribute('aria-invalid')).toBe('true');
    expect(onReceived).not.toHaveBeenCalled();
    expect(await caseCount()).toBe(0);
  });

  it('refuses random bytes, a truncated file, a file that is not ours, a backup and an altered file, at the file field, and changes nothing', async () => {
    const { user } = await show();
    const fileError = async (pattern: RegExp) => {
      const link = await screen.findByRole('link', { name: pattern });
      expect(link.getAttribute('href')).toBe('#transfer-file');
    };

    const random = new Uint8Array(2048).map((_, i) => (i * 131 + 250) % 256);
    await user.upload(screen.getByLabelText('Transfer file'), new File([random], 'random.json', { type: '' }));
    await fileError(/^random\.json is not a YPSI Response file: it is not text\.$/);

    await choose(user, transferText.slice(0, Math.floor(transferText.length * 0.6)), 'cut-short.json');
    await openWith(user, PASS);
    await fileError(
      /^This file is incomplete \(it was cut short, for example by a failed copy\)\. Nothing was changed\./,
    );

    await choose(user, '{"hello": "world"}', 'other.json');
    await openWith(user, PASS);
    await fileError(/^This is not a case transfer file\. Nothing was changed\.$/);

    await choose(user, backupText, 'backup.json');
    await openWith(user, PASS);
    await fileError(/^This is a backup, not a case transfer file\. Nothing was changed\.$/);

    const parsed = JSON.parse(transferText) as { cipher: { aad: string } };
    await choose(
      user,
      JSON.stringify({ ...parsed, cipher: { ...parsed.cipher, aad: 'something else' } }),
      'altered.json',
    );
    await openWith(user, PASS);
    await fileError(/^This file is damaged: its header does not match its contents\. Nothing was changed\.$/);

    expect(await caseCount()).toBe(0);
  });

  it('tells the Headteacher that only the DSL or a deputy can receive a case', async () => {
    const head = await storageVault.unlock(recipient.users.head, PASSPHRASES.head);
    await show(head);
    expect(screen.getByText('Only the DSL or a deputy can receive a case. Ask them to do it.')).toBeTruthy();
    expect(screen.queryByLabelText('Transfer file')).toBeNull();
  });
});
