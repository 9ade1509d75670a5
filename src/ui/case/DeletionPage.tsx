// Deleting the imagery (R12): only once the establishment has decided, and recorded with the
// Headteacher's sign-off, that other agencies need not be involved. Before that, the domain's
// reasons, and what to do instead (secure the device: never delete what may be evidence). Then
// the plan (deadline, each young person's devices and services, the R12.4 reminder) and a
// confirmation for each. The page asks the domain (explainDeletion, useStep) and shows its reasons.
import { useEffect, useState } from 'react';
import { referenceDate } from '../../domain/case';
import { explainDeletion } from '../../domain/gates';
import { youngPeople } from '../../domain/rules/triggers';
import {
  ActionBar,
  Button,
  ButtonLink,
  Checkboxes,
  DateInput,
  EMPTY_DATE,
  ErrorSummary,
  NotificationBanner,
  type DateParts,
  type FormError,
} from '../components';
import { useCase } from '../data/CaseContext';
import { useStep } from '../data/useStep';
import { nowLocalInput, todayIso } from '../format';
import { CaseHeader } from './CaseHeader';
import { OccurredAt, occurredAtIso, whenErrors } from './OccurredAt';
import './case.css';
import {
  ILLEGALITY_REMINDER,
  dateFromParts,
  exampleDate,
  rowId,
  personName,
  PolicyNotes,
  DELETION_FIELDS,
} from './deletion/deletionWords';
import { DeletionBlocked, PersonDeletions } from './deletion/PersonDeletions';
import { ConfirmDeletion, RefuseDeletion } from './deletion/ConfirmOrRefuse';
import { PlanIntro, PlanRows, PlanStatus } from './deletion/PlanParts';

