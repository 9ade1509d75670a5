// The initial review meeting (R5), used live with colleagues in the room: the facts, the nine
// questions, the "policy says" panel updating as answers change, then the DSL's decision,
// checked on "check your answers" before it is committed.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { assess } from '../../domain/rules/assess';
import { isReferralDecision } from '../../domain/rules/routes';
import { needsNoConsentReconsideration } from '../../domain/rules/typology';
import { currentDecision, factsSetBack, referenceDate } from '../../domain/case';
import { decisionOverride, recommendedRoutesFor } from '../../domain/gates';
import type { ReviewAnswerKey, ReviewAnswers } from '../../domain/events';
import {
  ROUTE_IDS,
  withFactDefaults,
  type IncidentFacts,
  type RouteId,
  type Spread,
  type Typology,
} from '../../domain/types';
import {
  ActionBar,
  Button,
  Checkboxes,
  ErrorSummary,
  NotificationBanner,
  Radios,
  Select,
  SummaryList,
  Textarea,
  TextInput,
  type FormError,
} from '../components';
import { type FieldIds, useStep } from '../data/useStep';
import { useDraftState } from '../data/drafts';
import { useSettings } from '../data/settings';
import { nowLocalInput } from '../format';
import { FactsQuestions } from '../policy/FactsQuestions';
import { ROUTE_LABELS, triText, FACT_QUESTIONS } from '../policy/labels';
import { PersonEditor, newPerson } from '../policy/PersonEditor';
import { personEditorErrors, personFieldErrors } from '../disclosure/DisclosureFields';
import { IncidentDateField } from '../policy/DateOrNotKnown';
import { incidentDateProblem } from '../../domain/validation';
import { textProblems } from '../../domain/validation';
import { PolicySays, PolicySummaryBar } from '../policy/PolicySays';
import { CaseHeader } from './CaseHeader';
import { OccurredAt, occurredAtIso, whenErrors } from './OccurredAt';

