// The frame of a step's page (the case header, the error summary, the heading), and the bar that
// ends it: when it happened, and the one button that records it.
import type { ReactNode } from 'react';
import { ActionBar, Button, ErrorSummary, type FormError } from '../components';
import type { EventDraft } from '../data/gateway';
import type { StepResult } from '../data/useStep';
import { CaseHeader } from './CaseHeader';
import { OccurredAt, whenErrors } from './OccurredAt';

interface StepState {
  errors: FormError[];
  attempt: number;
  busy?: boolean;
}

interface RecordingStep extends StepState {
  submit: (draft: EventDraft, formErrors?: FormError[]) => Promise<StepResult>;
}

export function StepPage({ title, s, children }: { title: ReactNode; s: StepState; children: ReactNode }) {
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">{title}</h1>
      {children}
    </div>
  );
}

/**
 * When it happened (its error placed at the field), then the button that records the step: the
 * form's own checks and the time's go with the draft to the domain, and `onRecorded` once it is.
 */
export function RecordBar({
  s,
  when,
  onWhen,
  label,
  variant,
  draft,
  checks,
  onRecorded,
}: {
  s: RecordingStep;
  when: string;
  onWhen: (v: string) => void;
  label: ReactNode;
  variant?: 'warning';
  draft: () => EventDraft;
  /** The form's own problems (a choice not made), besides the time's. */
  checks?: () => FormError[];
  onRecorded: () => unknown;
}) {
  const save = async () => {
    const r = await s.submit(draft(), [...whenErrors(when), ...(checks?.() ?? [])]);
    if (r.ok) await onRecorded();
  };
  return (
    <>
      <OccurredAt value={when} onChange={onWhen} error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text} />
      <ActionBar>
        <Button variant={variant ?? 'primary'} disabled={s.busy} onClick={() => void save()}>
          {label}
        </Button>
      </ActionBar>
    </>
  );
}
