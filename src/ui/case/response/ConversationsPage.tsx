// Talking with the young people (R13): who spoke with them and what was agreed.
import { useState } from 'react';
import { referenceDate } from '../../../domain/case';
import { youngPeople } from '../../../domain/rules/triggers';
import { InsetText, Radios, SummaryList, Textarea, TextInput } from '../../components';
import { type FieldIds } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { formatDateTime, nowLocalInput } from '../../format';
import { StepPage, RecordBar } from '../StepPage';
import { occurredAtIso } from '../OccurredAt';
import { usePage } from './usePage';

export const CONVERSATION_FIELDS = { conductedBy: 'by', summary: 'summary' } satisfies FieldIds;

export function ConversationsPage() {
  const s = usePage(CONVERSATION_FIELDS, 'summary');
  const c = s.snapshot.context;
  const yp = youngPeople(c.facts.persons, referenceDate(c));
  const [personId, setPersonId] = useState(yp[0]?.id ?? '');
  const [by, setBy] = useState(s.gateway.actor.name);
  const [summary, setSummary] = useDraftField('summary', '');
  const [when, setWhen] = useState(nowLocalInput());
  return (
    <StepPage title="Talking with the young people" s={s}>
      <InsetText>
        <p className="app-body">
          Once a young person is not at immediate risk, talk with them: the DSL if possible, or a teacher they are more
          comfortable with (R13.1).
        </p>
        <ul className="app-list app-list--bullet">
          <li>
            Recognise the pressures they are under. Stay solution-focused: avoid “why have you done this?”. Reassure
            them (R13.2).
          </li>
          <li>Help them understand what has happened; talk about consent and trust in healthy relationships.</li>
          <li>Find out, without looking, what the image contains and who else is involved (R13.3).</li>
          <li>Find out who has seen or shared it, and how to stop it spreading further.</li>
          <li>Never ask them to show or send you the image.</li>
        </ul>
      </InsetText>
      {c.conversations.map((x) => (
        <SummaryList key={x.eventId} rows={[{ key: `${formatDateTime(x.at)}, ${x.conductedBy}`, value: x.summary }]} />
      ))}
      <Radios
        id="person"
        legend="Who did you talk with?"
        items={yp.map((p) => ({ value: p.id, label: p.name || 'A young person' }))}
        value={personId}
        onChange={setPersonId}
      />
      <TextInput id="by" label="Who spoke with them?" value={by} onChange={setBy} />
      <Textarea
        id="summary"
        label="What was said, and what was agreed"
        value={summary}
        onChange={setSummary}
        rows={6}
      />
      <RecordBar
        s={s}
        when={when}
        onWhen={setWhen}
        label="Save the conversation"
        draft={() => ({
          type: 'conversation.recorded',
          personId,
          conductedBy: by,
          summary,
          occurredAt: occurredAtIso(when),
        })}
        onRecorded={s.back}
      />
    </StepPage>
  );
}
