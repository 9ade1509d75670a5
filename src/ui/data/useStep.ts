// Record one step from a form: ask the domain first (explainEvent), show its reasons if it says
// no, otherwise record. The screens never re-check a rule themselves.
import { useContext, useState } from 'react';
import { useLocation } from 'react-router';
import { DraftContext, discardDraftsFor } from './drafts';
import { explainEvent, RejectedEventError } from '../../domain/machine';
import type { CaseEvent } from '../../domain/events';
import type { FormError } from '../components';
import { type FieldIds, reasonsToErrors } from './reasonFields';
import { withTooLong } from '../components/form/limits';
import type { EventDraft, TwoKeyHolders } from './gateway';
import { RefusedError } from './vault';
import { StorageError } from '../../storage/errors';
import { clockTime } from '../format';

/** Where a refusal of the two key holders' passphrases is shown (the retention screen's fields). */
const REFUSED_FIELDS: Partial<Record<RefusedError['field'], string>> = {
  passphrase: 'own-passphrase',
  'second-user': 'second-user',
  'second-passphrase': 'second-passphrase',
};
import { useCase } from './CaseContext';

export { type FieldIds, fieldIdFor, reasonsToErrors } from './reasonFields';

/** Said first when a step is refused after another tablet's steps reached the open page. */
export function movedOnText(at: string): string {
  return `This case was updated from another tablet at ${clockTime(at)}, while this page was open, and this step no longer fits it (below). What you typed is still here.`;
}

export interface StepResult {
  ok: boolean;
}

export function useStep(fields: FieldIds = {}, fallback = 'main-content') {
  const c = useCase();
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const drafts = useContext(DraftContext);
  const { pathname } = useLocation();
  // Another tablet's steps that reached this page while it was open: a refusal then says why plainly.
  const [openedWith] = useState(c.updatedElsewhereAt);
  const refusedBecause = (errors: FormError[]): FormError[] =>
    c.updatedElsewhereAt && c.updatedElsewhereAt !== openedWith
      ? [{ fieldId: fallback, text: movedOnText(c.updatedElsewhereAt) }, ...errors]
      : errors;

  /** Would the machine accept this draft now? */
  const preview = (draft: EventDraft) => {
    const event = {
      ...draft,
      id: 'preview',
      actor: c.gateway.actor,
      recordedAt: new Date().toISOString(),
    } as CaseEvent;
    return explainEvent(c.snapshot, event);
  };

  const submit = async (draft: EventDraft, formErrors: FormError[] = [], keys?: TwoKeyHolders): Promise<StepResult> => {
    setAttempt((n) => n + 1);
    // Any answer on the page over its size limit is named too: nothing is recorded until it is shorter.
    const fieldErrors = typeof document === 'undefined' ? formErrors : withTooLong(formErrors);
    if (fieldErrors.length > 0) {
      setErrors(fieldErrors);
      return { ok: false };
    }
    const why = preview(draft);
    if (!why.allowed) {
      setErrors(refusedBecause(reasonsToErrors(why.reasons, fields, fallback)));
      return { ok: false };
    }
    setBusy(true);
    try {
      await c.record(draft, keys);
      setErrors([]);
      await discardDraftsFor(drafts, pathname);
      return { ok: true };
    } catch (e) {
      if (e instanceof RejectedEventError)
        setErrors(refusedBecause(reasonsToErrors(e.explanation.reasons, fields, fallback)));
      else if (e instanceof RefusedError && REFUSED_FIELDS[e.field])
        setErrors([{ fieldId: REFUSED_FIELDS[e.field]!, text: e.message }]);
      else {
        const message = e instanceof Error ? e.message : String(e);
        // Storage's own messages say the step was not saved (storage full, write stopped): shown as they are.
        const saysNotSaved = e instanceof StorageError && e.saysNotSaved;
        setErrors([{ fieldId: 'main-content', text: saysNotSaved ? message : `Nothing was saved: ${message}` }]);
      }
      return { ok: false };
    } finally {
      setBusy(false);
    }
  };

  return { ...c, errors, setErrors, attempt, busy, submit, preview };
}
