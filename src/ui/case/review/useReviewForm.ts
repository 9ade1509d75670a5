// The initial review's answers as one draft (kept, encrypted, between its pages and across a lock)
// and everything the domain says about them: the proposal, the routes, whether the decision is an
// override, and its problems. The pages show these; none of them decides a rule.
import { useMemo } from 'react';
import { assess } from '../../../domain/rules/assess';
import { needsNoConsentReconsideration } from '../../../domain/rules/typology';
import { currentDecision, factsSetBack, referenceDate } from '../../../domain/case';
import { decisionOverride, recommendedRoutesFor } from '../../../domain/gates';
import { incidentDateProblem, textProblems } from '../../../domain/validation';
import type { ReviewAnswers } from '../../../domain/events';
import { withFactDefaults, type IncidentFacts, type RouteId, type Typology } from '../../../domain/types';
import type { FormError } from '../../components';
import { useDraftState } from '../../data/drafts';
import { reasonsToErrors, type FieldIds, type useStep } from '../../data/useStep';
import { nowLocalInput } from '../../format';
import { personFieldErrors } from '../../disclosure/disclosureDraft';
import { occurredAtIso, whenErrors } from '../OccurredAt';
import { QUESTIONS } from './sections';

export interface ReviewForm {
  facts: IncidentFacts;
  attendees: string;
  answers: ReviewAnswers;
  typologyChoice: 'proposed' | Typology;
  typologyReason: string;
  noConsent: string;
  routes: RouteId[] | null;
  routeReason: string;
  rationale: string;
  when: string;
  /** R4.5, R6.9: the consultation an override needs (absent in drafts saved before it was asked). */
  consultAgency?: 'mash' | 'police';
  consultWho?: string;
  consultAt?: string;
  consultAdvice?: string;
  /** R14.1: why an earlier answer is set back or a person removed. */
  changeReason?: string;
}

/** Where the review shows each answer the decision's reasons can name (src/domain/reasons.ts). */
export const REVIEW_FIELDS = {
  attendees: 'attendees',
  rationale: 'rationale',
  typologyReason: 'typology-reason',
  noConsentReconsidered: 'no-consent',
  routes: 'routes',
  routeReason: 'route-reason',
  // Shown only when the decision is an override, or sets an answer back; the reasons about them are
  // placed at the route reason and the rationale, which are always on the decision page, beside where they appear.
  consultation: 'route-reason',
  changeReason: 'rationale',
} satisfies FieldIds;

type Step = ReturnType<typeof useStep>;

