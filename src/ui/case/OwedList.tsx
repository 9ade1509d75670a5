// What the case still owes the policy (domain/owed.ts), each item with its rule and a link to the
// step where it is done. The screen never works anything out: it lists what the domain says.
import { Link } from 'react-router';
import { reason } from '../../domain/reasons';
import type { OwedItem } from '../../domain/owed';
import { ReasonItem } from '../policy/PolicySays';

const STEP_LABELS: Record<OwedItem['step'], string> = {
  disclosure: 'Go to the disclosure',
  review: 'Record a new decision',
  referrals: 'Go to referrals',
  risk: 'Go to the risk assessment',
  parents: 'Go to parents and carers',
  viewing: 'Go to viewing',
  deletion: 'Go to deletion',
  devices: 'Go to devices',
  'social-care': "Go to children's social care",
  'sign-off': 'Go to the sign-off',
  branches: 'See both tablets’ steps and merge them',
  'same-incident': 'Decide which case carries the incident on',
};

export function OwedList({
  caseId,
  items,
  here,
}: {
  caseId: string;
  items: readonly OwedItem[];
  here?: OwedItem['step'];
}) {
  return (
    <ul className="app-reasons" data-testid="owed-list">
      {items.map((x, i) => (
        <ReasonItem key={`${x.kind}-${x.ref ?? x.route ?? ''}-${i}`} r={reason(x.rule, x.text)}>
          {x.step !== here && (
            <Link className="app-link app-link--block" to={`/cases/${caseId}/${x.step}`} data-owed-kind={x.kind}>
              {x.kind === 'new-decision' || x.kind === 'decision' ? 'Record a new decision' : STEP_LABELS[x.step]}
            </Link>
          )}
        </ReasonItem>
      ))}
    </ul>
  );
}
