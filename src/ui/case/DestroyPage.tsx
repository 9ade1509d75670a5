// Destroying a case (docs/SECURITY.md items 3 and 13): why, and which second key holder agrees; then a
// check-your-answers page where both people type their own passphrase; then the storage layer
// destroys the case's key and records, leaving a signed note. The domain's gate says whether it
// may happen; this screen shows its reasons and never repeats a rule.
import { BROWSER_LEFTOVERS } from '../retention/leftovers';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { stageOf } from '../../domain/machine';
import { retentionFacts, reviewDateFrom } from '../../domain/retention';
import { explainDestruction } from '../../domain/retentionGates';
import { ROLE_LABELS } from '../../domain/stages';
import {
  ActionBar,
  Button,
  Checkboxes,
  ErrorSummary,
  Radios,
  SummaryList,
  Textarea,
  TextInput,
  WarningText,
  type FormError,
} from '../components';
import { useCase } from '../data/CaseContext';
import { useSettings } from '../data/settings';
import { RefusedError, type KeyHolder, type KeyRotationProgress, type UnlockedVault } from '../data/vault';
import { RotationProgressBar } from '../settings/RotationProgressBar';
import { useSession } from '../session/SessionContext';
import { ReasonItem } from '../policy/PolicySays';
import { datesInWords, formatDate, todayIso } from '../format';
import { CaseHeader } from './CaseHeader';
import { type FieldIds, fieldIdFor } from '../data/useStep';

const FIELD: Record<RefusedError['field'], string> = {
  passphrase: 'own-passphrase',
  'own-passphrase': 'own-passphrase',
  'second-user': 'second-user',
  'second-passphrase': 'second-passphrase',
  file: 'main-content',
  'new-passphrase': 'own-passphrase',
  'recovery-key': 'own-passphrase',
  other: 'main-content',
};

/** The route: the signed-in vault, and the session's lists refreshed after. */
export function DestroyRoute() {
  const session = useSession();
  return session.unlocked ? <DestroyPage vault={session.unlocked} onDestroyed={session.refresh} /> : null;
}

/** Where this page shows each answer a destruction's reasons can name (src/domain/reasons.ts). */
export const DESTROY_FIELDS = { second: 'second-user', reason: 'destroy-reason' } satisfies FieldIds;

