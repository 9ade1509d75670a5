// What the signer signs off: the decision with its reasons, and the risks it was weighed against (R14.3).
import { currentDecision, referenceDate, type CaseRecord } from '../../../domain/case';
import { assess } from '../../../domain/rules/assess';
import { ROLE_LABELS } from '../../../domain/stages';
import { SummaryList, WarningText, type SummaryListRow } from '../../components';
import { useSettings } from '../../data/settings';
import { formatDateTime } from '../../format';
import { FACT_QUESTIONS, ROUTE_LABELS } from '../../policy/labels';
import { RouteList } from '../../policy/PolicySays';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The current decision as a Headteacher reads it: what, who, why, and what the policy recommended. */
export function DecisionSummary({ c }: { c: CaseRecord }) {
  const d = currentDecision(c);
  if (!d) return null;
  const risk = c.riskAssessments.at(-1);
  const rows: SummaryListRow[] = [
    { key: 'Decided', value: `${formatDateTime(d.at)}, recorded by ${d.by.name} (${ROLE_LABELS[d.by.role]})` },
    { key: 'Who attended', value: d.attendees.join(', ') || 'Not recorded' },
    {
      key: 'Typology',
      value:
        d.typology === d.proposedTypology
          ? capitalise(d.typology)
          : `${capitalise(d.typology)} (the app proposed ${d.proposedTypology}). Why: ${d.typologyReason ?? ''}`,
    },
    ...(d.noConsentReconsidered
      ? [{ key: 'Reconsidered: shared without consent (R2.4)', value: d.noConsentReconsidered }]
      : []),
    {
      key: 'Routes chosen',
      value: (
        <ul className="app-list">
          {d.routes.map((r) => (
            <li key={r}>{ROUTE_LABELS[r].title}</li>
          ))}
        </ul>
      ),
    },
    {
      key: 'What the policy recommended at the time',
      value:
        d.recommendedRoutes.length === 0 ? (
          'No route beyond those allowed'
        ) : (
          <ul className="app-list">
            {d.recommendedRoutes.map((r) => (
              <li key={r}>{ROUTE_LABELS[r].title}</li>
            ))}
          </ul>
        ),
    },
    ...(d.routeReason ? [{ key: 'Why the routes differ from the recommendation', value: d.routeReason }] : []),
    { key: 'Reasons for the decision', value: d.rationale },
    {
      key: 'Risk assessment (R8)',
      value: risk ? `${risk.tool}: ${risk.level} risk (${formatDateTime(risk.at)})` : 'Not recorded yet',
    },
  ];
  return (
    <section aria-labelledby="decision-heading">
      <h2 className="app-heading-m" id="decision-heading">
        The decision
      </h2>
      <SummaryList rows={rows} />
    </section>
  );
}

/** The risks as the case's facts stand now: concerns, unknowns, and the routes the policy says. */
export function Risks({ c }: { c: CaseRecord }) {
  const settings = useSettings();
  const d = currentDecision(c);
  const a = assess(c.facts, { confirmedTypology: d?.typology ?? null, referenceDate: referenceDate(c) });
  const yes = FACT_QUESTIONS.filter((q) => c.facts[q.key] === 'yes');
  const unknown = FACT_QUESTIONS.filter((q) => c.facts[q.key] === 'unknown');
  return (
    <section aria-labelledby="risks-heading">
      <h2 className="app-heading-m" id="risks-heading">
        The risks, from what is known now
      </h2>
      {a.routes.immediateReferral === 'yes' && (
        <WarningText>
          The facts now meet an immediate-referral trigger: refer to the MASH now. Sign-off never delays urgent action.
        </WarningText>
      )}
      <h3 className="app-heading-s">Concerns recorded</h3>
      {yes.length === 0 ? (
        <p className="app-body">None of the policy’s concerns is answered “yes”.</p>
      ) : (
        <ul className="app-list app-list--bullet">
          {yes.map((q) => (
            <li key={q.key}>{q.question}</li>
          ))}
        </ul>
      )}
      {unknown.length > 0 && (
        <>
          <h3 className="app-heading-s">Not known yet</h3>
          <ul className="app-list app-list--bullet">
            {unknown.map((q) => (
              <li key={q.key}>{q.question}</li>
            ))}
          </ul>
        </>
      )}
      <h3 className="app-heading-s">What the policy says</h3>
      <RouteList routes={a.routes} phones={{ mashName: settings.mashName, mashPhone: settings.mashPhone }} />
    </section>
  );
}