export function useReviewForm(s: Step) {
  const c = s.snapshot.context;
  const previous = currentDecision(c);
  // One draft for the whole meeting, kept (encrypted) as it is typed: on each "Continue", when
  // typing pauses, when the DSL leaves by any link, when the tab is hidden, and if the app locks.
  const draft = useDraftState<ReviewForm>(
    `review:${s.caseId}`,
    () => ({
      facts: c.facts,
      attendees: previous?.attendees.join('\n') ?? '',
      answers: previous?.answers ?? {},
      typologyChoice: 'proposed',
      typologyReason: '',
      noConsent: '',
      routes: null,
      routeReason: '',
      rationale: '',
      when: nowLocalInput(),
    }),
    { keepAsTyped: true },
  );
  const f = draft.value;
  const set =
    <K extends keyof ReviewForm>(k: K) =>
    (v: ReviewForm[K]) =>
      draft.set((x) => ({ ...x, [k]: v }));
  // A draft kept from before a question was added reads that answer "not known yet".
  const facts = useMemo(() => withFactDefaults(f.facts), [f.facts]);
  const consult = {
    agency: f.consultAgency ?? 'mash',
    who: f.consultWho ?? '',
    at: f.consultAt ?? nowLocalInput(),
    advice: f.consultAdvice ?? '',
  };
  const changeReason = f.changeReason ?? '';

  // Ages on the incident date as answered here (issue 11 item 6), else the disclosure's.
  const ref = referenceDate({ ...c, facts });
  const proposal = useMemo(() => assess(facts, { referenceDate: ref }), [facts, ref]);
  const typology: Typology = f.typologyChoice === 'proposed' ? proposal.proposed.typology : f.typologyChoice;
  const assessment = useMemo(
    () => assess(facts, { confirmedTypology: typology, referenceDate: ref }),
    [facts, typology, ref],
  );
  const recommended = useMemo(() => recommendedRoutesFor(c, facts, typology), [c, facts, typology]);
  const chosen = f.routes ?? recommended;
  const reconsider = needsNoConsentReconsideration(facts, typology);
  // The domain says whether this is an override (R4.5, R6.9) and what it sets back (R14.1).
  const override = decisionOverride(c, { routes: chosen, typology }, facts);
  const isOverride = override.routes.length > 0 || override.escalation;
  const setBack = factsSetBack(c, facts);
  const attendees = f.attendees
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

  const decisionDraft = () => ({
    type: 'review.decided' as const,
    occurredAt: occurredAtIso(f.when),
    facts,
    decision: {
      decisionId: `d-${crypto.randomUUID()}`,
      attendees,
      answers: f.answers,
      proposedTypology: proposal.proposed.typology,
      typology,
      ...(typology !== proposal.proposed.typology && { typologyReason: f.typologyReason }),
      ...(reconsider && { noConsentReconsidered: f.noConsent }),
      recommendedRoutes: recommended,
      routes: chosen,
      ...(f.routeReason.trim() && { routeReason: f.routeReason }),
      rationale: f.rationale,
      ...(isOverride && {
        consultation: {
          agency: consult.agency,
          who: consult.who,
          at: occurredAtIso(consult.at),
          advice: consult.advice,
        },
      }),
    },
    ...(setBack.length > 0 && { changeReason }),
  });

  // The domain's checks (src/domain/validation.ts): each person's name and age, every answer's
  // length, and a decision neither in the future nor before the disclosure.
  const disclosedAt = c.disclosure?.disclosedAt;
  const fieldErrors = (): FormError[] => {
    const errs: FormError[] = [
      ...whenErrors(
        f.when,
        'occurred-at',
        new Date(),
        disclosedAt ? { iso: disclosedAt, what: 'you were told about it (the disclosure)' } : undefined,
      ),
    ];
    const incident = incidentDateProblem(facts.incidentDate, { disclosedAt });
    if (incident) errs.push({ fieldId: 'incident-date-date', text: incident });
    facts.persons.forEach((p, i) => errs.push(...personFieldErrors(p, i, new Date(), ref)));
    const texts = textProblems({
      attendees: f.attendees,
      ...Object.fromEntries(QUESTIONS.map((q) => [`answer-${q.key}`, f.answers[q.key]])),
      'typology-reason': f.typologyReason,
      'no-consent': f.noConsent,
      'route-reason': f.routeReason,
      rationale: f.rationale,
      'consult-who': consult.who,
      'consult-advice': consult.advice,
      'change-reason': changeReason,
    });
    if (isOverride) errs.push(...whenErrors(consult.at, 'consult-at'));
    for (const x of texts) errs.push({ fieldId: x.field, text: x.text });
    return errs;
  };

  /** Every problem with the answers so far: the form's checks, then the domain's reasons for refusing the decision. */
  const problems = (): FormError[] => {
    const errs = fieldErrors();
    const why = s.preview(decisionDraft());
    const named = new Set(errs.map((e) => e.fieldId));
    return why.allowed
      ? errs
      : [...errs, ...reasonsToErrors(why.reasons, REVIEW_FIELDS, 'rationale').filter((e) => !named.has(e.fieldId))];
  };

  return {
    draft,
    form: f,
    set,
    facts,
    consult,
    changeReason,
    attendees,
    proposal,
    typology,
    assessment,
    recommended,
    chosen,
    reconsider,
    override,
    isOverride,
    setBack,
    decisionDraft,
    fieldErrors,
    problems,
  };
}

export type Review = ReturnType<typeof useReviewForm>;
