// The disclosure within a case: shown as recorded (corrections go through "amend"), or, for a case
// the DSL opened directly, recorded here in one grouped page.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeEvent, knownDateText } from '../../domain/describe';
import { ActionBar, Button, ErrorSummary, SummaryList } from '../components';
import { useStep } from '../data/useStep';
import { formatDateTime, nowLocalInput } from '../format';
import { PeopleFields, WhatWasSaidFields, WhoToldFields } from '../disclosure/DisclosureFields';
import {
  DISCLOSURE_FIELDS,
  disclosureErrors,
  emptyDisclosureDraft,
  toDisclosure,
  type DisclosureDraft,
} from '../disclosure/disclosureDraft';
import { CaseHeader } from './CaseHeader';
import { Link } from 'react-router';

export function DisclosurePage() {
  const s = useStep(DISCLOSURE_FIELDS, 'account');
  const navigate = useNavigate();
  const c = s.snapshot.context;
  const [d, setD] = useState<DisclosureDraft>(() => emptyDisclosureDraft(nowLocalInput(), s.gateway.actor.name));
  const set = (patch: Partial<DisclosureDraft>) => setD((x) => ({ ...x, ...patch }));
  const recorded = s.events.find((e) => e.type === 'disclosure.recorded');

  if (c.disclosure && recorded) {
    const desc = describeEvent(recorded, c.facts.persons);
    return (
      <div className="app-page">
        <CaseHeader />
        <h1 className="app-heading-l">Disclosure</h1>
        <SummaryList
          rows={[
            { key: 'Who told', value: c.disclosure.disclosedBy },
            { key: 'Who they told', value: c.disclosure.disclosedTo },
            { key: 'When', value: formatDateTime(c.disclosure.disclosedAt) },
            { key: 'How', value: c.disclosure.channel.replace('-', ' ') },
            { key: 'When the imagery was made or shared, as told', value: knownDateText(c.disclosure.incidentDate) },
            { key: 'What they said', value: c.disclosure.account },
            { key: 'What the imagery shows, as told', value: c.disclosure.imageryDescription || 'Not recorded' },
            { key: 'Platforms', value: c.disclosure.platforms.join(', ') || 'Not recorded' },
            { key: 'How far it spread', value: c.disclosure.spreadNotes || 'Not recorded' },
            { key: 'Actions taken', value: c.disclosure.actionsTaken || 'Not recorded' },
            { key: 'Recorded by', value: `${recorded.actor.name}, ${formatDateTime(recorded.recordedAt)}` },
          ]}
        />
        <p className="app-body">{desc.lines.at(-1)}</p>
        {!c.closed && (
          <p className="app-body">
            <Link className="app-link" to={`/cases/${s.caseId}/amend`}>
              Amend an answer
            </Link>{' '}
            (the earlier answer stays visible).
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Record the disclosure</h1>
      <WhoToldFields d={d} set={set} errors={s.errors} />
      <WhatWasSaidFields d={d} set={set} errors={s.errors} />
      <h2 className="app-heading-m">Who is involved</h2>
      <PeopleFields d={d} set={set} errors={s.errors} detail="full" />
      <ActionBar>
        <Button
          disabled={s.busy}
          onClick={async () => {
            const { disclosure, persons } = toDisclosure(d);
            const r = await s.submit(
              { type: 'disclosure.recorded', disclosure, persons, occurredAt: disclosure.disclosedAt },
              disclosureErrors(d),
            );
            if (r.ok) navigate(`/cases/${s.caseId}/review`);
          }}
        >
          Save and go to the initial review
        </Button>
      </ActionBar>
    </div>
  );
}
