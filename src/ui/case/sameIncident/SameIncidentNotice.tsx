// On the case overview: where the case stands as the same incident as another (docs/SYNC.md, "One
// disclosure, two tablets"). Closed into another case; the cases closed into it; two steps made apart
// that contradict each other; or, before anything is recorded, the other case made of the same
// disclosure, with the way to record that they are the same incident. The domain says which
// (src/domain/sameIncident.ts); this lists it.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { may } from '../../../domain/permissions';
import { alsoRecordedAsText, sameIncidentOf, staffDisclosureId, standingSteps } from '../../../domain/sameIncident';
import { NotificationBanner } from '../../components';
import { useCase } from '../../data/CaseContext';
import type { SameDisclosureCase } from '../../data/gateway';
import { formatDateTime } from '../../format';

/**
 * The other cases made of this case's staff disclosure (null while they are looked up). `wanted`
 * false skips the look-up (it reads every other tablet's acceptances), as on a case already decided.
 */
export function useSameDisclosure(wanted = true): SameDisclosureCase[] | null {
  const { gateway, caseId, snapshot } = useCase();
  const staff = wanted ? staffDisclosureId(snapshot.context) : null;
  const count = snapshot.context.eventCount;
  const [twins, setTwins] = useState<SameDisclosureCase[] | null>(null);
  // Only a case made of a member of staff's disclosure can have another, and only where storage can say.
  const canFind = !!staff && !!gateway.sameDisclosureCases;
  useEffect(() => {
    let live = true;
    if (!canFind) return;
    gateway.sameDisclosureCases!(caseId).then(
      (t) => live && setTwins(t),
      () => live && setTwins([]),
    );
    return () => {
      live = false;
    };
  }, [gateway, canFind, caseId, count]);
  return canFind ? twins : [];
}

export const acceptedWhere = (t: SameDisclosureCase) =>
  `accepted ${t.here ? 'on this tablet' : 'on another tablet'}, ${formatDateTime(t.at)}`;

export function SameIncidentNotice() {
  const { snapshot, caseId, gateway } = useCase();
  const c = snapshot.context;
  const view = sameIncidentOf(c);
  // Looked up only while nothing about another case is recorded here (the look-up reads every tablet's acceptances).
  const twins = useSameDisclosure(!view.closedInto && !view.conflict && view.alsoRecordedAs.length === 0);
  const mayRecord = may(gateway.actor.role, 'record:same-incident.recorded');
  const page = `/cases/${caseId}/same-incident`;
  if (view.closedInto)
    return (
      <NotificationBanner
        title="Closed as the same incident"
        heading={`Closed: same incident as ${view.closedInto.reference}`}
      >
        <p className="app-body">
          This case and {view.closedInto.reference} were made of one staff disclosure, accepted on two tablets. The
          incident is recorded in {view.closedInto.reference} from here on. This case owes nothing further; everything
          recorded in it stays, and can be exported (R14.1).
        </p>
        <p className="app-body">
          <Link className="app-link app-link--block" to={`/cases/${view.closedInto.caseId}`}>
            Open case {view.closedInto.reference}
          </Link>
        </p>
      </NotificationBanner>
    );
  const decided = new Set(standingSteps(c).map((s) => (s.closed.caseId === c.id ? s.kept.caseId : s.closed.caseId)));
  const undecided = (twins ?? []).filter((t) => !decided.has(t.caseId));
  return (
    <>
      {view.conflict && (
        <NotificationBanner
          variant="urgent"
          title="Same incident recorded both ways"
          heading="Decide which case carries the incident on"
        >
          <p className="app-body">{view.conflict.text} (R14.1)</p>
          {mayRecord && (
            <p className="app-body">
              <Link className="app-link app-link--block" to={page}>
                Decide which case carries the incident on
              </Link>
            </p>
          )}
        </NotificationBanner>
      )}
      {view.alsoRecordedAs.map((x) => (
        <p className="app-body" key={x.caseId} data-testid="also-recorded-as">
          <Link className="app-link" to={`/cases/${x.caseId}`}>
            {alsoRecordedAsText(x)}
          </Link>
          . What was recorded there stays in its record; what carries over is in this case’s chronology.
        </p>
      ))}
      {!view.conflict && undecided.length > 0 && (
        <NotificationBanner title="The same disclosure is also another case">
          {undecided.map((t) => (
            <p className="app-body" key={t.caseId}>
              The staff disclosure this case was made of was also accepted as{' '}
              <Link className="app-link" to={`/cases/${t.caseId}`}>
                case {t.reference}
              </Link>{' '}
              ({acceptedWhere(t)}), on a tablet that could not reach this one. Both are kept.
            </p>
          ))}
          {mayRecord ? (
            <p className="app-body">
              <Link className="app-link app-link--block" to={page}>
                Record that they are the same incident
              </Link>
            </p>
          ) : (
            <p className="app-body">A key holder records which case carries the incident on.</p>
          )}
        </NotificationBanner>
      )}
    </>
  );
}
