// In portrait the "policy says" panel sits below the questions: this bar keeps the app's proposal
// so far in view (typology, whether an immediate referral is needed, the leading route), each
// with the rule the domain gave for it. It shows what the domain decided; it decides nothing.
import type { Assessment } from '../../domain/rules/assess';
import { Tag } from '../components';
import { ROUTE_LABELS, STRENGTH_LABELS } from './labels';

export function PolicySummaryBar({ assessment }: { assessment: Assessment }) {
  const { proposed, confirmed, routes } = assessment;
  const typologyRule = proposed.reasons[0]?.rule;
  const fired = routes.triggers.find((t) => t.fires === routes.immediateReferral);
  const triggerRule = fired?.reasons[0]?.rule;
  const top = routes.routes[0];
  const topRule = top?.reasons[0]?.rule;
  const cite = (rule: string | undefined) => (rule ? ` (${rule})` : '');
  return (
    <div className="app-policy-bar" role="region" aria-label="The app’s proposal so far">
      <span data-bar="typology">
        The app proposes <strong>{proposed.typology}</strong>
        {cite(typologyRule)}
        {confirmed && confirmed !== proposed.typology ? `; you chose ${confirmed}` : ''}.
      </span>
      {routes.immediateReferral === 'yes' ? (
        <span data-bar="referral">
          <Tag colour="red">Act now</Tag> <strong>Immediate referral needed</strong>
          {cite(triggerRule)}: refer to the MASH now.
        </span>
      ) : routes.immediateReferral === 'unknown' ? (
        <span data-bar="referral">
          An immediate referral <strong>may be needed</strong>: some answers are not known yet{cite(triggerRule)}.
        </span>
      ) : (
        <span data-bar="referral">No immediate-referral trigger.</span>
      )}
      {top && routes.immediateReferral !== 'yes' && (
        <span data-bar="route">
          {STRENGTH_LABELS[top.strength].text}: {ROUTE_LABELS[top.route].title}
          {cite(topRule)}.
        </span>
      )}
      <a className="app-link" href="#policy-says-heading">
        See why
      </a>
    </div>
  );
}
