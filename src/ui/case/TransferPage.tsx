// Transfer a case (or one young person's part of it) to a pupil's next school or another DSL's
// tablet: an encrypted file, its passphrase given separately by phone, the export logged (who,
// when, to whom, why). The recipient's app gives back a signed receipt, recorded here.
import { useEffect, useState } from 'react';
import { referenceDate } from '../../domain/case';
import { youngPeople } from '../../domain/rules/triggers';
import {
  ActionBar,
  BackLink,
  Button,
  ErrorSummary,
  NotificationBanner,
  Radios,
  Textarea,
  TextInput,
  usePageTitle,
  WarningText,
  type FormError,
} from '../components';
import { JsonFileInput } from '../components/JsonFileInput';
import { useCase } from '../data/CaseContext';
import { useSettings, wording } from '../data/settings';
import { RefusedError, type RecordedReceipt, type UnlockedVault } from '../data/vault';
import { formatDate } from '../format';
import { useSession } from '../session/SessionContext';
import { PassphraseInput } from '../setup/PassphraseInput';
import type { Strength } from '../setup/strength';
import { TRANSFER_RECEIPT_SCHOOL_DAYS } from '../../domain/reminders';
import { CaseReminders } from '../reminders/CaseReminders';
import { useReminders } from '../reminders/RemindersContext';
import { CaseHeader } from './CaseHeader';
import '../setup/setup.css';
import { withTooLong } from '../components/form/limits';
import { may } from '../../domain/permissions';

const WHOLE = 'whole-case';
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** A key fingerprint in groups of four, to read out over the phone. */
const grouped = (hex: string) => hex.match(/.{1,4}/g)!.join(' ');

