// Viewing the imagery (R11): in most cases it is not viewed. When viewing is considered, the
// grounds, the reason and every safeguard come first ('viewing.justified'), then the record of the
// viewing, signed by the viewer and the witness ('viewing.recorded'). A viewing that could not be
// avoided is recorded after the fact. Then the support offered to the staff who viewed (R11.5).
// The domain decides what is enough; this page asks it (useStep) and shows its reasons.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Signature, ViewingGround, ViewingSafeguards } from '../../domain/events';
import type { Viewing } from '../../domain/case';
import {
  ActionBar,
  Button,
  Checkboxes,
  choiceId,
  ErrorSummary,
  InsetText,
  NotificationBanner,
  Radios,
  Select,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
  WarningText,
  type SummaryListRow,
} from '../components';
import { type FieldIds, useStep } from '../data/useStep';
import { formatDateTime, nowLocalInput } from '../format';
import { QuoteOf, RuleLink } from '../policy/PolicySays';
import { SignaturePad, SignatureView, signatureNameId } from '../signature/SignaturePad';
import { emptySignature } from '../signature/strokes';
import { CaseHeader } from './CaseHeader';
import { OccurredAt, occurredAtIso, whenErrors } from './OccurredAt';
import './case.css';

type Path = 'consider' | 'record' | 'unavoidable' | 'support';

const GROUNDS: { value: ViewingGround; label: string; hint?: string }[] = [
  { value: 'only-way-to-decide', label: 'It is the only way to decide whether to involve other agencies' },
  { value: 'report-takedown', label: 'It is necessary to report the image for take-down, or to support a report' },
  {
    value: 'unavoidable',
    label: 'It is unavoidable',
    hint: 'If it has already been seen, choose “It was seen unavoidably” above instead.',
  },
  {
    value: 'device-search',
    label: 'A device must be searched for the imagery',
    hint: 'Searching a device is viewing (R12.2): the same safeguards apply, and it is recorded here.',
  },
];

const GROUND_LABELS: Record<ViewingGround, string> = {
  'only-way-to-decide': 'The only way to decide whether to involve other agencies',
  'report-takedown': 'Necessary to report for take-down',
  unavoidable: 'Unavoidable',
  'device-search': 'Searching a device (R12.2)',
};

/** R11.3 (and R11.1), one checkbox each, in the order a DSL goes through them. */
const SAFEGUARDS: { key: keyof ViewingSafeguards; label: string }[] = [
  { key: 'discussedWithHeadteacher', label: 'The decision to view has been discussed with the Headteacher' },
  {
    key: 'viewerAuthorised',
    label:
      'The person viewing is the DSL, or a member of the safeguarding team with delegated authority from the Headteacher',
  },
  {
    key: 'secondStaffPresent',
    label:
      'Another member of staff will be present, ideally the Headteacher or a senior leader (they need not view it)',
  },
  {
    key: 'onPremises',
    label: 'It will be viewed on the premises, ideally in the Headteacher’s or a senior leader’s office',
  },
  { key: 'sameSexWherePossible', label: 'The viewer is the same sex as the young person, where possible' },
  { key: 'noCopyPrintShare', label: 'Nobody will copy, print or share the imagery: that is illegal' },
  {
    key: 'noSignificantDistress',
    label: 'Viewing will not cause the young person significant distress or harm (R11.1)',
  },
];

const SAFEGUARD_LABELS = Object.fromEntries(SAFEGUARDS.map((s) => [s.key, s.label])) as Record<
  keyof ViewingSafeguards,
  string
>;

/** Where this page shows each answer the viewing steps' reasons can name (src/domain/reasons.ts). */
export const VIEWING_FIELDS = {
  grounds: 'grounds',
  reason: 'viewing-reason',
  factsNotFromYoungPeople: 'facts-not-from-yp',
  ...(Object.fromEntries(SAFEGUARDS.map((g, i) => [`safeguards.${g.key}`, choiceId('safeguards', i)])) as Record<
    `safeguards.${keyof ViewingSafeguards}`,
    string
  >),
  viewer: 'viewer',
  why: 'why',
  actions: 'actions',
  witness: 'witness',
  viewerSignature: signatureNameId('viewer-signature'),
  witnessSignature: signatureNameId('witness-signature'),
  to: 'support-to',
} satisfies FieldIds;

const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

