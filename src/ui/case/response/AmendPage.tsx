// Amending an answer: the correction and its reason, the earlier answer kept beside it.
import { useState } from 'react';
import { AMENDABLE_DISCLOSURE, amendedFieldLabel } from '../../../domain/questions';
import { ActionBar, Button, Select, SummaryList, Textarea } from '../../components';
import { type FieldIds } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { StepPage } from '../StepPage';
import { usePage } from './usePage';

export const AMEND_FIELDS = { reason: 'reason' } satisfies FieldIds;

export function AmendPage() {
  const s = usePage(AMEND_FIELDS, 'reason');
  const c = s.snapshot.context;
  const fields = c.disclosure
    ? AMENDABLE_DISCLOSURE.map(({ key }) => ({
        value: `disclosure.${key}`,
        label: amendedFieldLabel(`disclosure.${key}`),
        before: String(c.disclosure?.[key] ?? ''),
      }))
    : [];
  const [field, setField] = useState(fields[0]?.value ?? '');
  const current = fields.find((f) => f.value === field);
  const [after, setAfter] = useState(current?.before ?? '');
  const [reason, setReason] = useDraftField('reason', '');
  return (
    <StepPage title="Amend an answer" s={s}>
      <p className="app-body">
        A correction is recorded as an amendment with its reason. The earlier answer stays in the chronology beside it.
        To change the facts or a decision, record new facts or a new decision instead: those are re-checked against the
        policy.
      </p>
      <Select
        id="field"
        label="Which answer?"
        options={fields.map((f) => ({ value: f.value, label: f.label }))}
        value={field}
        onChange={(v) => {
          setField(v);
          setAfter(fields.find((f) => f.value === v)?.before ?? '');
        }}
      />
      {current && <SummaryList rows={[{ key: 'Now recorded', value: current.before || '(empty)' }]} />}
      <Textarea id="after" label="Corrected answer" value={after} onChange={setAfter} rows={4} />
      <Textarea id="reason" label="Why is it being corrected?" value={reason} onChange={setReason} rows={3} />
      <ActionBar>
        <Button
          disabled={s.busy}
          onClick={async () => {
            const target = c.disclosure?.eventId ?? '';
            const r = await s.submit({
              type: 'answer.amended',
              targetEventId: target,
              field,
              before: current?.before ?? '',
              after,
              reason,
              occurredAt: new Date().toISOString(),
            });
            if (r.ok) s.back();
          }}
        >
          Save the amendment
        </Button>
      </ActionBar>
    </StepPage>
  );
}
