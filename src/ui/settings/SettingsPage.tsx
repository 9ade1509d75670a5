// Settings: the establishment's contacts and wording, auto-lock, storage on this device, the
// integrity check, and encrypted backups. Changes are events in the establishment log.
import { DEFAULT_RETENTION_YEARS } from '../../domain/retention';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import {
  ActionBar,
  Button,
  ErrorSummary,
  NotificationBanner,
  Radios,
  Select,
  Textarea,
  TextInput,
  type FormError,
} from '../components';
import { isPhoneNumber, type EstablishmentType, type PublicSettings } from '../data/settings';
import type { UnlockedVault } from '../data/vault';
import { IDLE_MAX_MINUTES, IDLE_MIN_MINUTES } from '../lock/idle';
import '../setup/setup.css';
import { KeyHoldersSection } from './KeyHoldersSection';
import { ActivityLogSection } from './ActivityLogSection';
import { SigningSection } from './SigningSection';
import { SealWordsSection } from './SealWordsSection';
import { SyncSection } from './SyncSection';
import { BackupSection, IntegritySection, StorageSection } from './DeviceSections';
import { RemindersSection } from './RemindersSection';
import { withTooLong } from '../components/form/limits';

const phoneOk = isPhoneNumber;

const RETENTION_YEAR_OPTIONS = [21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 35, 40, 50, 75, 100];