export function DeletionPage() {
  const c = useCase().snapshot.context;
  const yp = youngPeople(c.facts.persons, referenceDate(c));
  const [rows, setRows] = useState<Record<string, string[]>>(() => Object.fromEntries(yp.map((p) => [p.id, ['']])));
  const [deadline, setDeadline] = useState<DateParts>(EMPTY_DATE);
  const [reminder, setReminder] = useState(false);
  const [when, setWhen] = useState(nowLocalInput());
  const [confirming, setConfirming] = useState<{ personId: string; where: string } | null>(null);
  const [how, setHow] = useState('');
  const [refusing, setRefusing] = useState<{ personId: string; where: string } | null>(null);
  const [refusalNote, setRefusalNote] = useState('');
  const [refusalReminder, setRefusalReminder] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  // Opening a confirmation takes the user (and their screen reader) to its question.
  useEffect(() => {
    if (confirming) document.getElementById('how')?.focus();
    if (refusing) document.getElementById('refusal-note')?.focus();
  }, [confirming, refusing]);

  const allRows = yp.flatMap((p) =>
    (rows[p.id] ?? []).map((where, i) => ({ personId: p.id, where, id: rowId(p.id, i) })),
  );
  // The list's rows exist only once added: a reason about the list goes to its first row, or to the first "add" button.
  const firstRow = allRows[0]?.id ?? `add-${yp[0]?.id ?? ''}`;
  const s = useStep({
    ...DELETION_FIELDS,
    ...(refusing && { note: 'refusal-note', illegalityReminderGiven: 'refusal-reminder' }),
    items: firstRow,
    'items.personId': firstRow,
    'items.where': allRows.find((x) => !x.where.trim())?.id ?? firstRow,
  });
  const errorFor = (id: string): string | undefined => {
    const t = s.errors.filter((e) => e.fieldId === id).map((e) => e.text);
    return t.length > 0 ? t.join(' ') : undefined;
  };

  const del = explainDeletion(c);
  const plan = c.deletion;
  const today = todayIso();

  const recordPlan = async () => {
    const iso = dateFromParts(deadline);
    const fe: FormError[] = [
      ...(iso ? [] : [{ fieldId: 'deadline', text: 'Enter the deadline as a real date, for example 27 3 2026' }]),
      ...whenErrors(when),
    ];
    const result = await s.submit(
      {
        type: 'deletion.planned',
        deadline: iso ?? '',
        items: allRows.map(({ personId, where }) => ({ personId, where: where.trim() })),
        illegalityReminderGiven: reminder,
        occurredAt: occurredAtIso(when),
      },
      fe,
    );
    if (result.ok) {
      setBanner('The deletion plan is recorded. Confirm each deletion below as the young people confirm it.');
      setWhen(nowLocalInput());
      window.scrollTo?.(0, 0);
    }
  };

  const recordConfirmation = async () => {
    if (!confirming) return;
    const result = await s.submit(
      {
        type: 'deletion.confirmed',
        personId: confirming.personId,
        where: confirming.where,
        how,
        occurredAt: occurredAtIso(when),
      },
      whenErrors(when),
    );
    if (result.ok) {
      setBanner(
        `Deletion confirmed: ${confirming.where} (${personName(yp.find((p) => p.id === confirming.personId))}).`,
      );
      setConfirming(null);
      setHow('');
      setWhen(nowLocalInput());
    }
  };

  const recordRefusal = async () => {
    if (!refusing) return;
    const result = await s.submit(
      {
        type: 'deletion.refused',
        personId: refusing.personId,
        where: refusing.where,
        note: refusalNote,
        reminderGiven: refusalReminder,
        occurredAt: occurredAtIso(when),
      },
      [
        ...whenErrors(when),
        ...(refusalNote.trim() ? [] : [{ fieldId: 'refusal-note', text: 'Enter what the young person said' }]),
      ],
    );
    if (result.ok) {
      setBanner(
        `Refusal recorded: ${refusing.where} (${personName(yp.find((p) => p.id === refusing.personId))}). Follow it up; refusing is an offence the police may become involved in (R12.4).`,
      );
      setRefusing(null);
      setRefusalNote('');
      setRefusalReminder(false);
      setWhen(nowLocalInput());
    }
  };

  const blocked = !del.allowed && <DeletionBlocked reasons={del.reasons} caseId={s.caseId} />;

  // The plan is recorded: the deadline and a confirmation for each young person and place.
  if (plan) {
    const confirmationOf = (personId: string, where: string) =>
      plan.confirmations.find((x) => x.personId === personId && x.where === where);
    const pending = plan.items.filter((i) => !confirmationOf(i.personId, i.where));
    const overdue = pending.length > 0 && plan.deadline < today;
    const people = [...new Set(plan.items.map((i) => i.personId))];
    const named = (id: string) => personName(c.facts.persons.find((p) => p.id === id));
    return (
      <div className="app-page">
        <CaseHeader />
        <ErrorSummary errors={s.errors} focusKey={s.attempt} />
        {banner && s.errors.length === 0 && <NotificationBanner variant="success" heading={banner} />}
        <h1 className="app-heading-l">Deleting the imagery</h1>
        {blocked}
        <PlanStatus plan={plan} overdue={overdue} pending={pending.length} />
        <h2 className="app-heading-m">Confirm each deletion (R12.2)</h2>
        {people.map((personId) => (
          <PersonDeletions
            key={personId}
            plan={plan}
            personId={personId}
            name={named(personId)}
            overdue={overdue}
            allowed={del.allowed}
            onConfirm={(item) => {
              setConfirming(item);
              setRefusing(null);
              setHow('');
              s.setErrors([]);
            }}
            onRefuse={(item) => {
              setRefusing(item);
              setConfirming(null);
              setRefusalNote('');
              s.setErrors([]);
            }}
          />
        ))}
        {confirming && (
          <ConfirmDeletion
            item={confirming}
            name={named(confirming.personId)}
            how={how}
            setHow={setHow}
            when={when}
            setWhen={setWhen}
            whenError={s.errors.find((x) => x.fieldId === 'occurred-at')?.text}
            errorFor={errorFor}
            busy={s.busy}
            onRecord={recordConfirmation}
            onCancel={() => setConfirming(null)}
          />
        )}
        {refusing && (
          <RefuseDeletion
            item={refusing}
            name={named(refusing.personId)}
            note={refusalNote}
            setNote={setRefusalNote}
            reminder={refusalReminder}
            setReminder={setRefusalReminder}
            when={when}
            setWhen={setWhen}
            whenError={s.errors.find((x) => x.fieldId === 'occurred-at')?.text}
            errorFor={errorFor}
            busy={s.busy}
            onRecord={recordRefusal}
            onCancel={() => setRefusing(null)}
          />
        )}
        <PolicyNotes caseId={s.caseId} />
        {!confirming && !refusing && (
          <ActionBar>
            <ButtonLink to={`/cases/${s.caseId}`} variant={pending.length === 0 ? 'primary' : 'secondary'}>
              Back to the case
            </ButtonLink>
          </ActionBar>
        )}
      </div>
    );
  }

  if (!del.allowed) {
    return (
      <div className="app-page">
        <CaseHeader />
        <h1 className="app-heading-l">Deleting the imagery</h1>
        {blocked}
        <PolicyNotes caseId={s.caseId} />
        <ActionBar>
          <ButtonLink to={`/cases/${s.caseId}`} variant="secondary">
            Back to the case
          </ButtonLink>
        </ActionBar>
      </div>
    );
  }

  const platforms = c.facts.platforms.filter((x) => x.trim());
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Deleting the imagery</h1>
      <PlanIntro />
      <DateInput
        id="deadline"
        legend="Deadline for deletion (R12.3)"
        hint={`Across all devices, online storage and social media. A date after today, for example ${exampleDate()}.`}
        value={deadline}
        error={errorFor('deadline')}
        onChange={setDeadline}
      />
      <h2 className="app-heading-m">Where each young person must delete it from (R12.2)</h2>
      {yp.length === 0 && (
        <p className="app-body">No young people are recorded in this case. Record the people involved first.</p>
      )}
      <PlanRows yp={yp} rows={rows} setRows={setRows} platforms={platforms} errorFor={errorFor} />
      <Checkboxes
        id="reminder"
        legend="The reminder (R12.4)"
        hint="Tell each young person this in words they understand, before the deadline is set."
        items={[{ value: 'yes', label: `Each young person has been reminded that ${ILLEGALITY_REMINDER}.` }]}
        values={reminder ? ['yes'] : []}
        error={errorFor('reminder')}
        onChange={(v) => setReminder(v.includes('yes'))}
      />
      <OccurredAt
        value={when}
        onChange={setWhen}
        label="When was this agreed with the young people?"
        error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text}
      />
      <PolicyNotes caseId={s.caseId} />
      <ActionBar>
        <Button disabled={s.busy} onClick={recordPlan}>
          Record the deletion plan
        </Button>
      </ActionBar>
    </div>
  );
}
