// What the unlock check of the summary index found and rebuilt (storage's SummaryList.indexRepairs).
// The index is only the quick list the home screen opens from; each case's own chained record is
// the record. So this is a calm note, not an alarm: a list put back from an older copy or altered
// outside the app was rebuilt from the cases themselves, and the full check says whether the
// records were touched too.
import { InsetText } from '../components';
import { FIRST_BUILD_REPAIR } from '../../storage/summary-index/repairs';

export function IndexRepairsNote({ repairs }: { repairs: readonly string[] }) {
  if (repairs.length === 0) return null;
  const onlyFirstBuild = repairs.every((r) => r === FIRST_BUILD_REPAIR);
  return (
    <div role="status" aria-labelledby="index-repairs-heading">
      <InsetText>
        <h3 className="app-heading-s" id="index-repairs-heading">
          The list of cases was rebuilt when you unlocked
        </h3>
        <p className="app-body">
          The app keeps an encrypted list of cases so the home screen opens quickly. When you unlocked, it was checked
          against each case’s own record and what did not match was rebuilt from the cases. The records themselves were
          not changed by this.
        </p>
        <ul className="app-list app-list--bullet">
          {repairs.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
        {!onlyFirstBuild && (
          <p className="app-body">
            If nobody restored a backup or copied data onto this device, the list may have been changed outside the app.
            Run the full check below to see whether any record was altered.
          </p>
        )}
      </InsetText>
    </div>
  );
}