function ViewingSummary({ v, index }: { v: Viewing; index: number }) {
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

export function ViewingPage() {
  const s = useStep(VIEWING_FIELDS, 'path');
  const navigate = useNavigate();
  const c = s.snapshot.context;
  const pending = c.viewings.filter((v) => v.justification && !v.record);
  const recorded = c.viewings.filter((v) => v.record);

  const [path, setPath] = useState<Path | null>(pending.length > 0 ? 'record' : null);
  const [banner, setBanner] = useState<string | null>(null);
  // Justification (R11.2, R11.3).
  const [grounds, setGrounds] = useState<ViewingGround[]>([]);
  const [factsNotFromYP, setFactsNotFromYP] = useState(false);
  const [reason, setReason] = useState('');
  const [safeguards, setSafeguards] = useState<(keyof ViewingSafeguards)[]>([]);
  // The record (R11.4).
  const [pendingId, setPendingId] = useState<string>(pending[0]?.id ?? '');
  const [viewer, setViewer] = useState('');
  const [witness, setWitness] = useState('');
  const [others, setOthers] = useState('');
  const [why, setWhy] = useState(pending[0]?.justification?.reason ?? '');
  const [actions, setActions] = useState('');
  const [viewerSig, setViewerSig] = useState<Signature>(emptySignature());
  const [witnessSig, setWitnessSig] = useState<Signature>(emptySignature());
  // Support (R11.5).
  const [supportTo, setSupportTo] = useState('');
  const [supportNote, setSupportNote] = useState('');
  const [when, setWhen] = useState(nowLocalInput());

  const errorFor = (...ids: string[]): string | undefined => {
    const texts = s.errors
      .filter((e) => ids.some((id) => e.fieldId === id || e.fieldId.startsWith(`${id}-`)))
      .map((e) => e.text);
    return texts.length > 0 ? texts.join(' ') : undefined;
  };

  // The signer's name follows the person named, until it is changed by hand.
  const follow = (prev: string, next: string, sig: Signature, set: (s: Signature) => void) => {
    if (sig.name === prev) set({ ...sig, name: next });
  };

  const chosenPending = c.viewings.find((v) => v.id === pendingId && v.justification && !v.record) ?? pending[0];

  const resetRecord = () => {
    setViewer('');
    setWitness('');
    setOthers('');
    setWhy('');
    setActions('');
    setViewerSig(emptySignature());
    setWitnessSig(emptySignature());
  };

  const onSubmit = async () => {
    const occurredAt = occurredAtIso(when);
    if (path === null) {
      // Nothing chosen: a field error only (submit stops at field errors; nothing is recorded).
      await s.submit({ type: 'note.added', text: '', occurredAt }, [
        { fieldId: 'path', text: 'Choose what you need to record' },
      ]);
      return;
    }
    if (path === 'consider') {
      const viewingId = `v-${crypto.randomUUID()}`;
      const result = await s.submit(
        {
          type: 'viewing.justified',
          viewingId,
          grounds,
          reason,
          safeguards: Object.fromEntries(
            SAFEGUARDS.map((g) => [g.key, safeguards.includes(g.key)]),
          ) as unknown as ViewingSafeguards,
          ...(grounds.includes('only-way-to-decide') && { factsNotFromYoungPeople: factsNotFromYP }),
          occurredAt,
        },
        whenErrors(when),
      );
      if (result.ok) {
        setPendingId(viewingId);
        setWhy(reason);
        setPath('record');
        setBanner(
          'Viewing is justified and the safeguards are recorded. After the viewing, record it here: who was present, why, what followed, and both signatures.',
        );
        setWhen(nowLocalInput());
        window.scrollTo?.(0, 0);
      }
      return;
    }
    if (path === 'record' || path === 'unavoidable') {
      const unavoidable = path === 'unavoidable';
      const viewingId = unavoidable ? `v-${crypto.randomUUID()}` : (chosenPending?.id ?? '');
      const present = [...new Set([viewer.trim(), witness.trim(), ...lines(others)].filter(Boolean))];
      const result = await s.submit(
        {
          type: 'viewing.recorded',
          viewingId,
          unavoidable,
          viewer,
          witness,
          present,
          why,
          actions,
          viewerSignature: viewerSig,
          witnessSignature: witness.trim() ? witnessSig : emptySignature('', 'typed'),
          occurredAt,
        },
        whenErrors(when),
      );
      if (result.ok) {
        setSupportTo(lines([viewer, witness].join('\n')).join(', '));
        resetRecord();
        setPath('support');
        setBanner('The viewing is recorded. Now record the support offered to the staff who viewed it (R11.5).');
        setWhen(nowLocalInput());
        window.scrollTo?.(0, 0);
      }
      return;
    }
    const result = await s.submit(
      { type: 'support.offered', to: supportTo, ...(supportNote.trim() && { note: supportNote }), occurredAt },
      whenErrors(when),
    );
    if (result.ok) navigate(`/cases/${s.caseId}`);
  };

  const pathItems = [
    {
      value: 'consider',
      label: 'Viewing is being considered',
      hint: 'Before anyone views it: the grounds, the reason and every safeguard (R11.2, R11.3).',
    },
    ...(pending.length > 0
      ? [
          {
            value: 'record',
            label: 'Record a viewing that was justified',
            hint: 'After the viewing: who was present, why, what followed, and the viewer’s and witness’s signatures (R11.4).',
          },
        ]
      : []),
    {
      value: 'unavoidable',
      label: 'It was seen unavoidably',
      hint: 'A young person showed it to staff, or it was found on a school device or network. Record it after the fact (R11.4).',
    },
    {
      value: 'support',
      label: 'Support offered to staff who viewed',
      hint: 'Offer support to anyone who viewed it, including unavoidably (R11.5).',
    },
  ];

  const buttonText: Record<Path, string> = {
    consider: 'Record why viewing is justified',
    record: 'Record the viewing',
    unavoidable: 'Record the viewing after the fact',
    support: 'Record the support offered',
  };

  const recordFields = (unavoidable: boolean) => (
    <>
      {!unavoidable && pending.length > 1 && (
        <Select
          id="pending-viewing"
          label="Which justified viewing are you recording?"
          options={pending.map((v, i) => ({
            value: v.id,
            label: `Justified ${formatDateTime(v.justification?.at)} (${i + 1} of ${pending.length})`,
          }))}
          value={chosenPending?.id ?? ''}
          onChange={(id) => {
            setPendingId(id);
            setWhy(c.viewings.find((v) => v.id === id)?.justification?.reason ?? '');
          }}
        />
      )}
      <TextInput
        id="viewer"
        label="Who viewed the imagery?"
        hint={
          unavoidable
            ? 'Name and role, for example “Sam Jones, IT technician”.'
            : 'The DSL, or a member of the safeguarding team with delegated authority.'
        }
        value={viewer}
        error={errorFor('viewer')}
        onChange={(v) => {
          follow(viewer, v, viewerSig, setViewerSig);
          setViewer(v);
        }}
      />
      <TextInput
        id="witness"
        label={
          unavoidable
            ? 'Was another member of staff there? (optional)'
            : 'Who was the other member of staff present (the witness)?'
        }
        hint={
          unavoidable
            ? 'Their name and role, if anyone else was there.'
            : 'Ideally the Headteacher or a senior leader. They need not view it.'
        }
        value={witness}
        error={errorFor('witness')}
        onChange={(v) => {
          follow(witness, v, witnessSig, setWitnessSig);
          setWitness(v);
        }}
      />
      <Textarea
        id="others"
        label="Who else was present?"
        hint="One person per line, with their role. The viewer and the witness are included."
        value={others}
        onChange={setOthers}
        rows={2}
      />
      <Textarea
        id="why"
        label={unavoidable ? 'How was it seen, and why?' : 'Why was it viewed?'}
        hint="Describe; never copy, paste or attach an image. Say what you learned in words only if it matters for the response."
        value={why}
        error={errorFor('why')}
        onChange={setWhy}
        rows={3}
      />
      <Textarea
        id="actions"
        label="What actions followed?"
        value={actions}
        error={errorFor('actions')}
        onChange={setActions}
        rows={3}
      />
      <OccurredAt
        value={when}
        onChange={setWhen}
        label={unavoidable ? 'When was it seen?' : 'When was it viewed?'}
        error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text}
      />
      <SignaturePad
        id="viewer-signature"
        legend="The viewer’s signature"
        value={viewerSig}
        onChange={setViewerSig}
        error={errorFor(signatureNameId('viewer-signature'))}
      />
      {(witness.trim() || !unavoidable) && (
        <SignaturePad
          id="witness-signature"
          legend="The witness’s signature"
          hint={unavoidable ? undefined : 'The other member of staff who was present signs too (R11.4).'}
          value={witnessSig}
          onChange={setWitnessSig}
          error={errorFor(signatureNameId('witness-signature'))}
        />
      )}
    </>
  );

  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      {banner && s.errors.length === 0 && <NotificationBanner variant="success" heading={banner} />}
      <h1 className="app-heading-l">Viewing the imagery</h1>
      <WarningText>In most cases imagery should not be viewed.</WarningText>
      <p className="app-body">
        Staff do not view imagery unless there is good and clear reason: respond on what you are told. Never view it if
        that would cause the young person significant distress or harm. Searching a device for imagery is viewing. Find
        out what it shows by asking, never by looking.
      </p>
      <InsetText>
        <RuleLink rule="R11.1" /> <QuoteOf rule="R11.1" />
      </InsetText>

      {c.viewings.length > 0 && (
        <section aria-labelledby="viewings-heading">
          <h2 className="app-heading-m" id="viewings-heading">
            Viewings recorded in this case
          </h2>
          {c.viewings.map((v, i) => (
            <ViewingSummary key={v.id} v={v} index={i} />
          ))}
        </section>
      )}
      {(c.supportOffered.length > 0 || recorded.length > 0) && (
        <section aria-labelledby="support-heading" className="app-review-block">
          <h2 className="app-heading-m" id="support-heading">
            Support offered to staff who viewed (R11.5)
          </h2>
          {c.supportOffered.length === 0 ? (
            <p className="app-body">
              <Tag colour="blue">To do</Tag> No support has been recorded yet.
            </p>
          ) : (
            <SummaryList
              rows={c.supportOffered.map((x) => ({
                key: x.to,
                value: `${x.note ? `${x.note}. ` : ''}Offered ${formatDateTime(x.at)} by ${x.by.name}`,
              }))}
            />
          )}
        </section>
      )}

      <h2 className="app-heading-m">Record a step</h2>
      <Radios
        id="path"
        legend="What do you need to record?"
        legendSize="s"
        items={pathItems}
        value={path}
        error={errorFor('path')}
        onChange={(v) => {
          setPath(v as Path);
          setBanner(null);
          s.setErrors([]);
          if (v === 'record') setWhy(chosenPending?.justification?.reason ?? '');
          if (v === 'unavoidable') setWhy('');
        }}
      />

      {path === 'consider' && (
        <section aria-labelledby="consider-heading">
          <h2 className="app-heading-m" id="consider-heading">
            Before anyone views it
          </h2>
          <Checkboxes
            id="grounds"
            legend="Why would viewing be justified? (R11.2)"
            hint="Viewing is justified only on one of these grounds. Select all that apply."
            items={GROUNDS.map((g) =>
              g.value === 'only-way-to-decide'
                ? {
                    ...g,
                    conditional: (
                      <Checkboxes
                        id="facts-not-from-yp"
                        legend="Have you tried the young people first?"
                        legendSize="s"
                        items={[{ value: 'yes', label: 'The facts cannot be established from the young people' }]}
                        values={factsNotFromYP ? ['yes'] : []}
                        error={errorFor('facts-not-from-yp')}
                        onChange={(v) => setFactsNotFromYP(v.includes('yes'))}
                      />
                    ),
                  }
                : g,
            )}
            values={grounds}
            error={errorFor('grounds')}
            onChange={(v) => setGrounds(v as ViewingGround[])}
          />
          <Textarea
            id="viewing-reason"
            label="Why is viewing necessary?"
            hint="Describe in words. Never copy, paste or attach an image."
            value={reason}
            error={errorFor('viewing-reason')}
            onChange={setReason}
            rows={4}
          />
          <Checkboxes
            id="safeguards"
            legend="The safeguards (R11.3)"
            hint="Confirm each one before anyone views the imagery."
            items={SAFEGUARDS.map((g) => ({ value: g.key, label: g.label }))}
            values={safeguards}
            error={errorFor('safeguards')}
            onChange={(v) => setSafeguards(v as (keyof ViewingSafeguards)[])}
          />
          <OccurredAt
            value={when}
            onChange={setWhen}
            label="When was this decided?"
            error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text}
          />
        </section>
      )}

      {path === 'record' && (
        <section aria-labelledby="record-heading">
          <h2 className="app-heading-m" id="record-heading">
            The record of the viewing (R11.4)
          </h2>
          {chosenPending?.justification && (
            <p className="app-body">
              Justified {formatDateTime(chosenPending.justification.at)} by {chosenPending.justification.by.name}:{' '}
              {chosenPending.justification.grounds.map((g) => GROUND_LABELS[g].toLowerCase()).join('; ')}.
            </p>
          )}
          {recordFields(false)}
        </section>
      )}

      {path === 'unavoidable' && (
        <section aria-labelledby="unavoidable-heading">
          <h2 className="app-heading-m" id="unavoidable-heading">
            Record an unavoidable viewing, after the fact (R11.4)
          </h2>
          <p className="app-body">
            For example, a young person showed it to a member of staff, or it was found on a school device or network.
          </p>
          {recordFields(true)}
        </section>
      )}

      {path === 'support' && (
        <section aria-labelledby="support-form-heading">
          <h2 className="app-heading-m" id="support-form-heading">
            Record the support offered (R11.5)
          </h2>
          <TextInput
            id="support-to"
            label="Who was offered support?"
            hint="Everyone who viewed it, including unavoidably."
            value={supportTo}
            error={errorFor('support-to')}
            onChange={setSupportTo}
          />
          <Textarea
            id="support-note"
            label="What support was offered? (optional)"
            value={supportNote}
            onChange={setSupportNote}
            rows={3}
          />
          <OccurredAt
            value={when}
            onChange={setWhen}
            label="When was it offered?"
            error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text}
          />
        </section>
      )}

      <ActionBar>
        <Button disabled={s.busy} onClick={onSubmit}>
          {path ? buttonText[path] : 'Continue'}
        </Button>
      </ActionBar>
    </div>
  );
}
