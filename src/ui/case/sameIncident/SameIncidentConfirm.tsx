// The calm confirm screen before two cases of one disclosure are recorded as the same incident: the
// answers, then exactly what recording them does in each case, what stays where, and one primary
// action. Nothing is recorded until the key holder confirms.
import { useEffect, useRef } from 'react';
import type { CaseRecord } from '../../../domain/case';
import type { CaseEvent } from '../../../domain/events';
import { EVENT_LABELS } from '../../../domain/eventLabels';
import { laterStepsOf } from '../../../domain/sameIncident';
import { ActionBar, Button, InsetText, SummaryList } from '../../components';
import { CaseHeader } from '../CaseHeader';

/** One of the two cases: its id, its record and its steps. */
export type Side = { caseId: string; record: CaseRecord; events: readonly CaseEvent[] };

export function SameIncidentConfirm({
  closed,
  kept,
  reason,
  carriedOver,
  busy,
  onConfirm,
  onBack,
}: {
  closed: Side;
  kept: Side;
  reason: string;
  carriedOver: string;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const [d, k] = [closed.record.reference, kept.record.reference];
  const later = laterStepsOf(closed.events);
  // The screen changes without a new address: focus goes to its heading, so a screen reader reads it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="app-page">
      <CaseHeader />
      <h1 className="app-heading-l" tabIndex={-1} ref={heading}>
        Check before you record it
      </h1>
      <SummaryList
        rows={[
          { key: 'Carried on in', value: `Case ${k}` },
          { key: 'Closed as the same incident', value: `Case ${d}` },
          { key: 'Why', value: reason },
          {
            key: 'What still applies',
            value: carriedOver.trim() || 'Nothing: no step was recorded after its disclosure.',
          },
        ]}
      />
      <h2 className="app-heading-m">What happens when you confirm</h2>
      <ol className="app-list app-list--number" data-testid="what-happens">
        <li>
          In case {k}, a step is recorded: “Also recorded as {d} (closed as the same incident)”, with your words. {k}{' '}
          carries the incident on and still owes everything the policy asks of it.
        </li>
        <li>
          In case {d}, a step is recorded: “Same incident as case {k}: recorded in that case from here on”. {d} is then
          closed: it owes nothing further, sends no reminders, and is listed as “Closed: same incident as {k}”.
        </li>
        <li>
          Nothing recorded in either case is changed or deleted. Both records stay whole, and each can be exported.
        </li>
      </ol>
      {later.length > 0 && (
        <>
          <h2 className="app-heading-m">These stay in case {d}</h2>
          <p className="app-body">
            Recorded in {d} after its disclosure. They stay in its record and its export, and they do not count in {k}:
            record there what still applies.
          </p>
          <ul className="app-list app-list--bullet" data-testid="later-steps">
            {later.map((x) => {
              const e = closed.events.find((y) => y.id === x.eventId);
              return (
                <li key={x.eventId}>
                  {EVENT_LABELS[x.type]}
                  {e && `, by ${e.actor.name}`}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <InsetText>
        If the two tablets recorded this the opposite ways round, each case shows it and asks for a new decision.
      </InsetText>
      <ActionBar>
        <Button onClick={onConfirm} disabled={busy}>
          Confirm: close {d} as the same incident
        </Button>
        <Button variant="secondary" onClick={onBack} disabled={busy}>
          Change my answers
        </Button>
      </ActionBar>
    </div>
  );
}
