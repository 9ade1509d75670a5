// The deletion plan's parts: its status once recorded (deadline R12.3, reminder R12.4), and the rows
// of places each young person must delete the imagery from (R12.2) while it is being written.
import type { DeletionPlan } from '../../../domain/case';
import type { Person } from '../../../domain/types';
import { Button, Fieldset, InsetText, Tag, TextInput, VisuallyHidden } from '../../components';
import { formatDate, formatDateTime } from '../../format';
import { ILLEGALITY_REMINDER, personName, rowId } from './deletionWords';

/** Deletion may be considered now (R12.1): how it is done (R12.2, R11.1) and who is told (R12.5). */
export function PlanIntro() {
  return (
    <>
      <p className="app-body">
        Other agencies need not be involved, and that decision is recorded and signed off: deletion may be considered
        now (R12.1).
      </p>
      <InsetText>
        In most cases the young people are asked to delete the imagery themselves and to confirm that they have. Staff
        may search devices and delete imagery, but not without good and clear reason, and searching a device is viewing
        (R12.2, R11.1). Parents and carers are told unless that is a further risk (R12.5).
      </InsetText>
    </>
  );
}

export function PlanStatus({ plan, overdue, pending }: { plan: DeletionPlan; overdue: boolean; pending: number }) {
  return (
    <>
      <h2 className="app-heading-m">Deadline (R12.3)</h2>
      <p className="app-body-l">
        Delete by <strong>{formatDate(plan.deadline)}</strong>{' '}
        {overdue ? (
          <Tag colour="red">Overdue</Tag>
        ) : pending === 0 ? (
          <Tag colour="green">All confirmed</Tag>
        ) : (
          <Tag colour="blue">In progress</Tag>
        )}
      </p>
      {overdue && (
        <p className="app-error-message" data-testid="deletion-overdue">
          Overdue: the deadline was {formatDate(plan.deadline)} and {pending} deletion
          {pending === 1 ? ' is' : 's are'} not yet confirmed.
        </p>
      )}
      <p className="app-body">
        {plan.illegalityReminderGiven ? 'The young people were reminded' : 'The reminder was not recorded'} that{' '}
        {ILLEGALITY_REMINDER} (R12.4). Plan recorded by {plan.by.name}, {formatDateTime(plan.at)}.
      </p>
    </>
  );
}

export function PlanRows({
  yp,
  rows,
  setRows,
  platforms,
  errorFor,
}: {
  yp: readonly Person[];
  rows: Record<string, string[]>;
  setRows: (rows: Record<string, string[]>) => void;
  platforms: readonly string[];
  errorFor: (id: string) => string | undefined;
}) {
  const setRow = (personId: string, i: number, v: string) =>
    setRows({ ...rows, [personId]: (rows[personId] ?? []).map((x, j) => (j === i ? v : x)) });
  const addRow = (personId: string) => setRows({ ...rows, [personId]: [...(rows[personId] ?? []), ''] });
  const removeRow = (personId: string, i: number) =>
    setRows({ ...rows, [personId]: (rows[personId] ?? []).filter((_, j) => j !== i) });
  return (
    <>
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
    </>
  );
}
