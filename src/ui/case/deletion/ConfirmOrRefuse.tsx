// Recording what became of one place in the plan: the young person confirmed the deletion (R12.2),
// or refused and was reminded that refusing is an offence (R12.4).
import { ActionBar, Button, Checkboxes, Textarea } from '../../components';
import { OccurredAt } from '../OccurredAt';

interface Common {
  item: { personId: string; where: string };
  name: string;
  when: string;
  setWhen: (value: string) => void;
  whenError: string | undefined;
  errorFor: (id: string) => string | undefined;
  busy: boolean;
  onRecord: () => void;
  onCancel: () => void;
}

export function ConfirmDeletion({
  item,
  name,
  how,
  setHow,
  when,
  setWhen,
  whenError,
  errorFor,
  busy,
  onRecord,
  onCancel,
}: Common & { how: string; setHow: (value: string) => void }) {
  return (
    <section aria-labelledby="confirm-heading">
      <h2 className="app-heading-m" id="confirm-heading">
        Confirm deletion: {item.where}, {name}
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
      <OccurredAt value={when} onChange={setWhen} label="When was it confirmed?" error={whenError} />
      <ActionBar>
        <Button disabled={busy} onClick={onRecord}>
          Record the confirmation
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ActionBar>
    </section>
  );
}

export function RefuseDeletion({
  item,
  name,
  note,
  setNote,
  reminder,
  setReminder,
  when,
  setWhen,
  whenError,
  errorFor,
  busy,
  onRecord,
  onCancel,
}: Common & {
  note: string;
  setNote: (value: string) => void;
  reminder: boolean;
  setReminder: (value: boolean) => void;
}) {
  return (
    <section aria-labelledby="refusal-heading">
      <h2 className="app-heading-m" id="refusal-heading">
        Refused to delete: {item.where}, {name}
      </h2>
      <Textarea
        id="refusal-note"
        label="What did the young person say?"
        value={note}
        error={errorFor('refusal-note')}
        onChange={setNote}
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
        values={reminder ? ['yes'] : []}
        error={errorFor('refusal-reminder')}
        onChange={(v) => setReminder(v.includes('yes'))}
      />
      <OccurredAt value={when} onChange={setWhen} label="When did they refuse?" error={whenError} />
      <ActionBar>
        <Button disabled={busy} onClick={onRecord}>
          Record the refusal
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ActionBar>
    </section>
  );
}
