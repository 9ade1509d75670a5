// "Check your answers" (GOV.UK pattern): everything the meeting answered and decided, each row
// with a link back to the page that asks it, and what the decision will need (an override's
// consultation, the Headteacher's sign-off), before the DSL records it.
import { isReferralDecision } from '../../../domain/rules/routes';
import { SummaryList, type SummaryListRow } from '../../components';
import { FACT_QUESTIONS, ROUTE_LABELS, triText } from '../../policy/labels';
import type { Review } from './useReviewForm';
import { QUESTIONS, reviewPath, type SectionId } from './sections';

export function CheckAnswers({ r, caseId }: { r: Review; caseId: string }) {
  const { form: f, facts, proposal, typology, recommended, chosen, consult, isOverride, setBack } = r;
  const change = (section: SectionId, what: string) => ({
    href: reviewPath(caseId, section),
    visuallyHiddenText: what,
  });
  const rows: SummaryListRow[] = [
    { key: 'Attended', value: r.attendees.join(', '), change: change('meeting', 'who attended') },
    {
      key: 'People involved',
      // Each name isolated (<bdi>): names in different scripts keep their own direction and order.
      value: facts.persons.map((p, i) => (
        <span key={p.id}>
          {i > 0 && ', '}
          <bdi>{p.name}</bdi>
        </span>
      )),
      change: change('people', 'the people involved'),
    },
    ...FACT_QUESTIONS.map((q) => ({
      key: q.question,
      value: triText(facts[q.key]),
      change: change('facts', q.question.toLowerCase()),
    })),
    {
      key: 'Local risk tool',
      value: facts.riskTool ? `${facts.riskTool.tool}: ${facts.riskTool.level}` : 'Not applied yet',
      change: change('facts', 'the local risk tool'),
    },
    ...QUESTIONS.filter((q) => f.answers[q.key]).map((q) => ({
      key: `${q.label} (${q.rule})`,
      value: f.answers[q.key],
      change: change('questions', q.label.toLowerCase()),
    })),
    { key: 'The app proposed', value: proposal.proposed.typology },
    {
      key: 'Your typology',
      value: `${typology}${f.typologyReason && typology !== proposal.proposed.typology ? `. Why: ${f.typologyReason}` : ''}`,
      change: change('decision', 'your typology'),
    },
    ...(r.reconsider
      ? [{ key: 'Reconsidered (no consent)', value: f.noConsent, change: change('decision', 'the reconsideration') }]
      : []),
    { key: 'Recommended routes', value: recommended.map((x) => ROUTE_LABELS[x].title).join('; ') || 'None' },
    {
      key: 'Your routes',
      value: chosen.map((x) => ROUTE_LABELS[x].title).join('; '),
      change: change('decision', 'your routes'),
    },
    ...(f.routeReason
      ? [{ key: 'Why your routes differ', value: f.routeReason, change: change('decision', 'why your routes differ') }]
      : []),
    ...(isOverride
      ? [
          {
            key: 'Override: who was consulted, when, what they advised',
            value: `${consult.who} (${consult.agency === 'mash' ? 'the MASH' : 'the police'}), ${consult.at.replace('T', ' ')}: ${consult.advice}`,
            change: change('decision', 'the consultation'),
          },
        ]
      : []),
    ...(setBack.length > 0
      ? [{ key: 'Why earlier answers change', value: r.changeReason, change: change('decision', 'why answers change') }]
      : []),
    { key: 'Reasons for the decision', value: f.rationale, change: change('decision', 'the reasons') },
    { key: 'When it was decided', value: f.when.replace('T', ' '), change: change('decision', 'when it was decided') },
  ];
  return (
    <>
      <SummaryList rows={rows} />
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
    </>
  );
}
