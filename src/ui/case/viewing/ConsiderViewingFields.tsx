// Before anyone views the imagery: the grounds (R11.2), the reason and every safeguard (R11.3).
// The page keeps the answers (useViewingJustification) so they survive switching steps.
import { useState } from 'react';
import type { ViewingGround, ViewingSafeguards } from '../../../domain/events';
import { Checkboxes, Textarea } from '../../components';
import { OccurredAt } from '../OccurredAt';
import { GROUNDS, SAFEGUARDS } from './choices';

export function useViewingJustification() {
  const [grounds, setGrounds] = useState<ViewingGround[]>([]);
  const [factsNotFromYP, setFactsNotFromYP] = useState(false);
  const [reason, setReason] = useState('');
  const [safeguards, setSafeguards] = useState<(keyof ViewingSafeguards)[]>([]);
  return { grounds, setGrounds, factsNotFromYP, setFactsNotFromYP, reason, setReason, safeguards, setSafeguards };
}

interface Props {
  form: ReturnType<typeof useViewingJustification>;
  when: string;
  setWhen: (value: string) => void;
  whenError: string | undefined;
  errorFor: (...ids: string[]) => string | undefined;
}

export function ConsiderViewingFields({ form, when, setWhen, whenError, errorFor }: Props) {
  const { grounds, setGrounds, factsNotFromYP, setFactsNotFromYP, reason, setReason, safeguards, setSafeguards } = form;
  return (
    <section aria-labelledby="consider-heading">
      <h2 className="app-heading-m" id="consider-heading">
        Before anyone views it
      </h2>
      <Checkboxes
        id="grounds"
        legend="Why would viewing be justified? (R11.2)"
        hint="Viewing is justified only on one of these grounds. Select all that apply."
        items={GROUNDS.map((g) =>
          g.value === 'only-way-to-decide'
            ? {
                ...g,
                conditional: (
                  <Checkboxes
                    id="facts-not-from-yp"
                    legend="Have you tried the young people first?"
                    legendSize="s"
                    items={[{ value: 'yes', label: 'The facts cannot be established from the young people' }]}
                    values={factsNotFromYP ? ['yes'] : []}
                    error={errorFor('facts-not-from-yp')}
                    onChange={(v) => setFactsNotFromYP(v.includes('yes'))}
                  />
                ),
              }
            : g,
        )}
        values={grounds}
        error={errorFor('grounds')}
        onChange={(v) => setGrounds(v as ViewingGround[])}
      />
      <Textarea
        id="viewing-reason"
        label="Why is viewing necessary?"
        hint="Describe in words. Never copy, paste or attach an image."
        value={reason}
        error={errorFor('viewing-reason')}
        onChange={setReason}
        rows={4}
      />
      <Checkboxes
        id="safeguards"
        legend="The safeguards (R11.3)"
        hint="Confirm each one before anyone views the imagery."
        items={SAFEGUARDS.map((g) => ({ value: g.key, label: g.label }))}
        values={safeguards}
        error={errorFor('safeguards')}
        onChange={(v) => setSafeguards(v as (keyof ViewingSafeguards)[])}
      />
      <OccurredAt value={when} onChange={setWhen} label="When was this decided?" error={whenError} />
    </section>
  );
}
