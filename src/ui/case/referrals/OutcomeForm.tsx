// "Record the outcome" of one referral (R6, R17): what the agency said or decided, what happens
// next, and when the school heard. Opened under the referral it is about.
import { useState } from 'react';
import type { ReferralNextStep } from '../../../domain/events';
import { Button, ButtonGroup, Radios, Textarea } from '../../components';
import type { useStep } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { nowLocalInput } from '../../format';
import { OccurredAt, occurredAtIso, whenErrors } from '../OccurredAt';
import { NEXT } from './choices';

export function OutcomeForm({
  s,
  referral,
  onSaved,
  onCancel,
}: {
  s: ReturnType<typeof useStep>;
  referral: { id: string; to: string };
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [outcome, setOutcome] = useDraftField('outcome', '');
  const [next, setNext] = useState<ReferralNextStep>('agency-leads');
  const [when, setWhen] = useState(nowLocalInput());

  const save = async () => {
    const r = await s.submit(
      { type: 'referral.outcome', referralId: referral.id, outcome, nextStep: next, occurredAt: occurredAtIso(when) },
      whenErrors(when, 'outcome-at'),
    );
    if (r.ok) onSaved();
  };

  return (
    <section className="app-referral__outcome" aria-labelledby="outcome-heading">
      <h3 className="app-heading-s" id="outcome-heading" tabIndex={-1}>
        The outcome of the referral to <bdi>{referral.to}</bdi>
      </h3>
      <Textarea id="outcome" label="What did they say or decide?" value={outcome} onChange={setOutcome} rows={3} />
      <Radios
        id="next-step"
        legend="What happens next?"
        items={NEXT}
        value={next}
        onChange={(v) => setNext(v as ReferralNextStep)}
      />
      <OccurredAt
        id="outcome-at"
        value={when}
        onChange={setWhen}
        label="When did you hear?"
        error={s.errors.find((x) => x.fieldId === 'outcome-at')?.text}
      />
      <ButtonGroup>
        <Button disabled={s.busy} onClick={save}>
          Save the outcome
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ButtonGroup>
    </section>
  );
}