export function DestroyPage({ vault, onDestroyed }: { vault: UnlockedVault; onDestroyed: () => Promise<void> }) {
  const { snapshot, caseId, gateway } = useCase();
  const settings = useSettings();
  const navigate = useNavigate();
  const c = snapshot.context;
  const stage = stageOf(snapshot);
  const me = gateway.actor;
  // null until read: the gate below needs to know who could agree, so it never says "cannot be
  // destroyed" for the moment before the key holders are read.
  const [loadedHolders, setHolders] = useState<KeyHolder[] | null>(null);
  const holders = loadedHolders ?? [];
  const [step, setStep] = useState<'form' | 'check'>('form');
  const [reason, setReason] = useState('');
  const [secondId, setSecondId] = useState<string | null>(null);
  const [ownPass, setOwnPass] = useState('');
  const [secondPass, setSecondPass] = useState('');
  const [understood, setUnderstood] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<KeyRotationProgress | null>(null);

  useEffect(() => {
    void vault.keyHolders().then(setHolders);
  }, [vault]);

  const others = holders.filter((h) => h.userId !== me.userId);
  const second = others.find((h) => h.userId === secondId) ?? null;
  const today = todayIso();
  const facts = retentionFacts(c);
  const reviewDate = reviewDateFrom(facts, settings.retentionYears).date;
  const ask = (r: string, who: KeyHolder | null) =>
    explainDestruction(c, stage, {
      today,
      by: me,
      second: who ? { userId: who.userId, role: who.role, name: who.name } : null,
      reason: r,
      years: settings.retentionYears,
    });
  // Can this case be destroyed at all now (whoever the second person, whatever the reason)?
  const caseGate = ask('A reason', others[0] ?? null);

  const fail = (list: FormError[]) => {
    setErrors(list);
    setAttempt((n) => n + 1);
  };

  if (loadedHolders === null)
    return (
      <div className="app-page">
        <CaseHeader />
        <p className="app-body" role="status">
          Reading who holds a key…
        </p>
      </div>
    );

  if (!caseGate.allowed) {
    return (
      <div className="app-page">
        <CaseHeader />
        <h1 className="app-heading-l">This case cannot be destroyed now</h1>
        <ul className="app-list">
          {caseGate.reasons.map((r) => (
            <ReasonItem key={r.text} r={{ ...r, text: datesInWords(r.text) }} />
          ))}
        </ul>
        <p className="app-body">
          <Link className="app-link app-link--block" to={`/cases/${caseId}/retention`}>
            Back to this case’s retention
          </Link>
        </p>
      </div>
    );
  }

  if (step === 'form') {
    return (
      <div className="app-page">
        <CaseHeader />
        <ErrorSummary errors={errors} focusKey={attempt} />
        <h1 className="app-heading-l">Destroy case {c.reference}</h1>
        <p className="app-body">
          The case’s key and every record of it are removed from this device. What stays is a signed note that the
          record existed and was destroyed: its reference, its dates, who destroyed it, who agreed and why. The note
          holds no names and nothing written about the case.
        </p>
        <WarningText>
          This cannot be undone. Older backups and exported PDFs are outside the app’s reach: they still hold the case.
          Deal with them separately.
        </WarningText>
        <p className="app-body">{BROWSER_LEFTOVERS}</p>
        <Textarea
          id="destroy-reason"
          label="Why is the case destroyed?"
          hint="For example, the retention review found it is no longer needed, and nothing requires keeping it. This stays on the signed note after the case is gone, so do not name anyone in it."
          value={reason}
          onChange={setReason}
          rows={4}
          error={errors.find((e) => e.fieldId === 'destroy-reason')?.text}
        />
        <Radios
          id="second-user"
          legend="Who is the second key holder who agrees?"
          legendSize="s"
          hint="They must be here: they type their own passphrase on the next page."
          items={others.map((h) => ({ value: h.userId, label: `${h.name} (${ROLE_LABELS[h.role]})` }))}
          value={secondId}
          onChange={setSecondId}
          error={errors.find((e) => e.fieldId === 'second-user')?.text}
        />
        <ActionBar>
          <Button
            onClick={() => {
              const why = ask(reason, second);
              if (!why.allowed) {
                fail(
                  why.reasons.map((r) => ({
                    fieldId: fieldIdFor(DESTROY_FIELDS, r, 'destroy-reason'),
                    text: `${datesInWords(r.text)} (${r.rule})`,
                  })),
                );
                return;
              }
              setErrors([]);
              setStep('check');
            }}
          >
            Continue
          </Button>
        </ActionBar>
      </div>
    );
  }

  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h1 className="app-heading-l">Check before you destroy case {c.reference}</h1>
      <SummaryList
        rows={[
          { key: 'Case', value: c.reference },
          { key: 'Opened', value: formatDate(c.opened?.at) },
          { key: 'Closed', value: formatDate(facts.closedAt) },
          { key: 'Review date', value: reviewDate ? formatDate(reviewDate) : 'Not set' },
          { key: 'Why it is destroyed', value: reason },
          { key: 'Destroyed by', value: `${me.name} (${ROLE_LABELS[me.role]})` },
          { key: 'Agreed by', value: second ? `${second.name} (${ROLE_LABELS[second.role]})` : '' },
        ]}
      />
      <p className="app-body">
        <button type="button" className="app-link-button" onClick={() => setStep('form')}>
          Change the reason or the second key holder
        </button>
      </p>
      <WarningText>
        The case cannot be recovered by the app afterwards. Copies in older backups and in exported PDFs are outside its
        reach: find and destroy those separately, as your records policy says.
      </WarningText>
      <TextInput
        id="own-passphrase"
        type="password"
        autoComplete="current-password"
        label={`${me.name}: your passphrase`}
        value={ownPass}
        onChange={setOwnPass}
        error={errors.find((e) => e.fieldId === 'own-passphrase')?.text}
      />
      <TextInput
        id="second-passphrase"
        type="password"
        autoComplete="off"
        label={`${second?.name ?? 'Second key holder'}: your passphrase`}
        hint={`${second?.name ?? 'They'} types it here themselves.`}
        value={secondPass}
        onChange={setSecondPass}
        error={errors.find((e) => e.fieldId === 'second-passphrase')?.text}
      />
      <Checkboxes
        id="understood"
        legend="Confirm"
        legendSize="s"
        items={[
          {
            value: 'yes',
            label: `We understand case ${c.reference} will be destroyed on this device and cannot be recovered by the app.`,
          },
        ]}
        values={understood}
        onChange={setUnderstood}
        error={errors.find((e) => e.fieldId === 'understood')?.text}
      />
      {busy && progress && <RotationProgressBar progress={progress} />}
      <ActionBar>
        <Button
          variant="warning"
          disabled={busy}
          onClick={async () => {
            const fe: FormError[] = [];
            if (!ownPass) fe.push({ fieldId: 'own-passphrase', text: 'Enter your passphrase.' });
            if (!secondPass)
              fe.push({
                fieldId: 'second-passphrase',
                text: `${second?.name ?? 'The second key holder'} must enter their passphrase.`,
              });
            if (understood.length === 0)
              fe.push({
                fieldId: 'understood',
                text: 'Confirm that you both understand the case cannot be recovered.',
              });
            if (fe.length > 0 || !second) return fail(fe);
            setBusy(true);
            try {
              await vault.destroyCase(
                caseId,
                { reason, passphrase: ownPass, secondUserId: second.userId, secondPassphrase: secondPass },
                setProgress,
              );
              await onDestroyed();
              void navigate('/retention', { state: { destroyed: c.reference } });
            } catch (e) {
              if (e instanceof RefusedError) fail([{ fieldId: FIELD[e.field], text: e.message }]);
              else
                fail([
                  {
                    fieldId: 'main-content',
                    text: `Nothing was destroyed: ${e instanceof Error ? e.message : String(e)}`,
                  },
                ]);
              setOwnPass('');
              setSecondPass('');
            } finally {
              setBusy(false);
            }
          }}
        >
          Destroy case {c.reference}
        </Button>
      </ActionBar>
    </div>
  );
}
