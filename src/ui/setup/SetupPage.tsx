// First-run set-up: the establishment, its safeguarding contacts and local risk tools (the policy
// template's placeholders, R1.4), and the people who hold keys. A recovery key is shown once.
import { useCallback, useState, useSyncExternalStore } from 'react';
import {
  ActionBar,
  Button,
  ErrorSummary,
  Radios,
  Textarea,
  TextInput,
  WarningText,
  usePageTitle,
  type FormError,
} from '../components';
import { DEFAULT_SETTINGS, isPhoneNumber, type EstablishmentType, type PublicSettings } from '../data/settings';
import type { NewUser } from '../data/vault';
import { type Holder, holder, KeyHolderFields } from './KeyHolderFields';
import { RecoveryKeyStep, SetUpComplete } from './RecoveryKeyStep';
import type { Strength } from './strength';
import './setup.css';
import { withTooLong } from '../components/form/limits';
import { leads, may } from '../../domain/permissions';

/** An iPhone or iPad browser tab, not the installed Home Screen app. */
function isIosBrowserTab(): boolean {
  if (typeof navigator === 'undefined') return false;
  const ios =
    /iPad|iPhone|iPod/.test(navigator.userAgent) ||
    (navigator.userAgent.includes('Macintosh') && 'ontouchend' in document);
  return ios && (navigator as Navigator & { standalone?: boolean }).standalone !== true;
}

const phoneOk = isPhoneNumber;
const unchanging = () => () => {};

/**
 * isIosBrowserTab() as React reads it: false in the page pre-rendered at build time (index.html,
 * src/ui/prerender.tsx) and while React adopts it, then this browser's answer.
 */
function useIosBrowserTab(): boolean {
  return useSyncExternalStore(unchanging, isIosBrowserTab, () => false);
}

