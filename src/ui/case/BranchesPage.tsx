// "Recorded on two tablets at once" (docs/SYNC.md): the case's branches, each step with who recorded
// it and on which tablet, what the merged order could not apply, and the merge a key holder records
// in words. The screen lists what the domain says (src/domain/dag.ts, merge.ts); it decides nothing.
import { Link, useNavigate } from 'react-router';
import type { BranchState, BranchStep } from '../../domain/dag';
import { describeEvent } from '../../domain/describe';
import { FORK_TITLE } from '../../domain/merge';
import { may } from '../../domain/permissions';
import { ROLE_LABELS } from '../../domain/stages';
import { ActionBar, Button, ErrorSummary, NotificationBanner, Textarea, WarningText } from '../components';
import { useCase } from '../data/CaseContext';
import { useDraftField } from '../data/drafts';
import { type FieldIds, useStep } from '../data/useStep';
import { formatDateTime } from '../format';
import { CaseHeader } from './CaseHeader';

export const MERGE_FIELDS = { reconciliation: 'reconciliation' } satisfies FieldIds;

/** "hillside-dsl-tablet-1", or "Tablet 2" (its place among the case's tablets) when it has no name. */
function tabletName(state: BranchState, step: BranchStep): string {
  return step.tablet ?? `Tablet ${state.devices.indexOf(step.device) + 1}`;
}

/** The banner on the case's task list while it is forked. */
export function BranchesNotice() {
  const { snapshot, caseId } = useCase();
  const state = snapshot.context.branches;
  if (!state?.forked) return null;
  return (
    <NotificationBanner title={FORK_TITLE}>
      <p className="app-body">
        Steps were added to this case on {state.heads.length} tablets while they could not see each other. Both are
        kept. The case cannot be closed until a key holder records how the two were reconciled (R14.2).
      </p>
      <p className="app-body">
        <Link className="app-link app-link--block" to={`/cases/${caseId}/branches`}>
          See both tablets’ steps and merge them
        </Link>
      </p>
    </NotificationBanner>
  );
}

function Branch({ state, steps, n }: { state: BranchState; steps: BranchStep[]; n: number }) {
  const { events, snapshot } = useCase();
  const persons = snapshot.context.facts.persons;
  return (
    <section aria-labelledby={`branch-${n}`}>
      <h2 className="app-heading-m" id={`branch-${n}`}>
        Branch {n}
      </h2>
      <ol className="app-list app-list--number" data-testid={`branch-${n}`}>
        {steps.map((s) => {
          const e = events.find((x) => x.id === s.eventId);
          const d = e ? describeEvent(e, persons) : null;
          // What the step says, as the chronology shows it: the branches are read before they are merged.
          return (
            <li key={s.eventId}>
              <strong dir="auto">{d?.title ?? s.type}</strong>
              <br />
              {s.by.name} ({ROLE_LABELS[s.by.role]}), on {tabletName(state, s)}, {formatDateTime(s.recordedAt)}
              {d?.lines.map((l, i) => (
                <span key={i} className="app-branch__line" dir="auto">
                  {l}
                </span>
              ))}
              {d?.why && (
                <span className="app-branch__line" dir="auto">
                  <strong>Why: </strong>
                  {d.why}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function BranchesPage() {
  const { snapshot, caseId, gateway, events } = useCase();
  const navigate = useNavigate();
  const c = snapshot.context;
  const state = c.branches;
  const step = useStep(MERGE_FIELDS, 'reconciliation');
  const [reconciliation, setReconciliation] = useDraftField('reconciliation', '');
  const mayMerge = may(gateway.actor.role, 'record:branches.merged');
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={step.errors} focusKey={step.attempt} />
      <h1 className="app-heading-l">{state?.forked ? FORK_TITLE : 'Steps recorded on several tablets'}</h1>
      {!state?.forked && (
        <p className="app-body">This case is not recorded on two tablets at once: there is nothing to merge.</p>
      )}
      {state?.forked && (
        <>
          <p className="app-body">
            These steps were recorded on different tablets while they could not see each other. Every step is kept;
            nothing on either branch is changed. Read both, decide how they fit together, and say so below.
          </p>
          {state.branches.map((b, i) => (
            <Branch key={b.head} state={state} steps={b.steps} n={i + 1} />
          ))}
        </>
      )}
      {state && state.decisionsMadeApart.length > 0 && (
        <WarningText>
          Two different decisions were made apart. Merging does not settle them: record a new decision that takes both
          into account (R7.2).
        </WarningText>
      )}
      {state && state.notApplied.length > 0 && (
        <section aria-labelledby="not-applied">
          <h2 className="app-heading-m" id="not-applied">
            Steps that do not fit the merged order
          </h2>
          <ul className="app-list">
            {state.notApplied.map((x) => {
              const e = events.find((y) => y.id === x.eventId);
              return (
                <li key={x.eventId}>
                  <strong>{e ? describeEvent(e, c.facts.persons).title : x.type}</strong>: {x.reasons.join(' ')}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {state?.forked && mayMerge && (
        <>
          <Textarea
            id="reconciliation"
            label="How were the two reconciled?"
            hint="For example: both notes stand; or: the referral recorded on the other tablet is the one that was made."
            value={reconciliation}
            onChange={setReconciliation}
            rows={5}
          />
          <ActionBar>
            <Button
              disabled={step.busy}
              onClick={async () => {
                const r = await step.submit({
                  type: 'branches.merged',
                  heads: state.heads,
                  reconciliation,
                  occurredAt: new Date().toISOString(),
                });
                if (r.ok) navigate(`/cases/${caseId}`);
              }}
            >
              Record the merge
            </Button>
          </ActionBar>
        </>
      )}
      {state?.forked && !mayMerge && (
        <p className="app-body">As {ROLE_LABELS[gateway.actor.role]} you cannot merge them. A key holder does this.</p>
      )}
      <p className="app-body">
        <Link className="app-link app-link--block" to={`/cases/${caseId}`}>
          Back to the case
        </Link>
      </p>
    </div>
  );
}