interface ReviewForm {
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

const QUESTIONS: { key: ReviewAnswerKey; rule: string; label: string; hint?: string }[] = [
  { key: 'immediateRisk', rule: 'R5.1', label: 'Is there an immediate risk to a young person? What do you know?' },
  {
    key: 'referral',
    rule: 'R5.2',
    label: 'Should a referral be made to the MASH and/or the police? What did the meeting say?',
    hint: 'Your decision below records the routes; the policy panel shows what it recommends and why.',
  },
  {
    key: 'viewingNeeded',
    rule: 'R5.3',
    label: 'Is it necessary to view the imagery to safeguard the young person?',
    hint: 'In most cases, imagery should not be viewed.',
  },
  {
    key: 'furtherInformation',
    rule: 'R5.4',
    label: 'What further information is needed to decide on the best response?',
  },
  {
    key: 'spread',
    rule: 'R5.5',
    label: 'Has it been shared widely, and on which services or platforms?',
    hint: 'This may not be known.',
  },
  {
    key: 'immediateDeletion',
    rule: 'R5.6',
    label: 'Should immediate action be taken to delete or remove images?',
    hint: 'Deletion itself waits for a signed decision not to involve other agencies (R12.1); reporting for removal can happen now (R15).',
  },
  { key: 'relevantFacts', rule: 'R5.7', label: 'Relevant facts about the young people that influence risk' },
  {
    key: 'contactOthers',
    rule: 'R5.8',
    label: 'Is there a need to contact another school, college, setting or person?',
  },
  { key: 'contactParents', rule: 'R5.9', label: 'Should parents or carers be contacted?', hint: 'In most cases, yes.' },
];

/** Where this page shows each answer the decision's reasons can name (src/domain/reasons.ts). */
export const REVIEW_FIELDS = {
  attendees: 'attendees',
  rationale: 'rationale',
  typologyReason: 'typology-reason',
  noConsentReconsidered: 'no-consent',
  routes: 'routes',
  routeReason: 'route-reason',
  // Shown only when the decision is an override, or sets an answer back; the reasons about them are
  // placed at the route reason and the rationale, which are always on the page, beside where they appear.
  consultation: 'route-reason',
  changeReason: 'rationale',
} satisfies FieldIds;

export function InitialReviewPage() {
  const s = useStep(REVIEW_FIELDS, 'rationale');
  const navigate = useNavigate();
  const settings = useSettings();
  const c = s.snapshot.context;
  const previous = currentDecision(c);
  // One draft for the whole meeting: kept, encrypted, if the app locks mid-meeting.
  const draft = useDraftState<ReviewForm>(`review:${s.caseId}`, () => ({
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
  }));
  const f = draft.value;
  const field =
    <K extends keyof ReviewForm>(k: K) =>
    (v: ReviewForm[K]) =>
      draft.set((x) => ({ ...x, [k]: v }));
  const { attendees, answers, typologyChoice, typologyReason, noConsent, routes, routeReason, rationale, when } = f;
  // A draft kept from before a question was added reads that answer "not known yet".
  const facts = useMemo(() => withFactDefaults(f.facts), [f.facts]);
  const setFacts = field('facts');
  const setAttendees = field('attendees');
  const setAnswers = field('answers');
  const setTypologyChoice = field('typologyChoice');
  const setTypologyReason = field('typologyReason');
  const setNoConsent = field('noConsent');
  const setRoutes = field('routes');
  const setRouteReason = field('routeReason');
  const setRationale = field('rationale');
  const setWhen = field('when');
  const consultAgency = f.consultAgency ?? 'mash';
  const consultWho = f.consultWho ?? '';
  const consultAt = f.consultAt ?? nowLocalInput();
  const consultAdvice = f.consultAdvice ?? '';
  const changeReason = f.changeReason ?? '';
  const [checking, setChecking] = useState(false);

  // Ages on the incident date as answered here (issue 11 item 6), else the disclosure's.
  const ref = referenceDate({ ...c, facts });
  const proposal = useMemo(() => assess(facts, { referenceDate: ref }), [facts, ref]);
  const typology: Typology = typologyChoice === 'proposed' ? proposal.proposed.typology : typologyChoice;
  const assessment = useMemo(
    () => assess(facts, { confirmedTypology: typology, referenceDate: ref }),
    [facts, typology, ref],
  );
  const recommended = useMemo(() => recommendedRoutesFor(c, facts, typology), [c, facts, typology]);
  const offered = new Set(assessment.routes.routes.map((r) => r.route));
  const chosen = routes ?? recommended;
  const reconsider = needsNoConsentReconsideration(facts, typology);
  // The domain says whether this is an override (R4.5, R6.9) and what it sets back (R14.1).
  const override = decisionOverride(c, { routes: chosen, typology }, facts);
  const isOverride = override.routes.length > 0 || override.escalation;
  const setBack = factsSetBack(c, facts);

  const decisionDraft = () => ({
    type: 'review.decided' as const,
    occurredAt: occurredAtIso(when),
    facts,
    decision: {
      decisionId: `d-${crypto.randomUUID()}`,
      attendees: attendees
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
      answers,
      proposedTypology: proposal.proposed.typology,
      typology,
      ...(typology !== proposal.proposed.typology && { typologyReason }),
      ...(reconsider && { noConsentReconsidered: noConsent }),
      recommendedRoutes: recommended,
      routes: chosen,
      ...(routeReason.trim() && { routeReason }),
      rationale,
      ...(isOverride && {
        consultation: { agency: consultAgency, who: consultWho, at: occurredAtIso(consultAt), advice: consultAdvice },
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
        when,
        'occurred-at',
        new Date(),
        disclosedAt ? { iso: disclosedAt, what: 'you were told about it (the disclosure)' } : undefined,
      ),
    ];
    const incident = incidentDateProblem(facts.incidentDate, { disclosedAt });
    if (incident) errs.push({ fieldId: 'incident-date-date', text: incident });
    facts.persons.forEach((p, i) => errs.push(...personFieldErrors(p, i, new Date(), ref)));
    const texts = textProblems({
      attendees,
      ...Object.fromEntries(QUESTIONS.map((q) => [`answer-${q.key}`, answers[q.key]])),
      'typology-reason': typologyReason,
      'no-consent': noConsent,
      'route-reason': routeReason,
      rationale,
      'consult-who': consultWho,
      'consult-advice': consultAdvice,
      'change-reason': changeReason,
    });
    if (isOverride) errs.push(...whenErrors(consultAt, 'consult-at'));
    for (const x of texts) errs.push({ fieldId: x.field, text: x.text });
    return errs;
  };
  const personErrors = (i: number) => personEditorErrors(s.errors, i);
  const fieldError = (id: string) => s.errors.find((x) => x.fieldId === id)?.text;

  const toCheck = () => {
    const fe = fieldErrors();
    const why = s.preview(decisionDraft());
    if (fe.length > 0 || !why.allowed) {
      void s.submit(decisionDraft(), fe);
      return;
    }
    s.setErrors([]);
    setChecking(true);
    window.scrollTo(0, 0);
  };

  const commit = async () => {
    const d = decisionDraft();
    if ((await s.submit(d, fieldErrors())).ok) {
      await draft.discard();
      navigate(`/cases/${s.caseId}/${isReferralDecision(d.decision.routes) ? 'referrals' : ''}`);
    }
  };

  const phones = { mashName: settings.mashName, mashPhone: settings.mashPhone };

  if (checking) {
    return (
      <div className="app-page">
        <CaseHeader />
        <ErrorSummary errors={s.errors} focusKey={s.attempt} />
        <h1 className="app-heading-l">Check your answers before recording the decision</h1>
        <SummaryList
          rows={[
            { key: 'Attended', value: attendees.split('\n').filter(Boolean).join(', ') },
            {
              key: 'People involved',
              // Each name isolated (<bdi>): names in different scripts keep their own direction and order.
              value: facts.persons.map((p, i) => (
                <span key={p.id}>
                  {i > 0 && ', '}
                  <bdi>{p.name}</bdi>
                </span>
              )),
            },
            ...FACT_QUESTIONS.map((q) => ({ key: q.question, value: triText(facts[q.key]) })),
            {
              key: 'Local risk tool',
              value: facts.riskTool ? `${facts.riskTool.tool}: ${facts.riskTool.level}` : 'Not applied yet',
            },
            ...QUESTIONS.filter((q) => answers[q.key]).map((q) => ({
              key: `${q.label} (${q.rule})`,
              value: answers[q.key],
            })),
            { key: 'The app proposed', value: proposal.proposed.typology },
            { key: 'Your typology', value: `${typology}${typologyReason ? `. Why: ${typologyReason}` : ''}` },
            ...(reconsider ? [{ key: 'Reconsidered (no consent)', value: noConsent }] : []),
            { key: 'Recommended routes', value: recommended.map((r) => ROUTE_LABELS[r].title).join('; ') || 'None' },
            { key: 'Your routes', value: chosen.map((r) => ROUTE_LABELS[r].title).join('; ') },
            ...(routeReason ? [{ key: 'Why your routes differ', value: routeReason }] : []),
            ...(isOverride
              ? [
                  {
                    key: 'Override: who was consulted, when, what they advised',
                    value: `${consultWho} (${consultAgency === 'mash' ? 'the MASH' : 'the police'}), ${consultAt.replace('T', ' ')}: ${consultAdvice}`,
                  },
                ]
              : []),
            ...(setBack.length > 0 ? [{ key: 'Why earlier answers change', value: changeReason }] : []),
            { key: 'Reasons for the decision', value: rationale },
          ]}
        />
        {isOverride && (
          <p className="app-body">
            <strong>This decision goes against the policy (an override).</strong> It stands only with the consultation
            recorded and the Headteacher’s sign-off, by someone other than you (R4.5, R14.3).
          </p>
        )}
        {!isReferralDecision(chosen) && (
          <p className="app-body">
            <strong>This decision does not refer the incident.</strong> It will need the Headteacher’s sign-off (R14.3).
            Sign-off never delays urgent action.
          </p>
        )}
        <ActionBar>
          <Button disabled={s.busy} onClick={commit}>
            Record the decision
          </Button>
          <Button variant="secondary" onClick={() => setChecking(false)}>
            Change your answers
          </Button>
        </ActionBar>
      </div>
    );
  }

  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Initial review meeting</h1>
      {draft.restored && (
        <NotificationBanner heading="Your unsaved answers from before the app locked have been restored." />
      )}
      <PolicySummaryBar assessment={assessment} />
      <div className="app-split">
        <div>
          <Textarea
            id="attendees"
            label="Who is at the meeting?"
            hint="One person per line, with their role."
            value={attendees}
            onChange={setAttendees}
            rows={3}
          />
          <IncidentDateField
            value={facts.incidentDate}
            onChange={(incidentDate) => setFacts({ ...facts, incidentDate })}
            error={fieldError('incident-date-date')}
          />
          <h2 className="app-heading-m">The people involved</h2>
          {facts.persons.map((p, i) => (
            <PersonEditor
              key={p.id}
              person={p}
              index={i}
              detail="full"
              errors={personErrors(i)}
              onChange={(np) => setFacts({ ...facts, persons: facts.persons.map((x) => (x.id === p.id ? np : x)) })}
              onRemove={
                facts.persons.length > 1
                  ? () => setFacts({ ...facts, persons: facts.persons.filter((x) => x.id !== p.id) })
                  : undefined
              }
            />
          ))}
          <Button
            variant="secondary"
            onClick={() => setFacts({ ...facts, persons: [...facts.persons, newPerson(`p-${crypto.randomUUID()}`)] })}
          >
            Add another person
          </Button>
          <h2 className="app-heading-m">What is known</h2>
          <FactsQuestions facts={facts} onChange={setFacts} riskTools={settings.riskTools} />
          <Select
            id="spread"
            label="How far has it spread?"
            options={[
              { value: 'unknown', label: 'Not known yet' },
              { value: 'contained', label: 'Not shared beyond those involved' },
              { value: 'limited', label: 'Shared with a few people' },
              { value: 'wide', label: 'Shared widely' },
            ]}
            value={facts.spread}
            onChange={(v) => setFacts({ ...facts, spread: v as Spread })}
          />
          <TextInput
            id="platforms"
            label="Services or platforms"
            hint="Separate with commas, for example Snapchat, AirDrop."
            value={facts.platforms.join(', ')}
            onChange={(v) =>
              setFacts({
                ...facts,
                platforms: v
                  .split(',')
                  .map((x) => x.trim())
                  .filter(Boolean),
              })
            }
          />
          <h2 className="app-heading-m">The meeting’s questions (R5)</h2>
          {QUESTIONS.map((q) => (
            <Textarea
              key={q.key}
              id={`answer-${q.key}`}
              label={`${q.label} (${q.rule})`}
              hint={q.hint}
              value={answers[q.key] ?? ''}
              onChange={(v) => setAnswers({ ...answers, [q.key]: v })}
              rows={2}
            />
          ))}
          <h2 className="app-heading-m">Your decision</h2>
          <Radios
            id="typology"
            legend="Is the incident experimental or aggravated?"
            hint={`The app proposes ${proposal.proposed.typology}. You make the final classification (R2.3).`}
            items={[
              { value: 'proposed', label: `As proposed: ${proposal.proposed.typology}` },
              {
                value: proposal.proposed.typology === 'aggravated' ? 'experimental' : 'aggravated',
                label: proposal.proposed.typology === 'aggravated' ? 'Experimental' : 'Aggravated',
              },
            ]}
            value={typologyChoice === proposal.proposed.typology ? 'proposed' : typologyChoice}
            onChange={(v) => {
              setTypologyChoice(v as 'proposed' | Typology);
              setRoutes(null);
            }}
          />
          {typology !== proposal.proposed.typology && (
            <Textarea
              id="typology-reason"
              label={`Why do you judge it ${typology}?`}
              value={typologyReason}
              onChange={setTypologyReason}
              rows={3}
            />
          )}
          {reconsider && (
            <Textarea
              id="no-consent"
              label="The imagery was shared without consent. The policy treats that as aggravated (R2.4). Please reconsider: why do you still judge it experimental?"
              value={noConsent}
              onChange={setNoConsent}
              rows={3}
            />
          )}
          <Checkboxes
            id="routes"
            legend="Which routes will you take?"
            hint="The policy’s recommendations are ticked. You may choose otherwise: say why below."
            items={ROUTE_IDS.map((r) => ({
              value: r,
              label: ROUTE_LABELS[r].title,
              hint: recommended.includes(r)
                ? 'Recommended by the policy'
                : offered.has(r)
                  ? 'Allowed'
                  : r === 'school-manage'
                    ? 'Not offered: a trigger is present or not yet known'
                    : undefined,
            }))}
            values={chosen}
            onChange={(v) => setRoutes(v as RouteId[])}
          />
          <Textarea
            id="route-reason"
            label="If your routes differ from the recommendation, why?"
            value={routeReason}
            onChange={setRouteReason}
            rows={3}
          />
          {isOverride && (
            <fieldset className="app-fieldset" aria-describedby="override-hint">
              <legend className="app-fieldset__legend">This is an override: who did you consult?</legend>
              <p className="app-hint" id="override-hint">
                {override.routes.length > 0
                  ? `The policy asks for this now: ${override.routes.map((r) => ROUTE_LABELS[r].title).join('; ')}. `
                  : 'The case was escalated and this decision makes no referral. '}
                Going against it needs who at the MASH or the police you consulted, when, and what they advised; the
                Headteacher then signs it off (R4.5, R14.3).
              </p>
              <Radios
                id="consult-agency"
                legend="Which agency?"
                items={[
                  { value: 'mash', label: 'The MASH' },
                  { value: 'police', label: 'The police' },
                ]}
                value={consultAgency}
                onChange={(v) => field('consultAgency')(v as 'mash' | 'police')}
              />
              <TextInput
                id="consult-who"
                label="Who did you speak to?"
                value={consultWho}
                onChange={field('consultWho')}
              />
              <OccurredAt
                id="consult-at"
                value={consultAt}
                onChange={field('consultAt')}
                label="When?"
                error={fieldError('consult-at')}
              />
              <Textarea
                id="consult-advice"
                label="What did they advise?"
                value={consultAdvice}
                onChange={field('consultAdvice')}
                rows={3}
              />
            </fieldset>
          )}
          {setBack.length > 0 && (
            <Textarea
              id="change-reason"
              label="Why are earlier answers changing?"
              hint={`This sets back or removes: ${setBack.map((x) => x.label).join('; ')}. The earlier answer stays in the chronology (R14.1).`}
              value={changeReason}
              onChange={field('changeReason')}
              rows={3}
            />
          )}
          <Textarea
            id="rationale"
            label="Reasons for the decision"
            hint="Best interests, proportionality, welfare and protection of the young people (R7.2)."
            value={rationale}
            onChange={setRationale}
            rows={4}
          />
          <OccurredAt
            value={when}
            onChange={setWhen}
            label="When was the decision made?"
            error={fieldError('occurred-at')}
          />
        </div>
        <div
          className="app-split__aside"
          tabIndex={0}
          role="region"
          aria-label="What the policy says (updates as you answer)"
        >
          <PolicySays assessment={assessment} phones={phones} />
        </div>
      </div>
      <ActionBar>
        <Button onClick={toCheck}>Continue to check your answers</Button>
      </ActionBar>
    </div>
  );
}
