// What a viewing needs: its grounds and every safeguard before (R11.2, R11.3), and its signed record after (R11.4).
import { gate, reason, refuse, type Explanation, type Reason } from './reasons';
import { type CaseRecord } from './case';
import type { CaseEventOf } from './events';
import { blank } from './blank';
import { explainSignature } from './signatureGate';

/** R11.1-R11.3: viewing only on a stated ground and with every safeguard. */
export function explainViewingJustified(c: CaseRecord, e: CaseEventOf<'viewing.justified'>): Explanation {
  const blockers: Reason[] = [];
  if (c.viewings.some((v) => v.id === e.viewingId && v.record)) {
    return refuse(
      reason(
        'R11.4',
        'This viewing is already recorded and signed; its record is never overwritten. A new viewing is justified and recorded on its own.',
      ),
    );
  }
  if (e.grounds.length === 0)
    blockers.push(
      reason(
        'R11.2',
        'Viewing is justified only on one of the grounds listed. In most cases imagery should not be viewed (R5.3).',
        { field: 'grounds' },
      ),
    );
  if (blank(e.reason)) blockers.push(reason('R11.2', 'Record why viewing is necessary.', { field: 'reason' }));
  if (e.grounds.includes('only-way-to-decide') && !e.factsNotFromYoungPeople) {
    blockers.push(
      reason(
        'R11.2',
        'Viewing to decide on other agencies is justified only when the facts cannot be established from the young people.',
        { field: 'factsNotFromYoungPeople' },
      ),
    );
  }
  // Only a viewing that was purely unavoidable skips the safeguards; a planned one never does.
  if (e.grounds.some((g) => g !== 'unavoidable')) {
    const s = e.safeguards;
    if (!s.noSignificantDistress)
      blockers.push(
        reason('R11.1', 'Never view if it would cause the young person significant distress or harm.', {
          field: 'safeguards.noSignificantDistress',
        }),
      );
    if (!s.discussedWithHeadteacher)
      blockers.push(
        reason('R11.3', 'Discuss the decision with the Headteacher first.', {
          field: 'safeguards.discussedWithHeadteacher',
        }),
      );
    if (!s.viewerAuthorised)
      blockers.push(
        reason(
          'R11.3',
          'Only the DSL, or a member of the safeguarding team with delegated authority from the Headteacher, views.',
          { field: 'safeguards.viewerAuthorised' },
        ),
      );
    if (!s.secondStaffPresent)
      blockers.push(
        reason(
          'R11.3',
          'Another member of staff must be present (ideally the Headteacher or a senior leader); they need not view.',
          { field: 'safeguards.secondStaffPresent' },
        ),
      );
    if (!s.onPremises)
      blockers.push(
        reason('R11.3', "View on the premises, ideally in the Headteacher's or a senior leader's office.", {
          field: 'safeguards.onPremises',
        }),
      );
    if (!s.sameSexWherePossible)
      blockers.push(
        reason('R11.3', 'Where possible the viewer is the same sex as the young person: confirm this was considered.', {
          field: 'safeguards.sameSexWherePossible',
        }),
      );
    if (!s.noCopyPrintShare)
      blockers.push(
        reason('R11.3', 'Never copy, print or share the imagery: that is illegal.', {
          field: 'safeguards.noCopyPrintShare',
        }),
      );
  }
  return gate(blockers, reason('R11.2', 'Viewing is justified and the safeguards are in place.'));
}

/** R11.4: the viewing record; an unavoidable viewing is recorded after the fact. */
export function explainViewingRecorded(c: CaseRecord, e: CaseEventOf<'viewing.recorded'>): Explanation {
  const viewing = c.viewings.find((v) => v.id === e.viewingId);
  if (viewing?.record)
    return refuse(reason('R11.4', 'This viewing is already recorded; amend it with a reason instead.'));
  const blockers: Reason[] = [];
  if (!e.unavoidable && !viewing?.justification) {
    blockers.push(
      reason(
        'R11.2',
        'Record why viewing is justified, and the safeguards, before viewing. An unavoidable viewing is recorded after the fact.',
      ),
    );
  }
  if (blank(e.viewer)) blockers.push(reason('R11.4', 'Record who viewed the imagery.', { field: 'viewer' }));
  if (blank(e.why)) blockers.push(reason('R11.4', 'Record why it was viewed.', { field: 'why' }));
  if (blank(e.actions)) blockers.push(reason('R11.4', 'Record the actions that followed.', { field: 'actions' }));
  if (!e.unavoidable && blank(e.witness))
    blockers.push(reason('R11.3', 'Record the other member of staff who was present.', { field: 'witness' }));
  if (!blank(e.witness) && e.witness.trim().toLowerCase() === e.viewer.trim().toLowerCase())
    blockers.push(reason('R11.3', 'The witness must be someone other than the viewer.', { field: 'witness' }));
  blockers.push(...explainSignature(e.viewerSignature, 'Viewer', 'viewerSignature'));
  if (!blank(e.witness)) blockers.push(...explainSignature(e.witnessSignature, 'Witness', 'witnessSignature'));
  return gate(blockers, reason('R11.4', 'The viewing is recorded, signed and dated.'));
}