export function TransferPage({ vault }: { vault: UnlockedVault }) {
  const { snapshot, caseId } = useCase();
  const settings = useSettings();
  const words = wording(settings.establishmentType);
  const refreshReminders = useReminders().refresh;
  const c = snapshot.context;
  const people = youngPeople(c.facts.persons, referenceDate(c));
  const [scope, setScope] = useState<string | null>(people.length === 0 ? WHOLE : null);
  const [to, setTo] = useState('');
  const [why, setWhy] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<{ url: string; name: string } | null>(null);
  const [receiptText, setReceiptText] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<RecordedReceipt | null>(null);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  usePageTitle('Transfer this case', errors.length > 0);
  useEffect(
    () => () => {
      if (file) URL.revokeObjectURL(file.url);
    },
    [file],
  );
  const err = (id: string) => errors.find((e) => e.fieldId === id)?.text;
  const fail = (errs: FormError[]) => {
    setAttempt((n) => n + 1);
    setErrors(errs);
    return errs.length > 0;
  };

  if (!may(vault.actor.role, 'transfer-case')) {
    return (
      <div className="app-page">
        <CaseHeader />
        <h1 className="app-heading-l">Transfer this case</h1>
        <p className="app-body">Only the DSL or a deputy can transfer a case. Ask them to do it.</p>
      </div>
    );
  }

  const makeFile = async () => {
    const errs: FormError[] = [];
    if (!scope) errs.push({ fieldId: 'scope', text: 'Choose what to transfer' });
    if (!to.trim()) errs.push({ fieldId: 'transfer-to', text: 'Enter who the transfer is for' });
    if (!why.trim()) errs.push({ fieldId: 'transfer-why', text: 'Enter why you are transferring the case' });
    if (!passphrase) errs.push({ fieldId: 'transfer-passphrase', text: 'Choose a transfer passphrase' });
    else if (!strength?.ok)
      errs.push({
        fieldId: 'transfer-passphrase',
        text: strength?.message ?? 'Wait for the strength check, then try again',
      });
    if (passphrase !== confirm) errs.push({ fieldId: 'transfer-confirm', text: 'The passphrases do not match' });
    if (fail(withTooLong(errs))) return;
    setBusy(true);
    try {
      const out = await vault.exportTransfer(caseId, {
        passphrase,
        to: to.trim(),
        why: why.trim(),
        ...(scope !== WHOLE && { youngPersonId: scope! }),
      });
      setFile({ url: URL.createObjectURL(new Blob([out.text], { type: 'application/json' })), name: out.fileName });
      refreshReminders?.();
      setPassphrase('');
      setConfirm('');
      setErrors([]);
    } catch (e) {
      const field = e instanceof RefusedError && e.field === 'passphrase' ? 'transfer-passphrase' : 'scope';
      fail([{ fieldId: field, text: `No file was made: ${message(e)}` }]);
    } finally {
      setBusy(false);
    }
  };

  const recordReceipt = async () => {
    if (!receiptText) return void fail([{ fieldId: 'receipt-file', text: 'Choose the receipt file' }]);
    setBusy(true);
    try {
      setReceipt(await vault.recordTransferReceipt(receiptText));
      refreshReminders?.();
      setReceiptText(null);
      setErrors([]);
    } catch (e) {
      fail([{ fieldId: 'receipt-file', text: `The receipt was not recorded: ${message(e)}` }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app-page">
      <BackLink href={`/cases/${caseId}`}>Back to the case</BackLink>
      <ErrorSummary errors={errors} focusKey={attempt} />
      <CaseHeader />
      <h1 className="app-heading-l">Transfer this case</h1>
      <p className="app-body">
        For a {words.pupil}’s next {words.place}, or another DSL’s tablet. The case goes as an encrypted file. The
        recipient opens it in YPSI Response with a passphrase you give them separately.
      </p>

      {file ? (
        <NotificationBanner variant="success" heading="The transfer file is ready.">
          <p className="app-body">
            <a className="app-link" href={file.url} download={file.name}>
              Save the transfer file ({file.name})
            </a>
          </p>
          <p className="app-body">
            Send the file securely. Then phone the recipient with the passphrase. The transfer is recorded in the
            activity log: who, when, to whom and why.
          </p>
          <p className="app-body">
            When a {words.pupil} moves, their file goes to the next {words.place} within {TRANSFER_RECEIPT_SCHOOL_DAYS}{' '}
            school days, with confirmation of receipt: ask the recipient for the signed receipt their app makes, and
            record it below. Until then it is in Reminders, counted in school days from the term dates in Settings.
          </p>
        </NotificationBanner>
      ) : (
        <>
          <Radios
            id="scope"
            legend="What do you want to transfer?"
            hint={
              people.length > 1
                ? 'With one young person’s part, every other young person is left out: their names become “Young person B”, “C” and so on. A nickname or misspelt name in the notes is not recognised, so check with the recipient.'
                : undefined
            }
            items={[
              { value: WHOLE, label: 'The whole case', hint: 'Everyone involved, as recorded.' },
              ...people.map((p) => ({
                value: p.id,
                label: `Only ${p.name.trim() || 'an unnamed young person'}’s part`,
              })),
            ]}
            value={scope}
            onChange={setScope}
            error={err('scope')}
          />
          <TextInput
            id="transfer-to"
            label="Who is it for?"
            hint="For example: DSL, Northfield High School."
            value={to}
            onChange={setTo}
            error={err('transfer-to')}
            autoComplete="off"
          />
          <Textarea
            id="transfer-why"
            label="Why are you transferring it?"
            hint={`For example: the ${words.pupil} moved to Northfield High School on 3 March.`}
            value={why}
            onChange={setWhy}
            rows={3}
            error={err('transfer-why')}
          />
          <PassphraseInput
            id="transfer-passphrase"
            label="Transfer passphrase"
            hint="A new passphrase just for this file, not your own. At least 12 characters; three or four unrelated words work well."
            value={passphrase}
            onChange={setPassphrase}
            error={err('transfer-passphrase')}
            autoComplete="new-password"
            measure={{ userInputs: [settings.establishmentName, to, c.reference], onStrength: setStrength }}
          />
          <PassphraseInput
            id="transfer-confirm"
            label="Type the transfer passphrase again"
            value={confirm}
            onChange={setConfirm}
            error={err('transfer-confirm')}
            autoComplete="new-password"
          />
          <WarningText>
            The file is encrypted, but anyone with both the file and the passphrase can read the case. Never send the
            passphrase with the file, or in the same email or message: give it by phone.
          </WarningText>
          <ActionBar>
            <Button disabled={busy} onClick={makeFile}>
              {busy ? 'Making the file…' : 'Make the transfer file'}
            </Button>
          </ActionBar>
        </>
      )}

      <CaseReminders caseId={caseId} kinds={['transfer-receipt']} heading="Receipts still to come back" />
      <h2 className="app-heading-m">Record the receipt</h2>
      <p className="app-body">
        When the recipient opens the transfer, their app makes a signed receipt file. Ask them to send it back, and
        record it here, so the log shows the case arrived unaltered.
      </p>
      {receipt && (
        <NotificationBanner
          variant="success"
          heading={`Receipt recorded: ${receipt.receivedBy}, ${receipt.establishment}, received case ${receipt.reference} on ${formatDate(receipt.receivedAt)}.`}
        >
          <p className="app-body">Phone them to check that their key fingerprint is:</p>
          <p className="app-body app-recovery-key">{grouped(receipt.keyFingerprint)}</p>
        </NotificationBanner>
      )}
      <JsonFileInput
        id="receipt-file"
        label="Receipt file"
        hint="The .json file the recipient’s app made when they opened the transfer."
        error={err('receipt-file')}
        onError={(m) => fail([{ fieldId: 'receipt-file', text: m }])}
        onText={(t) => {
          setReceiptText(t);
          setErrors([]);
        }}
      />
      <Button variant="secondary" disabled={busy} onClick={recordReceipt}>
        Record the receipt
      </Button>
    </div>
  );
}

/** The /cases/:caseId/transfer route, over the session's unlocked vault. */
export function TransferRoute() {
  const { unlocked } = useSession();
  return unlocked ? <TransferPage vault={unlocked} /> : null;
}
