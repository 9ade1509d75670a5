// Closing the case: what it still owes the policy, then the closing summary.
import { explainClosing } from '../../../domain/gates';
import { owedToPolicy } from '../../../domain/owed';
import { OwedList } from '../OwedList';
import { ActionBar, Button, Textarea } from '../../components';
import { type FieldIds } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { StepPage } from '../StepPage';
import { usePage } from './usePage';

export const CLOSE_FIELDS = { summary: 'summary' } satisfies FieldIds;

export function ClosePage() {
  const s = usePage(CLOSE_FIELDS);
  const c = s.snapshot.context;
  const closing = explainClosing(c);
  const owed = owedToPolicy(c).filter((x) => x.blocks.includes('close'));
  const [summary, setSummary] = useDraftField('summary', '');
  return (
    <StepPage title="Close the case" s={s}>
      {closing.allowed ? (
        <p className="app-body">Everything the policy asks for is recorded. Write a closing summary.</p>
      ) : (
        <>
          <p className="app-body">
            Before the case can be closed, what it still owes the policy, and where each is done:
          </p>
          <OwedList caseId={s.caseId} items={owed} />
        </>
      )}
      <Textarea
        id="summary"
        label="Closing summary"
        hint="What was done, and how the young people are now."
        value={summary}
        onChange={setSummary}
        rows={5}
      />
      <ActionBar>
        <Button
          disabled={s.busy || !closing.allowed}
          onClick={async () => {
            const r = await s.submit({ type: 'case.closed', summary, occurredAt: new Date().toISOString() });
            if (r.ok) s.back();
          }}
        >
          Close the case
        </Button>
      </ActionBar>
    </StepPage>
  );
}
