// Devices for the police (R10.2): record a device held and its collection.
import { useState } from 'react';
import { Button, Checkboxes, PhoneLink, Radios, SummaryList, TextInput, WarningText } from '../../components';
import { type FieldIds } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { useSettings } from '../../data/settings';
import { formatDateTime, nowLocalInput } from '../../format';
import { StepPage, RecordBar } from '../StepPage';
import { occurredAtIso } from '../OccurredAt';
import { usePage } from './usePage';

/** Where each page shows the answers its step's reasons can name (src/domain/reasons.ts). */
export const DEVICE_FIELDS = {
  description: 'description',
  switchedOff: 'checks',
  lockedAway: 'checks',
  collectedBy: 'collected-by',
} satisfies FieldIds;

export function DevicesPage() {
  const s = usePage(DEVICE_FIELDS, 'checks');
  const settings = useSettings();
  const c = s.snapshot.context;
  const [description, setDescription] = useDraftField('description', '');
  const [checks, setChecks] = useState<string[]>([]);
  const [where, setWhere] = useDraftField('where', '');
  const [when, setWhen] = useState(nowLocalInput());
  const held = c.devices.filter((d) => !d.collected);
  const [collectedBy, setCollectedBy] = useDraftField('collectedBy', '');
  const [policeRef, setPoliceRef] = useDraftField('policeRef', '');
  const [collectFor, setCollectFor] = useState(held[0]?.id ?? '');
  return (
    <StepPage title="Devices for the police" s={s}>
      <WarningText>
        Do not look through the device, and do not delete anything: searching a device is viewing (R11.1), and it may be
        evidence (R12.1).
      </WarningText>
      <p className="app-body">
        If a device needs to go to the police: confiscate it, call the police, switch it off and keep it under lock and
        key until they collect it (R10.2).
      </p>
      <PhoneLink number={settings.policeNonEmergency} label="Police (non-emergency)" />
      {c.devices.length > 0 &&
        c.devices.map((d) => (
          <SummaryList
            key={d.id}
            rows={[
              { key: 'Device', value: d.description },
              { key: 'Secured', value: `${formatDateTime(d.secured.at)} by ${d.secured.by.name}, ${d.where}` },
              {
                key: 'Collected',
                value: d.collected
                  ? `${formatDateTime(d.collected.at)} by ${d.collected.collectedBy}${d.collected.reference ? ` (ref. ${d.collected.reference})` : ''}`
                  : 'Not yet',
              },
            ]}
          />
        ))}
      {held.length > 0 && (
        <section aria-labelledby="collect-heading">
          <h2 className="app-heading-m" id="collect-heading">
            Handed to the police
          </h2>
          {held.length > 1 && (
            <Radios
              id="collect-for"
              legend="Which device?"
              items={held.map((d) => ({ value: d.id, label: d.description }))}
              value={collectFor}
              onChange={setCollectFor}
            />
          )}
          <TextInput
            id="collected-by"
            label="Collected by (name, rank or number)"
            value={collectedBy}
            onChange={setCollectedBy}
          />
          <TextInput
            id="police-ref"
            label="Police reference"
            hint="If given."
            value={policeRef}
            onChange={setPoliceRef}
            width="20"
          />
          <Button
            disabled={s.busy}
            onClick={async () => {
              const r = await s.submit({
                type: 'device.collected',
                deviceId: collectFor || held[0]!.id,
                collectedBy,
                ...(policeRef.trim() && { reference: policeRef }),
                occurredAt: new Date().toISOString(),
              });
              if (r.ok) s.back();
            }}
          >
            Record the handover
          </Button>
        </section>
      )}
      <h2 className="app-heading-m">Secure a device</h2>
      <TextInput
        id="description"
        label="Describe the device"
        hint="For example “black iPhone in a blue case, belongs to Sam”. Never its contents."
        value={description}
        onChange={setDescription}
      />
      <Checkboxes
        id="checks"
        legend="Confirm"
        items={[
          { value: 'off', label: 'It is switched off' },
          { value: 'locked', label: 'It is locked away' },
        ]}
        values={checks}
        onChange={setChecks}
      />
      <TextInput id="where" label="Where is it kept?" value={where} onChange={setWhere} />
      <RecordBar
        s={s}
        when={when}
        onWhen={setWhen}
        label="Record the device as secured"
        draft={() => ({
          type: 'device.secured',
          deviceId: `dev-${crypto.randomUUID()}`,
          description,
          switchedOff: checks.includes('off'),
          lockedAway: checks.includes('locked'),
          where,
          occurredAt: occurredAtIso(when),
        })}
        onRecorded={s.back}
      />
    </StepPage>
  );
}
