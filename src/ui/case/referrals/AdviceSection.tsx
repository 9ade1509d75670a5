// Advice from an agency short of a referral: liaising with the MASH for advice (R7.4), or
// contacting children's social care (R10.3): who was asked, who answered, what they advised, when.
import { useState } from 'react';
import type { AdviceAgency } from '../../../domain/events';
import { Button, Radios, SummaryList, Textarea, TextInput } from '../../components';
import type { useStep } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { formatDateTime, nowLocalInput } from '../../format';
import { OccurredAt, occurredAtIso, whenErrors } from '../OccurredAt';
import { ADVICE_FROM } from './choices';

export function AdviceSection({ s, onSaved }: { s: ReturnType<typeof useStep>; onSaved: () => void }) {
  const c = s.snapshot.context;
  const [adviceFrom, setAdviceFrom] = useState<AdviceAgency>('mash');
  const [adviceWho, setAdviceWho] = useDraftField('adviceWho', '');
  const [advice, setAdvice] = useDraftField('advice', '');
  const [adviceWhen, setAdviceWhen] = useState(nowLocalInput());

  const save = async () => {
    const r = await s.submit(
      { type: 'advice.sought', agency: adviceFrom, who: adviceWho, advice, occurredAt: occurredAtIso(adviceWhen) },
      // Who and what are the domain's to require (its reasons name the fields); the time is checked here.
      whenErrors(adviceWhen, 'advice-at'),
    );
    if (r.ok) {
      setAdviceWho('');
      setAdvice('');
      setAdviceWhen(nowLocalInput());
      onSaved();
    }
  };

  return (
    <section aria-labelledby="advice-heading">
      <h2 className="app-heading-m" id="advice-heading">
        Record advice from an agency
      </h2>
      <p className="app-body">
        Liaising with the MASH for advice (R7.4), or contacting children's social care (R10.3), short of a referral: who
        you spoke to and what they advised.
      </p>
      {(c.advice ?? []).length > 0 && (
        <SummaryList
          rows={(c.advice ?? []).map((x) => ({
            key: `${ADVICE_FROM.find((a) => a.value === x.agency)?.label ?? x.agency}, ${formatDateTime(x.at)}`,
            value: `${x.who}: ${x.advice}`,
          }))}
        />
      )}
      <Radios
        id="advice-from"
        legend="Who did you ask?"
        items={ADVICE_FROM}
        value={adviceFrom}
        onChange={(v) => setAdviceFrom(v as AdviceAgency)}
      />
      <TextInput id="advice-who" label="Who did you speak to?" value={adviceWho} onChange={setAdviceWho} />
      <Textarea id="advice" label="What did they advise?" value={advice} onChange={setAdvice} rows={3} />
      <OccurredAt
        id="advice-at"
        value={adviceWhen}
        onChange={setAdviceWhen}
        label="When did you speak to them?"
        error={s.errors.find((x) => x.fieldId === 'advice-at')?.text}
      />
      <Button variant="secondary" disabled={s.busy} onClick={save}>
        Save the advice
      </Button>
    </section>
  );
}
