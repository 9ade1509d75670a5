// The recorded deletion plan, one young person at a time: each place confirmed, refused or to confirm,
// and why deletion cannot be considered yet when the domain says so.
import { Link } from 'react-router';
import type { DeletionPlan } from '../../../domain/case';
import type { Reason } from '../../../domain/reasons';
import { Button, Tag, VisuallyHidden, WarningText } from '../../components';
import { formatDateTime } from '../../format';
import { ReasonItem } from '../../policy/PolicySays';

/** Why deletion cannot be considered yet (the domain's reasons), and what to do instead (R12.1, R10.2). */
export function DeletionBlocked({ reasons, caseId }: { reasons: readonly Reason[]; caseId: string }) {
  return (
    <section aria-labelledby="deletion-blocked-heading">
      <h2 className="app-heading-m" id="deletion-blocked-heading">
        Deletion cannot be considered yet
      </h2>
      <ul className="app-reasons">
        {reasons.map((r, i) => (
          <ReasonItem key={i} r={r} />
        ))}
      </ul>
      <h2 className="app-heading-m">What to do instead</h2>
      <WarningText>Never delete what may be evidence while police involvement is possible (R12.1).</WarningText>
      <p className="app-body">
        If a device holds the imagery, secure it instead: turn it off and lock it away until the police collect it
        (R10.2). Nobody looks through it: searching a device is viewing (R11.1).
      </p>
      <p className="app-body">
        <Link className="app-link app-link--block" to={`/cases/${caseId}/devices`}>
          Secure a device for the police
        </Link>
      </p>
    </section>
  );
}

type PlanItem = { personId: string; where: string };

/** One young person's places in the plan, each confirmed, refused or still to confirm (R12.2, R12.4). */
export function PersonDeletions({
  plan,
  personId,
  name,
  overdue,
  allowed,
  onConfirm,
  onRefuse,
}: {
  plan: DeletionPlan;
  personId: string;
  name: string;
  overdue: boolean;
  allowed: boolean;
  onConfirm: (item: PlanItem) => void;
  onRefuse: (item: PlanItem) => void;
}) {
  const confirmationOf = (where: string) =>
    plan.confirmations.find((x) => x.personId === personId && x.where === where);
  return (
    <section className="app-review-block" aria-labelledby={`del-${personId}`}>
      <h3 className="app-heading-s" id={`del-${personId}`}>
        {name}
      </h3>
      <ul className="app-list" aria-label={`Deletions for ${name}`}>
        {plan.items
          .filter((i) => i.personId === personId)
          .map((item) => {
            const done = confirmationOf(item.where);
            const refused = (plan.refusals ?? [])
              .filter((x) => x.personId === item.personId && x.where === item.where)
              .at(-1);
            return (
              <li key={item.where} className="app-body">
                <strong>{item.where}</strong>{' '}
                {done ? (
                  <Tag colour="green">Confirmed</Tag>
                ) : refused ? (
                  <Tag colour="red">Refused</Tag>
                ) : overdue ? (
                  <Tag colour="red">Overdue</Tag>
                ) : (
                  <Tag colour="blue">To confirm</Tag>
                )}
                {!done && refused && (
                  <p className="app-body-s">
                    Refused: {refused.note} ({formatDateTime(refused.at)}, recorded by {refused.by.name}). Reminded that
                    refusing is an offence the police may become involved in (R12.4).
                  </p>
                )}
                {done ? (
                  <p className="app-body-s">
                    {done.how} ({formatDateTime(done.at)}, recorded by {done.by.name})
                  </p>
                ) : (
                  allowed && (
                    <div>
                      <Button variant="secondary" onClick={() => onConfirm(item)}>
                        Confirm deletion{' '}
                        <VisuallyHidden>
                          from {item.where} for {name}
                        </VisuallyHidden>
                      </Button>
                      <Button variant="secondary" onClick={() => onRefuse(item)}>
                        They refuse to delete it{' '}
                        <VisuallyHidden>
                          from {item.where}, {name}
                        </VisuallyHidden>
                      </Button>
                    </div>
                  )
                )}
              </li>
            );
          })}
      </ul>
    </section>
  );
}
