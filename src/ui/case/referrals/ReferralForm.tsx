// "Record a referral" (R5.2, R6, R10, R17): to whom, the number called, their reference, what was
// said, and when. Opened on the Referrals page; closed again once the referral is saved.
import { useState } from 'react';
import type { ReferralAgency } from '../../../domain/events';
import { suggestedReferral } from '../../../domain/referralAgency';
import { Button, ButtonGroup, Radios, Textarea, TextInput } from '../../components';
import type { useStep } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { useSettings } from '../../data/settings';
import { nowLocalInput } from '../../format';
import { OccurredAt, occurredAtIso, whenErrors } from '../OccurredAt';
import { AGENCIES } from './choices';

export function ReferralForm({
  s,
  another,
  onSaved,
  onCancel,
}: {
  s: ReturnType<typeof useStep>;
  /** Another referral after one is saved ("Record another referral"). */
  another: boolean;
  onSaved: (to: string) => void;
  onCancel?: (() => void) | undefined;
}) {
  const settings = useSettings();
  const c = s.snapshot.context;
  // Which agency, and the rule that asks for it, is the domain's (R5.2, R6, R10.1, R10.4, KCSIE.lado).
  const suggested = suggestedReferral(c);
  const defaultTo = (a: ReferralAgency) =>
    a === 'mash'
      ? settings.mashName
      : a === 'police'
        ? 'Police'
        : a === 'lado'
          ? settings.ladoName
          : a === 'chair-of-governors'
            ? settings.chairOfGovernors.name
            : "Children's social care";
  const [agency, setAgency] = useState<ReferralAgency>(suggested.agency);
  const [to, setTo] = useState(defaultTo(suggested.agency));
  const [phone, setPhone] = useDraftField('phone', '');
  const [reference, setReference] = useDraftField('reference', '');
  const [note, setNote] = useDraftField('note', '');
  const [when, setWhen] = useState(nowLocalInput());

  const save = async () => {
    const r = await s.submit(
      {
        type: 'referral.made',
        referralId: `r-${crypto.randomUUID()}`,
        agency,
        to,
        ...(phone.trim() && { phone }),
        ...(reference.trim() && { reference }),
        ...(note.trim() && { note }),
        occurredAt: occurredAtIso(when),
      },
      // A referral follows the disclosure: one dated before it is a typing slip.
      whenErrors(
        when,
        'occurred-at',
        new Date(),
        c.disclosure ? { iso: c.disclosure.disclosedAt, what: 'you were told about it (the disclosure)' } : undefined,
      ),
    );
    if (r.ok) onSaved(to);
  };

  return (
    <section aria-labelledby="new-referral-heading">
      <h2 className="app-heading-m" id="new-referral-heading" tabIndex={-1}>
        {another ? 'Record another referral' : 'Record a referral'}
      </h2>
      <Radios
        id="agency"
        legend="Who did you refer to?"
        hint={`${
          suggested.owed
            ? 'Chosen from what the case still needs'
            : suggested.route
              ? 'Chosen from the decision'
              : 'Referrals usually start with the MASH'
        } (${suggested.rule}). Change it if you referred elsewhere.`}
        items={AGENCIES}
        value={agency}
        onChange={(v) => {
          setAgency(v as ReferralAgency);
          setTo(defaultTo(v as ReferralAgency));
        }}
      />
      <TextInput id="to" label="Name of the service or person" value={to} onChange={setTo} />
      <TextInput
        id="phone"
        label="Number called"
        hint="Optional."
        type="tel"
        value={phone}
        onChange={setPhone}
        width="20"
      />
      <TextInput
        id="reference"
        label="Their reference number"
        hint="If they gave one."
        value={reference}
        onChange={setReference}
        width="20"
      />
      <Textarea
        id="note"
        label="What you told them and what they said"
        hint="Optional."
        value={note}
        onChange={setNote}
        rows={3}
      />
      <OccurredAt
        value={when}
        onChange={setWhen}
        label="When did you refer?"
        error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text}
      />
      <ButtonGroup>
        <Button disabled={s.busy} onClick={save}>
          Save the referral
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </ButtonGroup>
    </section>
  );
}
