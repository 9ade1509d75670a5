// "Same incident as another case" (docs/SYNC.md, "One disclosure, two tablets"): a key holder says
// which of two cases made of one staff disclosure carries the incident on, why, and what of the
// other's later steps still applies; then reads, on a calm confirm screen, exactly what recording it
// does, and confirms. A step is recorded in each case (the one carried on first); nothing recorded
// in either is changed. The domain decides everything (src/domain/sameIncident*.ts).
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CaseEvent } from '../../../domain/events';
import { EVENT_LABELS } from '../../../domain/eventLabels';
import { RejectedEventError } from '../../../domain/machine';
import type { Reason } from '../../../domain/reasons';
import { sameIncidentOf } from '../../../domain/sameIncident';
import { explainSameIncidentNow, sameIncidentPlan, type SameIncidentDraft } from '../../../domain/sameIncidentGates';
import { ActionBar, Button, ErrorSummary, type FormError, Radios, Textarea } from '../../components';
import { useCase } from '../../data/CaseContext';
import { useDraftField } from '../../data/drafts';
import type { EventDraft, LoadedCase } from '../../data/gateway';
import { type FieldIds, reasonsToErrors } from '../../data/useStep';
import { CaseHeader } from '../CaseHeader';
import { SameIncidentConfirm, type Side } from './SameIncidentConfirm';
import { acceptedWhere, useSameDisclosure } from './SameIncidentNotice';

export const SAME_INCIDENT_FIELDS = { reason: 'reason', carriedOver: 'carried-over' } satisfies FieldIds;

