// Parents and carers (R9): who was told, or why not and with whom that was agreed.
import { useState } from 'react';
import { parentsToInform } from '../../../domain/owed';
import type { ParentsDecision } from '../../../domain/events';
import { Radios, SummaryList, Textarea, TextInput } from '../../components';
import { type FieldIds } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { formatDateTime, nowLocalInput } from '../../format';
import { StepPage, RecordBar } from '../StepPage';
import { occurredAtIso } from '../OccurredAt';
import { usePage } from './usePage';

export const PARENTS_FIELDS = { personId: 'person', reason: 'reason', agreedWith: 'agreed-with' } satisfies FieldIds;

export function ParentsPage() {
  const s = usePage(PARENTS_FIELDS, 'decision');
  const c = s.snapshot.context;
  const yp = parentsToInform(c);
  const [personId, setPersonId] = useState(yp.find((p) => !c.parents[p.id])?.id ?? yp[0]?.id ?? '');
  const [decision, setDecision] = useState<ParentsDecision | ''>('');
  const [informedBy, setInformedBy] = useDraftField('informedBy', '');
  const [reason, setReason] = useDraftField('reason', '');
  const [agreedWith, setAgreedWith] = useState<'' | 'mash' | 'police'>('');
  const [when, setWhen] = useState(nowLocalInput());
  return (
    <StepPage title="Parents and carers" s={s}>
      <p className="app-body">
        Parents and carers are told early and involved, unless that would put the young person at risk of harm (R9.1).
        You may support the young person to tell them themselves (R9.3). A decision not to tell them is generally made
        with the MASH or the police, who then lead on when they are told (R9.2).
      </p>
      <SummaryList
        rows={yp.map((p) => ({
          key: p.name || 'A young person',
          value: c.parents[p.id]
            ? `${c.parents[p.id]!.decision.replace(/-/g, ' ')} (${formatDateTime(c.parents[p.id]!.at)})`
            : 'Not recorded yet',
        }))}
      />
      <Radios
        id="person"
        legend="Which young person?"
        items={yp.map((p) => ({ value: p.id, label: p.name || 'A young person' }))}
        value={personId}
        onChange={setPersonId}
      />
      <Radios
        id="decision"
        legend="What happened?"
        items={[
          {
            value: 'informed',
            label: 'Parents or carers were told',
            conditional: (
              <TextInput id="informed-by" label="Who told them?" value={informedBy} onChange={setInformedBy} />
            ),
          },
          { value: 'young-person-will-tell', label: 'The young person will tell them, with our support' },
          {
            value: 'not-informed',
            label: 'They will not be told for now',
            conditional: (
              <>
                <Textarea
                  id="reason"
                  label="Why would telling them put the young person at risk of harm?"
                  value={reason}
                  onChange={setReason}
                  rows={3}
                />
                <Radios
                  id="agreed-with"
                  legend="Was this decided with the MASH or the police?"
                  items={[
                    { value: 'mash', label: 'With the MASH' },
                    { value: 'police', label: 'With the police' },
                  ]}
                  value={agreedWith}
                  onChange={(v) => setAgreedWith(v as 'mash' | 'police')}
                />
              </>
            ),
          },
        ]}
        value={decision}
        onChange={(v) => setDecision(v as ParentsDecision)}
      />
      <RecordBar
        s={s}
        when={when}
        onWhen={setWhen}
        label="Save"
        checks={() => [
          ...(decision ? [] : [{ fieldId: 'decision', text: 'Choose what happened' }]),
          ...(personId ? [] : [{ fieldId: 'person', text: 'Choose a young person' }]),
        ]}
        draft={() => ({
          type: 'parents.recorded',
          personId,
          decision: (decision || 'informed') as ParentsDecision,
          ...(informedBy.trim() && { informedBy }),
          ...(decision === 'not-informed' && reason.trim() && { reason }),
          ...(decision === 'not-informed' && agreedWith && { agreedWith }),
          occurredAt: occurredAtIso(when),
        })}
        onRecorded={s.back}
      />
    </StepPage>
  );
}
