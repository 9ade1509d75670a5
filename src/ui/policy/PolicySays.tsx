// The "policy says" panel: the proposed typology and every recommended route, each with its
// reasons (rule id, a plain sentence, a short quote). It shows what the domain decided; it decides nothing.
import { Link } from 'react-router';
import type { Assessment } from '../../domain/rules/assess';
import type { RouteAssessment, RouteRecommendation } from '../../domain/rules/routes';
import type { Reason } from '../../domain/reasons';
import { RULES, type QuoteSource, type RuleId } from '../../domain/rules/catalogue';
import { Tag } from '../components';
import { QUOTE_FROM_LABELS, ROUTE_LABELS, STRENGTH_LABELS } from './labels';
import './policy.css';

export interface PhoneNumbers {
  mashName?: string;
  mashPhone?: string;
  ladoPhone?: string;
}

export function RuleLink({ rule }: { rule: Reason['rule'] }) {
  const base = rule.split('.')[0] === 'R17' ? 'R17' : rule;
  return (
    <Link
      className="app-rule-link"
      to={`/policy#${encodeURIComponent(base)}`}
      aria-label={`Rule ${rule}: ${RULES[rule].title}`}
    >
      {rule}
    </Link>
  );
}

/** A rule's quote, labelled with whose words it is: "The policy says" only for the policy's own words. */
export function RuleQuote({ quote, from }: { quote: string; from: QuoteSource }) {
  return (
    <span className={`app-reason__quote app-reason__quote--${from}`} data-quote-from={from}>
      <span className="app-reason__quote-label">{QUOTE_FROM_LABELS[from]}: </span>
      <q>{quote}</q>
    </span>
  );
}

/** The catalogue's quote of a rule, labelled. */
export function QuoteOf({ rule }: { rule: RuleId }) {
  return <RuleQuote quote={RULES[rule].quote} from={RULES[rule].quoteFrom} />;
}

export function ReasonItem({ r, children }: { r: Reason; children?: React.ReactNode }) {
  return (
    <li className={`app-reason${r.unknown ? ' app-reason--unknown' : ''}`}>
      <RuleLink rule={r.rule} />{' '}
      {r.reading && <strong className="app-reason__reading">Reading: the policy is unclear here. </strong>}
      {r.unknown && <strong className="app-reason__unknown">Not known yet: </strong>}
      <span>{r.text}</span>
      <RuleQuote quote={r.quote} from={r.quoteFrom} />
      {children}
    </li>
  );
}

function RouteCard({ rec, phones }: { rec: RouteRecommendation; phones: PhoneNumbers }) {
  const label = ROUTE_LABELS[rec.route];
  const strength = STRENGTH_LABELS[rec.strength];
  return (
    <li className={`app-route app-route--${rec.strength}`} data-route={rec.route} data-strength={rec.strength}>
      <h4 className="app-route__title">
        <Tag colour={strength.colour}>{strength.text}</Tag> {label.title}
        {rec.route === 'police' && rec.phone && <span className="app-route__phone"> ({rec.phone})</span>}
        {rec.route === 'lado' && rec.lead === 'chair-of-governors' && <span> (the chair of governors leads)</span>}
      </h4>
      <p className="app-body-s">{label.explain}</p>
      {rec.route === 'mash-referral' && phones.mashPhone && (
        <p className="app-body-s">
          {phones.mashName ?? 'MASH'}:{' '}
          <a className="app-link" href={`tel:${phones.mashPhone.replace(/[^\d+]/g, '')}`}>
            {phones.mashPhone}
          </a>
        </p>
      )}
      <ul className="app-reasons">
        {rec.reasons.map((r, i) => (
          <ReasonItem key={i} r={r} />
        ))}
      </ul>
    </li>
  );
}

export function RouteList({ routes, phones = {} }: { routes: RouteAssessment; phones?: PhoneNumbers }) {
  return (
    <ul className="app-routes" aria-label="Recommended routes">
      {routes.routes.map((rec) => (
        <RouteCard key={rec.route} rec={rec} phones={phones} />
      ))}
    </ul>
  );
}

export function PolicySays({ assessment, phones = {} }: { assessment: Assessment; phones?: PhoneNumbers }) {
  const { proposed, confirmed, routes, proposedRoutes } = assessment;
  const referral = routes.immediateReferral;
  return (
    <aside className="app-policy-says" aria-labelledby="policy-says-heading" aria-live="polite">
      <h2 className="app-heading-m" id="policy-says-heading">
        What the policy says
      </h2>
      {referral === 'yes' && (
        <div className="app-policy-says__alert" role="alert">
          <strong>Immediate referral:</strong> the facts meet an immediate-referral trigger. Refer to the MASH now.
        </div>
      )}
      <section aria-labelledby="policy-typology">
        <h3 className="app-heading-s" id="policy-typology">
          Typology: proposed {proposed.typology}
          {proposed.basis === 'unknowns' ? ' (until the unknowns are answered)' : ''}
        </h3>
        {confirmed && confirmed !== proposed.typology && (
          <p className="app-body-s">
            You chose {confirmed}. The routes below follow your choice; the proposal’s routes are shown after them.
          </p>
        )}
        <ul className="app-reasons">
          {proposed.reasons.map((r, i) => (
            <ReasonItem key={i} r={r} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="policy-routes">
        <h3 className="app-heading-s" id="policy-routes">
          Routes{confirmed ? ` for ${confirmed}` : ''}
        </h3>
        {!routes.schoolMayManage && (
          <p className="app-body-s app-policy-says__note">
            The school may not manage this alone while any immediate-referral trigger is present or not yet known.
          </p>
        )}
        <RouteList routes={routes} phones={phones} />
      </section>
      {proposedRoutes && (
        <section aria-labelledby="policy-proposed-routes">
          <h3 className="app-heading-s" id="policy-proposed-routes">
            Routes if it were {proposedRoutes.typology} (the proposal)
          </h3>
          <RouteList routes={proposedRoutes} phones={phones} />
        </section>
      )}
    </aside>
  );
}

export { PolicySummaryBar } from './PolicySummaryBar';