export function SettingsPage({
  vault,
  settings,
  onSaved,
  indexRepairs = [],
}: {
  vault: UnlockedVault;
  settings: PublicSettings;
  onSaved: () => Promise<void>;
  indexRepairs?: readonly string[];
}) {
  const [s, setS] = useState<PublicSettings>(settings);
  const [riskTools, setRiskTools] = useState(settings.riskTools.join('\n'));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  // Bumped after anything here is logged, so the activity log below reads it again.
  const [logVersion, setLogVersion] = useState(0);

  // A reminder links to a section (#backup, #term-dates): bring its heading into view and focus,
  // after the layout has moved focus to the page's heading (a parent's effect runs after this one).
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash) return;
    const t = window.setTimeout(() => {
      const el = document.getElementById(decodeURIComponent(hash.slice(1)));
      if (!el) return;
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
    }, 50);
    return () => window.clearTimeout(t);
  }, [hash]);

  const err = (id: string) => errors.find((e) => e.fieldId === id)?.text;
  const fail = (errs: FormError[]) => {
    setAttempt((n) => n + 1);
    setErrors(errs);
  };

  const save = async () => {
    const errs: FormError[] = [];
    if (!s.establishmentName.trim())
      errs.push({ fieldId: 'establishment-name', text: 'Enter the name of your establishment' });
    for (const [id, v] of [
      ['dsl-phone', s.dsl.phone],
      ['mash-phone', s.mashPhone],
      ['lado-phone', s.ladoPhone],
      ['police-101', s.policeNonEmergency],
      ['police-999', s.policeEmergency],
    ] as const)
      if (!phoneOk(v)) errs.push({ fieldId: id, text: 'Enter a phone number using digits, spaces and + only' });
    errs.push(...withTooLong(errs).slice(errs.length));
    if (errs.length) return fail(errs);
    try {
      // Term dates and reminder timings are saved by their own section: keep what it last saved.
      await vault.updateSettings({
        ...s,
        schoolCalendar: settings.schoolCalendar,
        reminders: settings.reminders,
        riskTools: riskTools
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean),
      });
      setErrors([]);
      setSaved('Settings saved. The change is recorded in the establishment log.');
      setLogVersion((n) => n + 1);
      await onSaved();
    } catch (e) {
      fail([
        { fieldId: 'establishment-name', text: `Nothing was saved: ${e instanceof Error ? e.message : String(e)}` },
      ]);
    }
  };

  return (
    <div className="app-page">
      <ErrorSummary errors={errors} focusKey={attempt} />
      {saved && <NotificationBanner variant="success" heading={saved} />}
      <h1 className="app-heading-xl">Settings</h1>

      {/* A section of its own: its sticky "Save settings" bar stays with these fields and does not cover the sections below. */}
      <section aria-labelledby="establishment">
        <h2 className="app-heading-m" id="establishment">
          Your establishment
        </h2>
        <TextInput
          id="establishment-name"
          label="Name"
          value={s.establishmentName}
          onChange={(v) => setS({ ...s, establishmentName: v })}
          error={err('establishment-name')}
        />
        <Radios
          id="establishment-type"
          legend="Kind of establishment"
          inline
          items={[
            { value: 'school', label: 'School' },
            { value: 'college', label: 'College' },
            { value: 'setting', label: 'Another setting' },
          ]}
          value={s.establishmentType}
          onChange={(v) => setS({ ...s, establishmentType: v as EstablishmentType })}
        />
        <h2 className="app-heading-m">Contacts shown to staff and on referrals</h2>
        <TextInput
          id="dsl-name"
          label="Designated Safeguarding Lead"
          value={s.dsl.name}
          onChange={(v) => setS({ ...s, dsl: { ...s.dsl, name: v } })}
        />
        <TextInput
          id="dsl-phone"
          label="DSL phone"
          type="tel"
          width="20"
          value={s.dsl.phone}
          onChange={(v) => setS({ ...s, dsl: { ...s.dsl, phone: v } })}
          error={err('dsl-phone')}
        />
        <TextInput
          id="head-name"
          label="Headteacher"
          value={s.headteacher.name}
          onChange={(v) => setS({ ...s, headteacher: { ...s.headteacher, name: v } })}
        />
        <TextInput
          id="chair-name"
          label="Chair of governors"
          value={s.chairOfGovernors.name}
          onChange={(v) => setS({ ...s, chairOfGovernors: { ...s.chairOfGovernors, name: v } })}
        />
        <TextInput id="mash-name" label="MASH" value={s.mashName} onChange={(v) => setS({ ...s, mashName: v })} />
        <TextInput
          id="mash-phone"
          label="MASH phone"
          type="tel"
          width="20"
          value={s.mashPhone}
          onChange={(v) => setS({ ...s, mashPhone: v })}
          error={err('mash-phone')}
        />
        <TextInput id="lado-name" label="LADO" value={s.ladoName} onChange={(v) => setS({ ...s, ladoName: v })} />
        <TextInput
          id="lado-phone"
          label="LADO phone"
          type="tel"
          width="20"
          value={s.ladoPhone}
          onChange={(v) => setS({ ...s, ladoPhone: v })}
          error={err('lado-phone')}
        />
        <TextInput
          id="police-101"
          label="Police, non-emergency"
          type="tel"
          width="10"
          value={s.policeNonEmergency}
          onChange={(v) => setS({ ...s, policeNonEmergency: v })}
          error={err('police-101')}
        />
        <TextInput
          id="police-999"
          label="Police, emergency"
          type="tel"
          width="10"
          value={s.policeEmergency}
          onChange={(v) => setS({ ...s, policeEmergency: v })}
          error={err('police-999')}
        />
        <Textarea
          id="risk-tools"
          label="Local risk tools"
          hint="One per line."
          value={riskTools}
          onChange={setRiskTools}
          rows={5}
        />
        <Select
          id="idle-minutes"
          label="Lock the app after this long with nothing happening"
          hint="It warns you a minute before. There is no “never”."
          options={Array.from({ length: IDLE_MAX_MINUTES - IDLE_MIN_MINUTES + 1 }, (_, i) => i + IDLE_MIN_MINUTES)
            .filter((m) => m <= 5 || m % 5 === 0)
            .map((m) => ({ value: String(m), label: `${m} minute${m === 1 ? '' : 's'}` }))}
          value={String(s.idleMinutes)}
          onChange={(v) => setS({ ...s, idleMinutes: Number(v) })}
        />
        <Select
          id="retention-years"
          label="Review closed cases at the youngest child's birthday, this many years after birth"
          hint="Child protection records are kept until the child's 25th birthday, then reviewed. Change it only if your records policy says so."
          options={RETENTION_YEAR_OPTIONS.map((y) => ({
            value: String(y),
            label: `${y}${y === DEFAULT_RETENTION_YEARS ? ' (the usual period)' : ''}`,
          }))}
          value={String(s.retentionYears)}
          onChange={(v) => setS({ ...s, retentionYears: Number(v) })}
        />
        <ActionBar>
          <Button onClick={save}>Save settings</Button>
        </ActionBar>
      </section>

      <RemindersSection vault={vault} settings={settings} onSaved={onSaved} />

      <StorageSection onSaid={setSaved} />
      <IntegritySection vault={vault} indexRepairs={indexRepairs} />
      <BackupSection
        vault={vault}
        establishmentName={s.establishmentName}
        error={err('backup-passphrase')}
        fail={fail}
        onMade={() => {
          setLogVersion((n) => n + 1);
          setErrors([]);
        }}
      />

      <KeyHoldersSection
        vault={vault}
        userInputs={[s.establishmentName]}
        onChanged={async () => {
          setLogVersion((n) => n + 1);
          await onSaved();
        }}
      />
      <SigningSection vault={vault} />
      <SealWordsSection vault={vault} establishment={settings.establishmentName} />
      {vault.sync && (
        <SyncSection sync={vault.sync} role={vault.actor.role} onLogged={() => setLogVersion((n) => n + 1)} />
      )}
      <ActivityLogSection vault={vault} version={logVersion} />
    </div>
  );
}
