// The case header on every case screen: reference, stage, typology and route tags, and
// "Escalate now", always in reach while the case is open (R4.5).
import { Link } from 'react-router';
import { currentDecision } from '../../domain/case';
import { stageOf } from '../../domain/machine';
import { STAGE_LABELS } from '../../domain/stages';
import { Tag } from '../components';
import { ROUTE_LABELS } from '../policy/labels';
import { useCase, useCaseSelector } from '../data/CaseContext';
import { may } from '../../domain/permissions';
import { FORK_TITLE, isForked } from '../../domain/merge';
import { closedAsSameIncident, sameIncidentStatus } from '../../domain/sameIncident';

export function CaseHeader() {
  const { snapshot, caseId, gateway } = useCase();
  const c = snapshot.context;
  const stage = useCaseSelector(stageOf);
  const decision = currentDecision(c);
  const sameAs = closedAsSameIncident(c);
  const names = c.facts.persons
    .filter((p) => p.adult !== 'yes')
    .map((p) => p.name)
    .filter(Boolean);
  return (
    <div className="app-case-header">
      <div className="app-case-header__main">
        <p className="app-case-header__ref">
          <Link className="app-link app-link--block" to={`/cases/${caseId}`}>
            Case {c.reference}
          </Link>
          {names.length > 0 && (
            <span className="app-case-header__names">
              {' · '}
              {names.map((n, i) => (
                // Each name isolated: an Arabic or Hebrew name does not reorder the ones around it.
                <span key={i}>
                  {i > 0 && ', '}
                  <bdi>{n}</bdi>
                </span>
              ))}
            </span>
          )}
        </p>
        <p className="app-case-header__tags">
          {sameAs ? (
            // The status in the stage's place; the overview's banner links to the case carried on.
            <span data-testid="same-incident">
              <Tag colour="green">{sameIncidentStatus(c)}</Tag>
            </span>
          ) : (
            <Tag colour={stage === 'closed' ? 'green' : stage === 'referral' ? 'red' : 'blue'}>
              {STAGE_LABELS[stage]}
            </Tag>
          )}{' '}
          {decision && <Tag colour="grey">{decision.typology === 'aggravated' ? 'Aggravated' : 'Experimental'}</Tag>}{' '}
          {decision?.routes.map((r) => (
            <span key={r}>
              <Tag colour="grey">{ROUTE_LABELS[r].title}</Tag>{' '}
            </span>
          ))}
          {isForked(c) && (
            <Link className="app-link" to={`/cases/${caseId}/branches`} data-testid="forked">
              <Tag colour="red">{FORK_TITLE}</Tag>
            </Link>
          )}
        </p>
      </div>
      {!c.closed && !sameAs && stage !== 'new' && may(gateway.actor.role, 'record:escalated') && (
        <Link className="app-button app-button--warning app-case-header__escalate" to={`/cases/${caseId}/escalate`}>
          Escalate now
        </Link>
      )}
    </div>
  );
}
