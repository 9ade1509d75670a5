// The initial review meeting (R5), used live with colleagues in the room, as question pages: who
// is there, the people, what is known, the meeting's questions, the decision; each page with its
// own "Continue" and the "policy says" panel beside it, the answers kept as a draft as they are
// typed (whichever way the DSL leaves); then "check your answers", and the decision recorded. The domain proposes, checks and explains;
// this page shows what it says.
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isReferralDecision } from '../../domain/rules/routes';
import { Button, NotificationBanner, type FormError } from '../components';
import { withTooLong } from '../components/form/limits';
import { useStep } from '../data/useStep';
import { CheckAnswers } from './review/CheckAnswers';
import { DecisionSection } from './review/DecisionSection';
import { FactsSection, MeetingSection, PeopleSection, QuestionsSection } from './review/FactSections';
import { ReviewLayout } from './review/ReviewLayout';
import {
  SECTIONS,
  isReviewPage,
  nextPage,
  previousPage,
  reviewPath,
  sectionOf,
  type SectionId,
} from './review/sections';
import { REVIEW_FIELDS, useReviewForm } from './review/useReviewForm';

export { REVIEW_FIELDS };

const SECTION_FORMS: Record<SectionId, typeof MeetingSection> = {
  meeting: MeetingSection,
  people: PeopleSection,
  facts: FactsSection,
  questions: QuestionsSection,
  decision: DecisionSection,
};

export function InitialReviewPage() {
  const s = useStep(REVIEW_FIELDS, 'rationale');
  const navigate = useNavigate();
  // The part is in the query (?part=people), not the path: the app remounts a screen when its path
  // changes, and the answers and any errors stay in this one component across the review's pages.
  const [params] = useSearchParams();
  const part = params.get('part') ?? undefined;
  const page = isReviewPage(part) ? part : 'meeting';
  const r = useReviewForm(s);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [notKept, setNotKept] = useState(false);

  /** Errors on another page of the review link to that page. */
  const placed = (errs: FormError[], here: SectionId | 'check') =>
    errs.map((e) => (sectionOf(e.fieldId) === here ? e : { ...e, href: reviewPath(s.caseId, sectionOf(e.fieldId)) }));
  const refuse = (errs: FormError[]) => {
    setErrors(errs);
    setAttempt((n) => n + 1);
  };

  /** This page's answers as the domain judges them; on, with the draft kept, if they hold. */
  const proceed = async (here: SectionId) => {
    const all = withTooLong(r.problems());
    // Each page answers for its own questions; the decision page for everything still wrong.
    const shown = here === 'decision' ? all : all.filter((e) => sectionOf(e.fieldId) === here);
    if (shown.length > 0) return refuse(placed(shown, here));
    setErrors([]);
    setNotKept(!(await r.draft.keep()));
    await navigate(reviewPath(s.caseId, nextPage(here)));
  };

  const commit = async () => {
    const d = r.decisionDraft();
    const result = await s.submit(d, r.fieldErrors());
    if (result.ok) {
      await r.draft.discard();
      await navigate(`/cases/${s.caseId}/${isReferralDecision(d.decision.routes) ? 'referrals' : ''}`);
    }
  };

  const banner = (
    <>
      {r.draft.restored && page === 'meeting' && (
        <NotificationBanner heading="Your answers so far have been restored. Nothing is recorded until you check them and record the decision." />
      )}
      {notKept && (
        <NotificationBanner heading="Your answers could not be saved on this tablet just now. They are still here while this page is open." />
      )}
    </>
  );
  const back = previousPage(page);

  if (page === 'check') {
    // The record step's own refusals (storage, the machine) come back through useStep.
    const shown = s.errors.length > 0 ? placed(s.errors, 'check') : errors;
    return (
      <ReviewLayout
        page="check"
        title="Check your answers before recording the decision"
        back={back && reviewPath(s.caseId, back)}
        errors={shown}
        attempt={attempt + s.attempt}
        actions={
          <>
            <Button disabled={s.busy} onClick={commit}>
              Record the decision
            </Button>
            <Button variant="secondary" onClick={() => void navigate(reviewPath(s.caseId, 'decision'))}>
              Change your answers
            </Button>
          </>
        }
      >
        <CheckAnswers r={r} caseId={s.caseId} />
      </ReviewLayout>
    );
  }

  const Form = SECTION_FORMS[page];
  const title = SECTIONS.find((x) => x.id === page)!.title;
  return (
    <ReviewLayout
      page={page}
      title={title}
      back={back && reviewPath(s.caseId, back)}
      errors={errors}
      attempt={attempt}
      assessment={r.assessment}
      banner={banner}
      actions={
        <Button onClick={() => void proceed(page)}>
          {page === 'decision' ? 'Continue to check your answers' : 'Continue'}
        </Button>
      }
    >
      <Form r={r} errors={errors} />
    </ReviewLayout>
  );
}
