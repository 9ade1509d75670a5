// Removing imagery online (R15): what the young person used, never handling the image.
import { useState } from 'react';
import { Radios, SummaryList, Textarea, TextInput, WarningText } from '../../components';
import { type FieldIds } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { formatDateTime, nowLocalInput } from '../../format';
import { StepPage, RecordBar } from '../StepPage';
import { occurredAtIso } from '../OccurredAt';
import { usePage } from './usePage';

export const REMOVAL_FIELDS = { note: 'note' } satisfies FieldIds;

export function RemovalPage() {
  const s = usePage(REMOVAL_FIELDS, 'note');
  const c = s.snapshot.context;
  const [service, setService] = useState<'report-remove' | 'take-it-down' | 'platform' | ''>('');
  const [platform, setPlatform] = useDraftField('platform', '');
  const [note, setNote] = useDraftField('note', '');
  const [when, setWhen] = useState(nowLocalInput());
  return (
    <StepPage title="Removing imagery online" s={s}>
      <p className="app-body">
        Help the young person remove imagery from devices and social media, especially if they are distressed (R15.1).
        This is separate from deletion and can happen at any stage (R12.7).
      </p>
      <WarningText>
        This app uploads nothing. The young person makes these reports on their own device; you never handle the image.
      </WarningText>
      <h2 className="app-heading-m">Read with the young person</h2>
      <ul className="app-list app-list--bullet">
        <li>
          <strong>Report Remove</strong> (Childline and the Internet Watch Foundation), for under-18s: the young person
          proves their age, reports the image or video, and the IWF works to have it removed from the internet.
          Childline offers support while they do it.
        </li>
        <li>
          <strong>Take It Down</strong> (NCMEC): a “fingerprint” (hash) of the image is made on the young person’s own
          device. The image itself never leaves their device. Participating platforms use the fingerprint to find and
          remove copies.
        </li>
        <li>
          Most social media services have their own reporting function, and some accept reports from someone other than
          the person pictured.
        </li>
      </ul>
      {c.removals.map((x) => (
        <SummaryList
          key={x.eventId}
          rows={[
            { key: formatDateTime(x.at), value: `${x.service}${x.platform ? ` (${x.platform})` : ''}: ${x.note}` },
          ]}
        />
      ))}
      <Radios
        id="service"
        legend="What was used?"
        items={[
          { value: 'report-remove', label: 'Report Remove' },
          { value: 'take-it-down', label: 'Take It Down' },
          {
            value: 'platform',
            label: 'The platform’s own reporting',
            conditional: <TextInput id="platform" label="Which platform?" value={platform} onChange={setPlatform} />,
          },
        ]}
        value={service}
        onChange={(v) => setService(v as 'report-remove')}
      />
      <Textarea
        id="note"
        label="What was done, and by whom"
        hint="Describe only."
        value={note}
        onChange={setNote}
        rows={3}
      />
      <RecordBar
        s={s}
        when={when}
        onWhen={setWhen}
        label="Save"
        checks={() => [...(service ? [] : [{ fieldId: 'service', text: 'Choose what was used' }])]}
        draft={() => ({
          type: 'removal.reported',
          service: (service || 'platform') as 'platform',
          ...(platform.trim() && { platform }),
          note,
          occurredAt: occurredAtIso(when),
        })}
        onRecorded={s.back}
      />
    </StepPage>
  );
}
