// Deleting the imagery (R12): only once the establishment has decided, and recorded with the
// Headteacher's sign-off, that other agencies need not be involved. Before that, the domain's
// reasons, and what to do instead (secure the device: never delete what may be evidence). Then
// the plan (deadline, each young person's devices and services, the R12.4 reminder) and a
// confirmation for each. The page asks the domain (explainDeletion, useStep) and shows its reasons.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { referenceDate } from '../../domain/case';
import { explainDeletion } from '../../domain/gates';
import type { ReasonField } from '../../domain/reasons';
import { youngPeople } from '../../domain/rules/triggers';
import type { Person } from '../../domain/types';
import {
  ActionBar,
  Button,
  ButtonLink,
  Checkboxes,
  DateInput,
  EMPTY_DATE,
  ErrorSummary,
  Fieldset,
  InsetText,
  NotificationBanner,
  Tag,
  Textarea,
  TextInput,
  VisuallyHidden,
  WarningText,
  type DateParts,
  type FormError,
} from '../components';
import { useCase } from '../data/CaseContext';
import { type FieldIds, useStep } from '../data/useStep';
import { formatDate, formatDateTime, nowLocalInput, todayIso } from '../format';
import { ReasonItem } from '../policy/PolicySays';
import { CaseHeader } from './CaseHeader';
import { OccurredAt, occurredAtIso, whenErrors } from './OccurredAt';
import './case.css';

/** The R12.4 reminder, in full: the words the young people are given. */
export const ILLEGALITY_REMINDER =
  'possession is illegal; refusing to delete, or being found later not to have deleted, is an offence and police may become involved';

/** A date typed as day, month and year, as an ISO date; null if it is not a real date. */
export function dateFromParts(parts: DateParts): string | null {
  const day = Number(parts.day.trim());
  const month = Number(parts.month.trim());
  const year = Number(parts.year.trim());
  if (![day, month, year].every(Number.isInteger) || year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1)
    return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return null;
  return d.toISOString().slice(0, 10);
}

/** A week from now as day, month and year, for the deadline's hint. */
function exampleDate(now = new Date()): string {
  const d = new Date(now.getTime() + 7 * 86_400_000);
  return `${d.getDate()} ${d.getMonth() + 1} ${d.getFullYear()}`;
}

const rowId = (personId: string, i: number) => `where-${personId}-${i}`;
const personName = (p: Person | undefined) => p?.name.trim() || 'A young person';

function PolicyNotes({ caseId }: { caseId: string }) {
  return (
    <InsetText>
      Reporting the imagery to a platform for take-down is separate from deletion and can happen at any stage (R12.7).{' '}
      <Link className="app-link" to={`/cases/${caseId}/removal`}>
        Report it for removal online
      </Link>
    </InsetText>
  );
}

