// Placing or lifting a legal hold on a case's record (docs/SECURITY.md item 13): while held, nothing may be destroyed.
import { retentionFacts } from '../../../domain/retention';
import { Button, ButtonGroup, ErrorSummary, InsetText, Textarea } from '../../components';
import { type FieldIds, useStep } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { formatDateTime } from '../../format';

/** Where the retention forms show each answer their steps' reasons can name (src/domain/reasons.ts). */
export const HOLD_FIELDS = { reason: 'hold-reason' } satisfies FieldIds;

export function HoldForm() {
  const s = useStep(HOLD_FIELDS, 'hold-reason');
  const [reason, setReason] = useDraftField('hold-reason', '');
  const hold = retentionFacts(s.snapshot.context).hold;
  return (
    <section aria-labelledby="hold-heading">
      <h2 className="app-heading-m" id="hold-heading">
        Legal hold
      </h2>
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      {hold ? (
        <>
          <InsetText>
            On legal hold since {formatDateTime(hold.since)}. Why: {hold.reason}
          </InsetText>
          <p className="app-body">While the hold stands the case cannot be reviewed or destroyed.</p>
          <Textarea
            id="hold-reason"
            label="Why is the hold lifted?"
            hint="For example, who told you it is no longer needed, and when."
            value={reason}
            onChange={setReason}
            rows={3}
          />
          <ButtonGroup>
            <Button
              variant="secondary"
              disabled={s.busy}
              onClick={async () => {
                if ((await s.submit({ type: 'legal-hold.lifted', reason, occurredAt: new Date().toISOString() })).ok)
                  setReason('');
              }}
            >
              Lift the legal hold
            </Button>
          </ButtonGroup>
        </>
      ) : (
        <>
          <p className="app-body">
            A legal hold freezes the case: it cannot be reviewed or destroyed until you lift the hold. Put one on when
            the police, a court, an inquiry or a claim may need the record kept.
          </p>
          <Textarea
            id="hold-reason"
            label="Why is the case on hold?"
            hint="Who asked, and their reference."
            value={reason}
            onChange={setReason}
            rows={3}
          />
          <ButtonGroup>
            <Button
              variant="secondary"
              disabled={s.busy}
              onClick={async () => {
                if ((await s.submit({ type: 'legal-hold.set', reason, occurredAt: new Date().toISOString() })).ok)
                  setReason('');
              }}
            >
              Put the case on legal hold
            </Button>
          </ButtonGroup>
        </>
      )}
    </section>
  );
}
