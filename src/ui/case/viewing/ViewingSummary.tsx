// What the case holds of viewing: each viewing's justification (R11.2, R11.3) and record with both
// signatures (R11.4), and the support offered to the staff who viewed (R11.5).
import type { ViewingSafeguards } from '../../../domain/events';
import type { CaseRecord, Viewing } from '../../../domain/case';
import { SummaryList, Tag, type SummaryListRow } from '../../components';
import { formatDateTime } from '../../format';
import { SignatureView } from '../../signature/SignatureView';
import { GROUND_LABELS, SAFEGUARD_LABELS } from './choices';

export function ViewingSummary({ v, index }: { v: Viewing; index: number }) {
  const j = v.justification;
  const r = v.record;
  const rows: SummaryListRow[] = [];
  if (j) {
    rows.push(
      { key: 'Grounds (R11.2)', value: j.grounds.map((g) => GROUND_LABELS[g]).join('; ') },
      ...(j.factsNotFromYoungPeople
        ? [{ key: 'Facts from the young people', value: 'Cannot be established from the young people' }]
        : []),
      { key: 'Why viewing was necessary', value: j.reason },
      {
        key: 'Safeguards confirmed (R11.3)',
        value: (
          <ul className="app-list app-list--bullet">
            {(Object.keys(j.safeguards) as (keyof ViewingSafeguards)[])
              .filter((k) => j.safeguards[k])
              .map((k) => (
                <li key={k}>{SAFEGUARD_LABELS[k]}</li>
              ))}
          </ul>
        ),
      },
      { key: 'Justified by', value: `${j.by.name}, ${formatDateTime(j.at)}` },
    );
  }
  if (r) {
    rows.push(
      {
        key: 'Viewed',
        value: r.unavoidable ? `Unavoidably, recorded after the fact, ${formatDateTime(r.at)}` : formatDateTime(r.at),
      },
      { key: 'Viewed by', value: r.viewer },
      { key: 'Witness', value: r.witness || 'None' },
      { key: 'Who was present', value: r.present.join(', ') || 'Not recorded' },
      { key: 'Why it was viewed', value: r.why },
      { key: 'What followed', value: r.actions },
      { key: 'Viewer’s signature', value: <SignatureView signature={r.viewerSignature} /> },
      ...(r.witness.trim()
        ? [{ key: 'Witness’s signature', value: <SignatureView signature={r.witnessSignature} /> }]
        : []),
      { key: 'Recorded by', value: `${r.by.name}, ${formatDateTime(r.recordedAt)}` },
    );
  }
  return (
    <section className="app-review-block" aria-labelledby={`viewing-${v.id}-heading`}>
      <h3 className="app-heading-s" id={`viewing-${v.id}-heading`}>
        Viewing {index + 1}{' '}
        {r ? <Tag colour="green">Recorded</Tag> : <Tag colour="blue">Justified: record the viewing</Tag>}
      </h3>
      <SummaryList rows={rows} />
    </section>
  );
}

/** The support offered to the staff who viewed (R11.5), or that none is recorded yet once a viewing is. */
export function SupportOfferedSummary({
  supportOffered,
  anyRecorded,
}: {
  supportOffered: CaseRecord['supportOffered'];
  anyRecorded: boolean;
}) {
  if (supportOffered.length === 0 && !anyRecorded) return null;
  return (
    <section aria-labelledby="support-heading" className="app-review-block">
      <h2 className="app-heading-m" id="support-heading">
        Support offered to staff who viewed (R11.5)
      </h2>
      {supportOffered.length === 0 ? (
        <p className="app-body">
          <Tag colour="blue">To do</Tag> No support has been recorded yet.
        </p>
      ) : (
        <SummaryList
          rows={supportOffered.map((x) => ({
            key: x.to,
            value: `${x.note ? `${x.note}. ` : ''}Offered ${formatDateTime(x.at)} by ${x.by.name}`,
          }))}
        />
      )}
    </section>
  );
}
