// The chronology: every event, who, when it happened and when it was recorded, what and why, in
// order; amendments shown beside what they amend.
import { describeEvent } from '../../domain/describe';
import type { CaseEvent } from '../../domain/events';
import { ROLE_LABELS } from '../../domain/stages';
import { useCase } from '../data/CaseContext';
import { formatDateTime } from '../format';
import { FACT_QUESTIONS } from '../policy/labels';
import { CaseHeader } from './CaseHeader';
import './case.css';

function Entry({ e, amendment = false }: { e: CaseEvent; amendment?: boolean }) {
  const { snapshot } = useCase();
  const d = describeEvent(e, snapshot.context.facts.persons, snapshot.context.id);
  // R14.1: answers this event set back, or people it removed: who, when and why, beside it.
  const setBack = snapshot.context.amendments.filter((a) => a.targetEventId === e.id && a.eventId === e.id);
  const factName = (field: string) => FACT_QUESTIONS.find((q) => `facts.${q.key}` === field)?.question ?? field;
  const late = e.recordedAt.slice(0, 16) !== e.occurredAt.slice(0, 16);
  return (
    <li className={`app-chronology__item${amendment ? ' app-chronology__item--amendment' : ''}`} id={`event-${e.id}`}>
      <p className="app-chronology__meta">
        {formatDateTime(e.occurredAt)}
        {late && <> · recorded {formatDateTime(e.recordedAt)}</>} · {e.actor.name} ({ROLE_LABELS[e.actor.role]})
      </p>
      {/* dir="auto": what was said, and names, in any script read in their own direction. */}
      <p className="app-chronology__title" dir="auto">
        {d.title}
      </p>
      {d.lines.map((l, i) => (
        <p key={i} className="app-chronology__body" dir="auto">
          {l}
        </p>
      ))}
      {d.why && (
        <p className="app-chronology__body" dir="auto">
          <strong>Why: </strong>
          {d.why}
        </p>
      )}
      {setBack.map((a, i) => (
        <p key={i} className="app-chronology__body" dir="auto">
          <strong>Amendment: </strong>
          {a.field === 'facts.persons'
            ? `${a.before} removed from the case`
            : `${factName(a.field)} set back from ${a.before} to ${a.after}`}
          , by {a.by.name}. Why: {a.reason}
        </p>
      ))}
    </li>
  );
}

export function ChronologyPage() {
  const { events } = useCase();
  const amendments = events.filter(
    (e): e is Extract<CaseEvent, { type: 'answer.amended' }> => e.type === 'answer.amended',
  );
  // In the order things happened, to the minute (forms record minutes), then in the order recorded.
  const seq = new Map(events.map((e, i) => [e.id, i]));
  const minute = (e: CaseEvent) => new Date(e.occurredAt).toISOString().slice(0, 16);
  const ordered = events
    .filter((e) => e.type !== 'answer.amended')
    .sort((a, b) => minute(a).localeCompare(minute(b)) || (seq.get(a.id) ?? 0) - (seq.get(b.id) ?? 0));
  const orphans = amendments.filter((a) => !ordered.some((e) => e.id === a.targetEventId));
  return (
    <div className="app-page">
      <CaseHeader />
      <h1 className="app-heading-l">Chronology</h1>
      <p className="app-body">
        In the order things happened. Where something was recorded later than it happened, both times are shown.
        Amendments sit under what they amend; the earlier answer stays.
      </p>
      <ol className="app-chronology">
        {ordered.map((e) => (
          <FragmentWithAmendments key={e.id} e={e} amendments={amendments.filter((a) => a.targetEventId === e.id)} />
        ))}
        {orphans.map((a) => (
          <Entry key={a.id} e={a} amendment />
        ))}
      </ol>
    </div>
  );
}

function FragmentWithAmendments({ e, amendments }: { e: CaseEvent; amendments: CaseEvent[] }) {
  return (
    <>
      <Entry e={e} />
      {amendments.map((a) => (
        <Entry key={a.id} e={a} amendment />
      ))}
    </>
  );
}
