// Settings: school term dates (for "within 5 school days") and when things become reminders.
// Saved with the other public settings, so each change is an event in the establishment log.
// The domain checks the dates (termDateProblems); this screen only shows what it says at each field.
import { useState } from 'react';
import { Link } from 'react-router';
import { REMINDER_LIMITS } from '../../domain/reminders';
import { isIsoDate, termDateProblems, type Term } from '../../domain/schoolDays';
import {
  ActionBar,
  Button,
  DateInput,
  ErrorSummary,
  Fieldset,
  NotificationBanner,
  Textarea,
  TextInput,
  type DateParts,
  type FormError,
} from '../components';
import type { PublicSettings } from '../data/settings';
import type { UnlockedVault } from '../data/vault';

/** Day, month and year boxes as an ISO date, or the text as typed when it is not a whole date. */
export function partsToIso(p: DateParts): string {
  const [d, m, y] = [p.day.trim(), p.month.trim(), p.year.trim()];
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return `${y}-${m}-${d}`;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

function isoToParts(iso: string): DateParts {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** A closure day as typed: 2026-10-02, or 2/10/2026, 2 10 2026. */
export function closureToIso(line: string): string {
  const t = line.trim();
  const m = /^(\d{1,2})[/\s.-]+(\d{1,2})[/\s.-]+(\d{4})$/.exec(t);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : t;
}

interface TermRow {
  key: number;
  start: DateParts;
  end: DateParts;
}

let nextKey = 1;
const EMPTY: DateParts = { day: '', month: '', year: '' };

export function RemindersSection({
  vault,
  settings,
  onSaved,
}: {
  vault: UnlockedVault;
  settings: PublicSettings;
  onSaved: () => Promise<void>;
}) {
  const [terms, setTerms] = useState<TermRow[]>(() =>
    settings.schoolCalendar.terms.map((t) => ({ key: nextKey++, start: isoToParts(t.start), end: isoToParts(t.end) })),
  );
  const [closures, setClosures] = useState(settings.schoolCalendar.closures.join('\n'));
  const [referralDays, setReferralDays] = useState(String(settings.reminders.referralOutcomeSchoolDays));
  const [backupDays, setBackupDays] = useState(String(settings.reminders.backupMaxDays));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const err = (id: string) => errors.find((e) => e.fieldId === id)?.text;
  const update = (key: number, patch: Partial<TermRow>) =>
    setTerms((ts) => ts.map((t) => (t.key === key ? { ...t, ...patch } : t)));

  const save = async () => {
    setSaved(null);
    const entered: Term[] = terms.map((t) => ({ start: partsToIso(t.start), end: partsToIso(t.end) }));
    const closureLines = closures
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const closureDates = closureLines.map(closureToIso);
    const errs: FormError[] = [];
    for (const p of termDateProblems(entered, closureDates)) {
      if (p.field === 'closure') {
        if (!errs.some((e) => e.fieldId === 'closures'))
          errs.push({ fieldId: 'closures', text: `${p.message}, for example 2 10 2026 (one a line)` });
      } else {
        const id = `term-${terms[p.index]!.key}-${p.field}`;
        if (!errs.some((e) => e.fieldId === id)) errs.push({ fieldId: id, text: p.message });
      }
    }
    const whole = (v: string, id: string, what: string, l: { min: number; max: number }) => {
      const n = Number(v.trim());
      if (!/^\d+$/.test(v.trim()) || n < l.min || n > l.max) {
        errs.push({ fieldId: id, text: `Enter ${what} as a whole number from ${l.min} to ${l.max}` });
        return l.min;
      }
      return n;
    };
    const referralOutcomeSchoolDays = whole(
      referralDays,
      'referral-outcome-days',
      'the number of school days',
      REMINDER_LIMITS.referralOutcomeSchoolDays,
    );
    const backupMaxDays = whole(backupDays, 'backup-max-days', 'the number of days', REMINDER_LIMITS.backupMaxDays);
    setAttempt((n) => n + 1);
    setErrors(errs);
    if (errs.length > 0) return;
    setBusy(true);
    try {
      const sorted = [...entered].sort((a, b) => a.start.localeCompare(b.start));
      await vault.updateSettings({
        ...settings,
        schoolCalendar: { terms: sorted, closures: [...new Set(closureDates.filter(isIsoDate))].sort() },
        reminders: { referralOutcomeSchoolDays, backupMaxDays },
      });
      setTerms(sorted.map((t) => ({ key: nextKey++, start: isoToParts(t.start), end: isoToParts(t.end) })));
      setSaved('Term dates and reminder timings saved. The change is recorded in the establishment log.');
      await onSaved();
    } catch (e) {
      setErrors([
        { fieldId: 'term-dates-add', text: `Nothing was saved: ${e instanceof Error ? e.message : String(e)}` },
      ]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="term-dates">
      <h2 className="app-heading-m" id="term-dates">
        School term dates
      </h2>
      <ErrorSummary errors={errors} focusKey={attempt} />
      {saved && <NotificationBanner variant="success" heading={saved} />}
      <p className="app-body">
        Reminders count school days from these dates, for example a child protection file sent to a new school “within 5
        school days”. Weekends, holidays and the closure days below are not counted. Without term dates, every weekday
        counts, and the{' '}
        <Link className="app-link" to="/reminders">
          reminders
        </Link>{' '}
        say so.
      </p>
      {terms.length === 0 && <p className="app-body">No term dates entered yet.</p>}
      {terms.map((t, i) => (
        <Fieldset key={t.key} id={`term-${t.key}`} legend={`Term ${i + 1}`} legendSize="s">
          <DateInput
            id={`term-${t.key}-start`}
            legend="First day"
            hint="For example 2 9 2026"
            value={t.start}
            onChange={(v) => update(t.key, { start: v })}
            error={err(`term-${t.key}-start`)}
          />
          <DateInput
            id={`term-${t.key}-end`}
            legend="Last day"
            value={t.end}
            onChange={(v) => update(t.key, { end: v })}
            error={err(`term-${t.key}-end`)}
          />
          <Button variant="secondary" onClick={() => setTerms((ts) => ts.filter((x) => x.key !== t.key))}>
            Remove term {i + 1}
          </Button>
        </Fieldset>
      ))}
      <div id="term-dates-add">
        <Button
          variant="secondary"
          onClick={() => setTerms((ts) => [...ts, { key: nextKey++, start: EMPTY, end: EMPTY }])}
        >
          Add a term
        </Button>
      </div>
      <Textarea
        id="closures"
        label="INSET and other closure days"
        hint="Days inside a term when the school is closed. One a line, for example 2 10 2026."
        value={closures}
        onChange={setClosures}
        rows={3}
        error={err('closures')}
      />

      <h2 className="app-heading-m" id="reminder-timings">
        Reminders
      </h2>
      <TextInput
        id="referral-outcome-days"
        label="Remind me when a referral has no outcome recorded after this many school days"
        inputMode="numeric"
        width="2"
        value={referralDays}
        onChange={setReferralDays}
        error={err('referral-outcome-days')}
      />
      <TextInput
        id="backup-max-days"
        label="Remind me to make a backup when the last one is this many days old"
        inputMode="numeric"
        width="2"
        value={backupDays}
        onChange={setBackupDays}
        error={err('backup-max-days')}
      />
      <ActionBar>
        <Button disabled={busy} onClick={save}>
          Save term dates and reminders
        </Button>
      </ActionBar>
    </section>
  );
}