export function SameIncidentPage() {
  const { snapshot, events, caseId, gateway, record } = useCase();
  const navigate = useNavigate();
  const c = snapshot.context;
  const twins = useSameDisclosure();
  const [others, setOthers] = useState<Map<string, LoadedCase>>(new Map());
  const [choice, setChoice] = useState<string | null>(null);
  const [reason, setReason] = useDraftField('reason', '');
  const [carriedOver, setCarriedOver] = useDraftField('carriedOver', '');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [confirming, setConfirming] = useState<{ closed: Side; kept: Side } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void Promise.all((twins ?? []).map(async (t) => [t.caseId, await gateway.load(t.caseId)] as const)).then(
      (loaded) => live && setOthers(new Map(loaded)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [twins, gateway]);

  const view = sameIncidentOf(c);
  const here: Side = { caseId, record: c, events };
  const choices = (twins ?? []).flatMap((t) => [
    { value: `here:${t.caseId}`, label: `Carry on in ${t.reference}: close this case, ${c.reference}` },
    { value: `there:${t.caseId}`, label: `Carry on in this case, ${c.reference}: close ${t.reference}` },
  ]);

  /** The two cases as the choice puts them: the one closed and the one carried on. */
  const sides = (): { closed: Side; kept: Side } | null => {
    const [where, otherId] = (choice ?? '').split(':');
    const other = otherId ? others.get(otherId) : undefined;
    if (!other || !otherId) return null;
    const there: Side = { caseId: otherId, record: other.snapshot.context, events: other.events };
    return where === 'here' ? { closed: here, kept: there } : { closed: there, kept: here };
  };
  const planFor = (s: { closed: Side; kept: Side }) =>
    sameIncidentPlan(s.closed, s.kept.record, { reason, carriedOver, occurredAt: new Date().toISOString() });
  const preview = (d: SameIncidentDraft): CaseEvent =>
    ({ ...d, id: 'preview', actor: gateway.actor, recordedAt: new Date().toISOString() }) as CaseEvent;
  const show = (reasons: Reason[]) => {
    const seen = new Set<string>();
    setErrors(
      reasonsToErrors(
        reasons.filter((r) => !seen.has(r.text) && seen.add(r.text)),
        SAME_INCIDENT_FIELDS,
      ),
    );
  };

  const onContinue = () => {
    setAttempt((n) => n + 1);
    const s = sides();
    if (!s) {
      setErrors([{ fieldId: 'carry-on', text: 'Choose which case carries the incident on.' }]);
      return;
    }
    const plan = planFor(s);
    const checks = [
      ...(plan.kept ? [[s.kept, s.closed, plan.kept] as const] : []),
      [s.closed, s.kept, plan.closed] as const,
    ].map(([mine, other, d]) => explainSameIncidentNow(mine.record, other.record, preview(d) as never, mine.events));
    const refused = checks.filter((x) => !x.allowed).flatMap((x) => x.reasons);
    if (refused.length > 0) return show(refused);
    setErrors([]);
    setConfirming(s);
  };

  const onConfirm = async (s: { closed: Side; kept: Side }) => {
    setBusy(true);
    // Recorded in this case through the case's own record (so the screen follows it), the other through the gateway.
    const put = (side: Side, d: SameIncidentDraft) =>
      side.caseId === caseId ? record(d as EventDraft) : gateway.record(side.caseId, d as EventDraft);
    try {
      // The case carried on first: an interruption leaves the duplicate open, never closed without a trace.
      const plan = planFor(s);
      if (plan.kept) await put(s.kept, plan.kept);
      await put(s.closed, plan.closed);
      navigate(`/cases/${caseId}`);
    } catch (e) {
      setConfirming(null);
      setAttempt((n) => n + 1);
      if (e instanceof RejectedEventError) show(e.explanation.reasons);
      else
        setErrors([
          {
            fieldId: 'main-content',
            text: `Not all of it was saved: ${e instanceof Error ? e.message : String(e)}. Try again: what was saved is kept, and only the rest is recorded.`,
          },
        ]);
    } finally {
      setBusy(false);
    }
  };

  if (confirming)
    return (
      <SameIncidentConfirm
        closed={confirming.closed}
        kept={confirming.kept}
        reason={reason}
        carriedOver={carriedOver}
        busy={busy}
        onConfirm={() => void onConfirm(confirming)}
        onBack={() => setConfirming(null)}
      />
    );

  const chosen = sides();
  const later = chosen ? planFor(chosen).closed.laterSteps : [];
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h1 className="app-heading-l">Same incident as another case</h1>
      {view.closedInto ? (
        <p className="app-body">
          This case is closed as the same incident as{' '}
          <Link className="app-link" to={`/cases/${view.closedInto.caseId}`}>
            case {view.closedInto.reference}
          </Link>
          . There is nothing more to record here.
        </p>
      ) : twins === null ? (
        <p className="app-body">Looking for the other case…</p>
      ) : twins.length === 0 ? (
        <p className="app-body">
          This tablet holds no other case made of the staff disclosure this case was made of. Only two cases of one
          disclosure, accepted on two tablets apart, can be recorded as the same incident; any other case is closed when
          it owes nothing (R14.1).
        </p>
      ) : (
        <>
          <p className="app-body">
            One staff disclosure was accepted on two tablets that could not reach each other, so it became two cases.
            Choose the one that carries the incident on; the other is closed as the same incident. Nothing recorded in
            either is changed or deleted, and both can still be exported.
          </p>
          {view.conflict && <p className="app-body">{view.conflict.text}</p>}
          <ul className="app-list">
            {twins.map((t) => (
              <li key={t.caseId}>
                Case {t.reference}: {acceptedWhere(t)}
                {others.get(t.caseId) && `, ${others.get(t.caseId)!.events.length} steps recorded`}
              </li>
            ))}
            <li>
              This case, {c.reference}: {events.length} steps recorded
            </li>
          </ul>
          <Radios
            id="carry-on"
            legend="Which case carries the incident on?"
            items={choices}
            value={choice}
            onChange={setChoice}
            error={errors.find((x) => x.fieldId === 'carry-on')?.text}
          />
          <Textarea
            id="reason"
            label="Why are they the same incident, and why carry on in that case?"
            hint="For example: accepted on the DSL’s and the deputy’s tablets the same morning; the DSL carries on in hers."
            value={reason}
            onChange={setReason}
            rows={4}
            error={errors.find((x) => x.fieldId === 'reason')?.text}
          />
          {later.length > 0 && (
            <div className="app-body">
              <p>Recorded in the case you close after its disclosure (these stay in its record):</p>
              <ul className="app-list app-list--bullet">
                {later.map((x) => (
                  <li key={x.eventId}>{EVENT_LABELS[x.type]}</li>
                ))}
              </ul>
            </div>
          )}
          <Textarea
            id="carried-over"
            label="What of the closed case still applies in the case carried on?"
            hint="Say what you will record again in the case carried on (a decision, a referral, a device held). Required when steps were recorded in the case you close after its disclosure."
            value={carriedOver}
            onChange={setCarriedOver}
            rows={4}
            error={errors.find((x) => x.fieldId === 'carried-over')?.text}
          />
          <ActionBar>
            <Button onClick={onContinue}>Continue</Button>
          </ActionBar>
        </>
      )}
      <p className="app-body">
        <Link className="app-link app-link--block" to={`/cases/${caseId}`}>
          Back to the case
        </Link>
      </p>
    </div>
  );
}
