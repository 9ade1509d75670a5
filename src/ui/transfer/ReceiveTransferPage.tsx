// Receive a case transfer: the file another school's (or DSL's) YPSI Response made, and the
// passphrase they gave by phone. The case arrives as a new case here, and a signed receipt is
// made to send back. A wrong passphrase or a wrong, damaged or cut-short file changes nothing.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ActionBar, Button, ErrorSummary, NotificationBanner, usePageTitle, type FormError } from '../components';
import { JsonFileInput } from '../components/JsonFileInput';
import { RefusedError, type ReceivedTransfer, type UnlockedVault } from '../data/vault';
import { useSession } from '../session/SessionContext';
import { PassphraseInput } from '../setup/PassphraseInput';
import '../setup/setup.css';
import { may } from '../../domain/permissions';

const NOTHING_CHANGED = 'Nothing on this device was changed.';
const grouped = (hex: string) => hex.match(/.{1,4}/g)!.join(' ');

export interface ReceiveTransferPageProps {
  vault: UnlockedVault;
  /** After a case arrived (the home screen's list, the inbox). */
  onReceived?: () => void | Promise<void>;
}

export function ReceiveTransferPage({ vault, onReceived }: ReceiveTransferPageProps) {
  const [text, setText] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [received, setReceived] = useState<(ReceivedTransfer & { url: string }) | null>(null);
  usePageTitle(received ? 'Case received' : 'Receive a case transfer', errors.length > 0);
  useEffect(
    () => () => {
      if (received) URL.revokeObjectURL(received.url);
    },
    [received],
  );
  const err = (id: string) => errors.find((e) => e.fieldId === id)?.text;
  const fail = (errs: FormError[]) => {
    setAttempt((n) => n + 1);
    setErrors(errs);
  };

  if (!may(vault.actor.role, 'transfer-case')) {
    return (
      <div className="app-page">
        <h1 className="app-heading-xl">Receive a case transfer</h1>
        <p className="app-body">Only the DSL or a deputy can receive a case. Ask them to do it.</p>
      </div>
    );
  }

  if (received) {
    return (
      <div className="app-page">
        <NotificationBanner variant="success" heading={`Case ${received.reference} is now on this device.`}>
          <p className="app-body">
            <Link className="app-link" to={`/cases/${received.caseId}`}>
              Open case {received.reference}
            </Link>
          </p>
        </NotificationBanner>
        <h1 className="app-heading-l">Send the receipt back</h1>
        <p className="app-body">
          Your app has made a receipt, signed with this establishment’s key. Send it to the sender, so they can record
          that the case arrived unaltered. It holds no names, only the case reference and who received it.
        </p>
        <p className="app-body">
          <a className="app-link" href={received.url} download={received.receiptFileName}>
            Save the receipt file ({received.receiptFileName})
          </a>
        </p>
        <p className="app-body">If the sender phones to check, your key fingerprint is:</p>
        <p className="app-body app-recovery-key">{grouped(received.keyFingerprint)}</p>
        <p className="app-body">Receiving the case is recorded in the activity log.</p>
      </div>
    );
  }

  const open = async () => {
    const errs: FormError[] = [];
    if (!text) errs.push({ fieldId: 'transfer-file', text: 'Choose the transfer file' });
    if (!passphrase)
      errs.push({ fieldId: 'transfer-passphrase', text: 'Enter the transfer passphrase the sender gave you' });
    if (errs.length) return fail(errs);
    setBusy(true);
    try {
      const r = await vault.importTransfer(text!, passphrase);
      setPassphrase('');
      setErrors([]);
      setReceived({ ...r, url: URL.createObjectURL(new Blob([r.receiptText], { type: 'application/json' })) });
      await onReceived?.();
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      const field = e instanceof RefusedError && e.field === 'passphrase' ? 'transfer-passphrase' : 'transfer-file';
      const said = e instanceof RefusedError && e.said.saysNothingChanged;
      fail([{ fieldId: field, text: said ? m : `${m} ${NOTHING_CHANGED}` }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app-page">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h1 className="app-heading-xl">Receive a case transfer</h1>
      <p className="app-body">
        Open a case sent from another school’s or DSL’s YPSI Response. The sender gives you the file and, separately by
        phone, its passphrase. The case is added here as a new case; nothing already on this device changes.
      </p>
      <JsonFileInput
        id="transfer-file"
        label="Transfer file"
        hint="A .json file made by “Transfer this case”."
        error={err('transfer-file')}
        onError={(m) => fail([{ fieldId: 'transfer-file', text: m }])}
        onText={(t) => {
          setText(t);
          setErrors([]);
        }}
      />
      <PassphraseInput
        id="transfer-passphrase"
        label="Transfer passphrase"
        hint="The one the sender gave you by phone."
        value={passphrase}
        onChange={setPassphrase}
        error={err('transfer-passphrase')}
      />
      <ActionBar>
        <Button disabled={busy} onClick={open}>
          {busy ? 'Opening…' : 'Open the transfer'}
        </Button>
      </ActionBar>
    </div>
  );
}

/** The /transfers/receive route, over the session's unlocked vault. */
export function ReceiveTransferRoute() {
  const session = useSession();
  return session.unlocked ? <ReceiveTransferPage vault={session.unlocked} onReceived={session.refresh} /> : null;
}