/** Where this page shows each answer the deletion steps' reasons can name; the list's rows are added on the page. */
export const DELETION_FIELDS = {
  deadline: 'deadline',
  illegalityReminderGiven: 'reminder',
  how: 'how',
} satisfies FieldIds;
/** Fields about the plan's rows: placed at the first row (or the first blank one), or its "add" button. */
export const DELETION_ROW_FIELDS = ['items', 'items.personId', 'items.where'] as const satisfies readonly ReasonField[];

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

  const setRow = (personId: string, i: number, v: string) =>
    setRows({ ...rows, [personId]: (rows[personId] ?? []).map((x, j) => (j === i ? v : x)) });
  const addRow = (personId: string) => setRows({ ...rows, [personId]: [...(rows[personId] ?? []), ''] });
  const removeRow = (personId: string, i: number) =>
    setRows({ ...rows, [personId]: (rows[personId] ?? []).filter((_, j) => j !== i) });

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

  const blocked = !del.allowed && (
    <section aria-labelledby="deletion-blocked-heading">
      <h2 className="app-heading-m" id="deletion-blocked-heading">
        Deletion cannot be considered yet
      </h2>
      <ul className="app-reasons">
        {del.reasons.map((r, i) => (
          <ReasonItem key={i} r={r} />
        ))}
      </ul>
      <h2 className="app-heading-m">What to do instead</h2>
      <WarningText>Never delete what may be evidence while police involvement is possible (R12.1).</WarningText>
      <p className="app-body">
        If a device holds the imagery, secure it instead: turn it off and lock it away until the police collect it
        (R10.2). Nobody looks through it: searching a device is viewing (R11.1).
      </p>
      <p className="app-body">
        <Link className="app-link app-link--block" to={`/cases/${s.caseId}/devices`}>
          Secure a device for the police
        </Link>
      </p>
    </section>
  );

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
        <h2 className="app-heading-m">Deadline (R12.3)</h2>
        <p className="app-body-l">
          Delete by <strong>{formatDate(plan.deadline)}</strong>{' '}
          {overdue ? (
            <Tag colour="red">Overdue</Tag>
          ) : pending.length === 0 ? (
            <Tag colour="green">All confirmed</Tag>
          ) : (
            <Tag colour="blue">In progress</Tag>
          )}
        </p>
        {overdue && (
          <p className="app-error-message" data-testid="deletion-overdue">
            Overdue: the deadline was {formatDate(plan.deadline)} and {pending.length} deletion
            {pending.length === 1 ? ' is' : 's are'} not yet confirmed.
          </p>
        )}
        <p className="app-body">
          {plan.illegalityReminderGiven ? 'The young people were reminded' : 'The reminder was not recorded'} that{' '}
          {ILLEGALITY_REMINDER} (R12.4). Plan recorded by {plan.by.name}, {formatDateTime(plan.at)}.
        </p>
        <h2 className="app-heading-m">Confirm each deletion (R12.2)</h2>
        {people.map((personId) => (
          <section key={personId} className="app-review-block" aria-labelledby={`del-${personId}`}>
            <h3 className="app-heading-s" id={`del-${personId}`}>
              {named(personId)}
            </h3>
            <ul className="app-list" aria-label={`Deletions for ${named(personId)}`}>
              {plan.items
                .filter((i) => i.personId === personId)
                .map((item) => {
                  const done = confirmationOf(item.personId, item.where);
                  const refused = (plan.refusals ?? [])
                    .filter((x) => x.personId === item.personId && x.where === item.where)
                    .at(-1);
                  return (
                    <li key={item.where} className="app-body">
                      <strong>{item.where}</strong>{' '}
                      {done ? (
                        <Tag colour="green">Confirmed</Tag>
                      ) : refused ? (
                        <Tag colour="red">Refused</Tag>
                      ) : overdue ? (
                        <Tag colour="red">Overdue</Tag>
                      ) : (
                        <Tag colour="blue">To confirm</Tag>
                      )}
                      {!done && refused && (
                        <p className="app-body-s">
                          Refused: {refused.note} ({formatDateTime(refused.at)}, recorded by {refused.by.name}).
                          Reminded that refusing is an offence the police may become involved in (R12.4).
                        </p>
                      )}
                      {done ? (
                        <p className="app-body-s">
                          {done.how} ({formatDateTime(done.at)}, recorded by {done.by.name})
                        </p>
                      ) : (
                        del.allowed && (
                          <div>
                            <Button
                              variant="secondary"
                              onClick={() => {
                                setConfirming(item);
                                setRefusing(null);
                                setHow('');
                                s.setErrors([]);
                              }}
                            >
                              Confirm deletion{' '}
                              <VisuallyHidden>
                                from {item.where} for {named(personId)}
                              </VisuallyHidden>
                            </Button>
                            <Button
                              variant="secondary"
                              onClick={() => {
                                setRefusing(item);
                                setConfirming(null);
                                setRefusalNote('');
                                s.setErrors([]);
                              }}
                            >
                              They refuse to delete it{' '}
                              <VisuallyHidden>
                                from {item.where}, {named(personId)}
                              </VisuallyHidden>
                            </Button>
                          </div>
                        )
                      )}
                    </li>
                  );
                })}
            </ul>
          </section>
        ))}
        {confirming && (
          <section aria-labelledby="confirm-heading">
            <h2 className="app-heading-m" id="confirm-heading">
              Confirm deletion: {confirming.where}, {named(confirming.personId)}
            </h2>
            <Textarea
              id="how"
              label="How was the deletion confirmed?"
              hint="For example, the young person confirmed in person that they had deleted it, including from “recently deleted” and any cloud backup. Never check by looking at the device: searching a device is viewing (R11.1)."
              value={how}
              error={errorFor('how')}
              onChange={setHow}
              rows={3}
            />
            <OccurredAt
              value={when}
              onChange={setWhen}
              label="When was it confirmed?"
              error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text}
            />
            <ActionBar>
              <Button disabled={s.busy} onClick={recordConfirmation}>
                Record the confirmation
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
            </ActionBar>
          </section>
        )}
        {refusing && (
          <section aria-labelledby="refusal-heading">
            <h2 className="app-heading-m" id="refusal-heading">
              Refused to delete: {refusing.where}, {named(refusing.personId)}
            </h2>
            <Textarea
              id="refusal-note"
              label="What did the young person say?"
              value={refusalNote}
              error={errorFor('refusal-note')}
              onChange={setRefusalNote}
              rows={3}
            />
            <Checkboxes
              id="refusal-reminder"
              legend="The reminder (R12.4)"
              items={[
                {
                  value: 'yes',
                  label:
                    'I reminded them that keeping the imagery is illegal, and that refusing to delete it is an offence the police may become involved in.',
                },
              ]}
              values={refusalReminder ? ['yes'] : []}
              error={errorFor('refusal-reminder')}
              onChange={(v) => setRefusalReminder(v.includes('yes'))}
            />
            <OccurredAt
              value={when}
              onChange={setWhen}
              label="When did they refuse?"
              error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text}
            />
            <ActionBar>
              <Button disabled={s.busy} onClick={recordRefusal}>
                Record the refusal
              </Button>
              <Button variant="secondary" onClick={() => setRefusing(null)}>
                Cancel
              </Button>
            </ActionBar>
          </section>
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
      <p className="app-body">
        Other agencies need not be involved, and that decision is recorded and signed off: deletion may be considered
        now (R12.1).
      </p>
      <InsetText>
        In most cases the young people are asked to delete the imagery themselves and to confirm that they have. Staff
        may search devices and delete imagery, but not without good and clear reason, and searching a device is viewing
        (R12.2, R11.1). Parents and carers are told unless that is a further risk (R12.5).
      </InsetText>
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
      {yp.map((p) => {
        const list = rows[p.id] ?? [];
        return (
          <Fieldset
            key={p.id}
            id={`person-${p.id}`}
            legend={personName(p)}
            legendSize="s"
            hint={`Every device, online storage and social media account where a copy may be, for example “Phone (camera roll)” or “iCloud”.${platforms.length > 0 ? ` Named in the disclosure: ${platforms.join(', ')}.` : ''}`}
          >
            {list.length === 0 && <p className="app-body-s">Nothing to delete for {personName(p)}.</p>}
            {list.map((where, i) => (
              <div key={i}>
                <TextInput
                  id={rowId(p.id, i)}
                  label={
                    <>
                      Device or service {i + 1} <VisuallyHidden>for {personName(p)}</VisuallyHidden>
                    </>
                  }
                  value={where}
                  error={errorFor(rowId(p.id, i))}
                  onChange={(v) => setRow(p.id, i, v)}
                />
                <Button variant="secondary" onClick={() => removeRow(p.id, i)}>
                  Remove{' '}
                  <VisuallyHidden>
                    device or service {i + 1} for {personName(p)}
                  </VisuallyHidden>
                </Button>
              </div>
            ))}
            <Button variant="secondary" id={`add-${p.id}`} onClick={() => addRow(p.id)}>
              Add a device or service <VisuallyHidden>for {personName(p)}</VisuallyHidden>
            </Button>
          </Fieldset>
        );
      })}
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
