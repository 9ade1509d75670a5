// Discarding a case opened by mistake (issue 14): while nothing but its opening is recorded, the
// DSL or a deputy can discard it, with a reason. The domain decides (gates.ts explainDiscard); the
// discard is an event in the case's own chain (who, when, why), the case leaves the cases list and
// accepts nothing more, and nothing else is changed or lost.
import { Link, useNavigate } from 'react-router';
import type { CaseEvent } from '../../domain/events';
import { explainEvent } from '../../domain/machine';
import { ActionBar, Button, ErrorSummary, NotificationBanner, Textarea, WarningText } from '../components';
import { useCase } from '../data/CaseContext';
import { useDraftField } from '../data/drafts';
import { useStep } from '../data/useStep';
import { formatDate } from '../format';
import { CaseHeader } from './CaseHeader';

/** Would the domain let this user discard the case now (it is empty, and they lead the response)? */
export function useMayDiscard(): boolean {
  const { snapshot, gateway } = useCase();
  // The time plays no part in the answer: the case's last record stands in for now.
  const at = snapshot.context.lastRecordedAt ?? '';
  const probe = {
    type: 'case.discarded',
    reason: 'probe',
    id: 'probe',
    actor: gateway.actor,
    occurredAt: at,
    recordedAt: at,
  } as CaseEvent;
  return explainEvent(snapshot, probe).allowed;
}

/** On the case overview: the way to discard an empty case, or that it was discarded. */
export function DiscardNotice() {
  const { snapshot, caseId } = useCase();
  const mayDiscard = useMayDiscard();
  const discarded = snapshot.context.discarded;
  if (discarded) {
    return (
      <NotificationBanner heading="This case was discarded: it was opened by mistake and nothing was recorded in it.">
        <p className="app-body">
          Discarded {formatDate(discarded.at)} by <bdi>{discarded.by.name}</bdi>. Why: {discarded.reason}
        </p>
      </NotificationBanner>
    );
  }
  if (!mayDiscard) return null;
  return (
    <p className="app-body">
      Opened by mistake?{' '}
      <Link className="app-link" to={`/cases/${caseId}/discard`}>
        Discard this empty case
      </Link>
    </p>
  );
}

export function DiscardPage() {
  const navigate = useNavigate();
  // The domain names the reason field of a refusal; anything else goes to the top of the page.
  const s = useStep({ reason: 'reason' });
  const { snapshot } = useCase();
  const [reason, setReason] = useDraftField('reason', '');
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Discard case {snapshot.context.reference}</h1>
      <p className="app-body">Nothing has been recorded in this case yet. Discard it if it was opened by mistake.</p>
      <WarningText>
        Discarding takes it off your list of cases, and nothing more can be recorded in it. It cannot be undone.
      </WarningText>
      <p className="app-body">
        The record that it was opened and discarded, by you, and why, is kept with its reference number, so the
        numbering stays complete.
      </p>
      <Textarea
        id="reason"
        label="Why are you discarding this case?"
        hint="For example: opened by mistake, or a second case for the same incident."
        value={reason}
        onChange={setReason}
        rows={3}
        error={s.errors.find((x) => x.fieldId === 'reason')?.text}
      />
      <ActionBar>
        <Button
          variant="warning"
          disabled={s.busy}
          onClick={async () => {
            if ((await s.submit({ type: 'case.discarded', reason, occurredAt: new Date().toISOString() })).ok)
              navigate('/');
          }}
        >
          Discard this case
        </Button>
        <Link className="app-link" to={`/cases/${s.caseId}`}>
          Cancel
        </Link>
      </ActionBar>
    </div>
  );
}