export function SetupPage({
  onSetUp,
}: {
  onSetUp: (settings: PublicSettings, users: NewUser[]) => Promise<{ recoveryKey: string }>;
}) {
  const [s, setS] = useState<PublicSettings>(DEFAULT_SETTINGS);
  const [establishmentName, setEstablishmentName] = useState('');
  const [holders, setHolders] = useState<Holder[]>([holder('dsl'), holder('headteacher')]);
  const [riskTools, setRiskTools] = useState(DEFAULT_SETTINGS.riskTools.join('\n'));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const iosBrowserTab = useIosBrowserTab();
  usePageTitle(recoveryKey && !done ? 'Your recovery key' : done ? 'Set-up is complete' : 'Set up', errors.length > 0);

  const strengthFor = useCallback(
    (key: string) => (st: Strength | null) =>
      setHolders((hs) => hs.map((h) => (h.key === key ? { ...h, strength: st } : h))),
    [],
  );
  const err = (id: string) => errors.find((e) => e.fieldId === id)?.text;

  const submit = async () => {
    const errs: FormError[] = [];
    if (!establishmentName.trim())
      errs.push({ fieldId: 'establishment-name', text: 'Enter the name of your school, college or setting' });
    if (!s.mashPhone.trim()) errs.push({ fieldId: 'mash-phone', text: 'Enter the MASH phone number' });
    for (const [id, v] of [
      ['mash-phone', s.mashPhone],
      ['lado-phone', s.ladoPhone],
      ['police-101', s.policeNonEmergency],
      ['police-999', s.policeEmergency],
    ] as const) {
      if (!phoneOk(v)) errs.push({ fieldId: id, text: 'Enter a phone number using digits, spaces and + only' });
    }
    holders.forEach((h, i) => {
      const id = `holder-${i + 1}`;
      if (!h.name.trim()) errs.push({ fieldId: `${id}-name`, text: `Enter the name of key holder ${i + 1}` });
      if (!phoneOk(h.phone))
        errs.push({ fieldId: `${id}-phone`, text: 'Enter a phone number using digits, spaces and + only' });
      if (!h.strength?.ok)
        errs.push({
          fieldId: `${id}-passphrase`,
          text: h.strength?.message ?? `Choose a passphrase for ${h.name || `key holder ${i + 1}`}`,
        });
      if (h.passphrase !== h.confirm) errs.push({ fieldId: `${id}-confirm`, text: 'The passphrases do not match' });
    });
    if (!holders.some((h) => leads(h.role)))
      errs.push({ fieldId: 'holder-1-name', text: 'There must be a Designated Safeguarding Lead' });
    setAttempt((n) => n + 1);
    const all = withTooLong(errs);
    setErrors(all);
    if (all.length > 0) return;
    const dsl = holders.find((h) => leads(h.role))!;
    const head = holders.find((h) => may(h.role, 'sign-off-as-headteacher'));
    const settings: PublicSettings = {
      ...s,
      establishmentName: establishmentName.trim(),
      dsl: { name: dsl.name.trim(), phone: dsl.phone.trim() },
      // Deputies: those who manage the establishment but do not lead the response.
      deputies: holders
        .filter((h) => !leads(h.role) && may(h.role, 'manage-key-holders'))
        .map((h) => ({ name: h.name.trim(), phone: h.phone.trim() })),
      headteacher: head ? { name: head.name.trim(), phone: head.phone.trim() } : s.headteacher,
      riskTools: riskTools
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
    };
    setBusy(true);
    try {
      const r = await onSetUp(
        settings,
        holders.map((h) => ({ name: h.name.trim(), role: h.role, passphrase: h.passphrase })),
      );
      setRecoveryKey(r.recoveryKey);
      window.scrollTo(0, 0);
    } catch (e) {
      setErrors([
        {
          fieldId: 'establishment-name',
          text: `Set-up did not finish, and nothing was saved: ${e instanceof Error ? e.message : String(e)}`,
        },
      ]);
    } finally {
      setBusy(false);
    }
  };

  if (recoveryKey && !done) return <RecoveryKeyStep recoveryKey={recoveryKey} onDone={() => setDone(true)} />;
  if (done) return <SetUpComplete />;

  const userInputs = [establishmentName, ...holders.map((h) => h.name)];
  return (
    <div className="app-page">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h1 className="app-heading-xl">Set up YPSI Response</h1>
      <p className="app-body">
        This takes about five minutes. Everything stays on this device, encrypted. Nothing is sent anywhere.
      </p>
      {iosBrowserTab ? (
        <WarningText>
          On an iPad, add YPSI Response to the Home Screen first (Share, then “Add to Home Screen”) and set it up from
          there. Safari and the installed app do not share their storage, and Safari deletes a website’s data after
          seven days without a visit.
        </WarningText>
      ) : (
        <p className="app-body">
          On an iPad, set it up from the Home Screen icon, not in Safari: the two do not share storage.
        </p>
      )}
      <h2 className="app-heading-m">Your establishment</h2>
      <TextInput
        id="establishment-name"
        label="Name"
        value={establishmentName}
        onChange={setEstablishmentName}
        error={err('establishment-name')}
      />
      <Radios
        id="establishment-type"
        legend="What kind of establishment is it?"
        hint="The app's wording follows your choice (pupil, student or child)."
        items={[
          { value: 'school', label: 'A school' },
          { value: 'college', label: 'A college' },
          { value: 'setting', label: 'Another setting (for example a youth club)' },
        ]}
        value={s.establishmentType}
        onChange={(v) => setS({ ...s, establishmentType: v as EstablishmentType })}
      />
      <h2 className="app-heading-m">Who holds a key</h2>
      <p className="app-body">
        The DSL and deputies can do everything. The Headteacher can read cases and sign off decisions. Other staff hold
        no key: they can only record a disclosure, which they cannot read back.
      </p>
      <KeyHolderFields
        holders={holders}
        setHolders={setHolders}
        userInputs={userInputs}
        err={err}
        strengthFor={strengthFor}
      />
      <h2 className="app-heading-m">Safeguarding contacts</h2>
      {!holders.some((h) => may(h.role, 'sign-off-as-headteacher')) && (
        <TextInput
          id="headteacher-name"
          label="Headteacher's name"
          value={s.headteacher.name === DEFAULT_SETTINGS.headteacher.name ? '' : s.headteacher.name}
          onChange={(v) => setS({ ...s, headteacher: { ...s.headteacher, name: v } })}
        />
      )}
      <TextInput
        id="chair-name"
        label="Chair of governors"
        hint="Leads if an allegation concerns the Headteacher."
        value={s.chairOfGovernors.name === DEFAULT_SETTINGS.chairOfGovernors.name ? '' : s.chairOfGovernors.name}
        onChange={(v) => setS({ ...s, chairOfGovernors: { ...s.chairOfGovernors, name: v } })}
      />
      <TextInput
        id="mash-name"
        label="Your local MASH (Multi-Agency Safeguarding Hub)"
        value={s.mashName}
        onChange={(v) => setS({ ...s, mashName: v })}
      />
      <TextInput
        id="mash-phone"
        label="MASH phone number"
        type="tel"
        value={s.mashPhone}
        onChange={(v) => setS({ ...s, mashPhone: v })}
        error={err('mash-phone')}
        width="20"
      />
      <TextInput
        id="lado-name"
        label="LADO (Local Authority Designated Officer)"
        value={s.ladoName}
        onChange={(v) => setS({ ...s, ladoName: v })}
      />
      <TextInput
        id="lado-phone"
        label="LADO phone number"
        type="tel"
        value={s.ladoPhone}
        onChange={(v) => setS({ ...s, ladoPhone: v })}
        error={err('lado-phone')}
        width="20"
      />
      <TextInput
        id="police-101"
        label="Police, non-emergency"
        type="tel"
        value={s.policeNonEmergency}
        onChange={(v) => setS({ ...s, policeNonEmergency: v })}
        error={err('police-101')}
        width="10"
      />
      <TextInput
        id="police-999"
        label="Police, emergency"
        type="tel"
        value={s.policeEmergency}
        onChange={(v) => setS({ ...s, policeEmergency: v })}
        error={err('police-999')}
        width="10"
      />
      <Textarea
        id="risk-tools"
        label="Local risk tools"
        hint="One per line. The first is offered first."
        value={riskTools}
        onChange={setRiskTools}
        rows={6}
      />
      <ActionBar>
        <Button disabled={busy} onClick={submit}>
          {busy ? 'Setting up…' : 'Finish set-up'}
        </Button>
      </ActionBar>
    </div>
  );
}
