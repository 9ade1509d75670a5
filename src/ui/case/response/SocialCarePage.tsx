// Children's social care (R10.3): who was contacted and what was agreed.
import { useState } from 'react';
import { SummaryList, Textarea, TextInput } from '../../components';
import { type FieldIds } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { formatDateTime, nowLocalInput } from '../../format';
import { StepPage, RecordBar } from '../StepPage';
import { occurredAtIso } from '../OccurredAt';
import { usePage } from './usePage';

export const SOCIAL_CARE_FIELDS = { to: 'to' } satisfies FieldIds;

export function SocialCarePage() {
  const s = usePage(SOCIAL_CARE_FIELDS, 'to');
  const c = s.snapshot.context;
  const [to, setTo] = useDraftField('to', '');
  const [outcome, setOutcome] = useDraftField('outcome', '');
  const [when, setWhen] = useState(nowLocalInput());
  return (
    <StepPage title="Children’s social care" s={s}>
      <p className="app-body">
        If children’s social care is, may be, or has been involved with a young person, contact them, whatever the
        route, including when the school manages the incident (R10.3). If wider concerns meet the threshold, refer under
        child protection procedures (R10.4): record that as a referral.
      </p>
      {c.socialCareContacts.map((x) => (
        <SummaryList key={x.eventId} rows={[{ key: `${formatDateTime(x.at)}: ${x.to}`, value: x.outcome }]} />
      ))}
      <TextInput
        id="to"
        label="Who did you contact?"
        hint="Name and team, for example the allocated social worker."
        value={to}
        onChange={setTo}
      />
      <Textarea id="outcome" label="What was agreed?" value={outcome} onChange={setOutcome} rows={4} />
      <RecordBar
        s={s}
        when={when}
        onWhen={setWhen}
        label="Save the contact"
        draft={() => ({ type: 'social-care.contacted', to, outcome, occurredAt: occurredAtIso(when) })}
        onRecorded={s.back}
      />
    </StepPage>
  );
}
