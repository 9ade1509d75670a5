// Viewing the imagery (R11): in most cases it is not viewed. When viewing is considered, the
// grounds, the reason and every safeguard come first ('viewing.justified'), then the record of the
// viewing, signed by the viewer and the witness ('viewing.recorded'). A viewing that could not be
// avoided is recorded after the fact. Then the support offered to the staff who viewed (R11.5).
// The domain decides what is enough; this page asks it (useStep) and shows its reasons.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ViewingSafeguards } from '../../domain/events';
import {
  ActionBar,
  Button,
  ErrorSummary,
  InsetText,
  NotificationBanner,
  Radios,
  Textarea,
  TextInput,
  WarningText,
} from '../components';
import { useStep } from '../data/useStep';
import { formatDateTime, nowLocalInput } from '../format';
import { QuoteOf, RuleLink } from '../policy/PolicySays';
import { emptySignature } from '../signature/strokes';
import { CaseHeader } from './CaseHeader';
import { OccurredAt, occurredAtIso, whenErrors } from './OccurredAt';
import './case.css';
import { type Path, GROUND_LABELS, PATH_BUTTON, pathItems, SAFEGUARDS, VIEWING_FIELDS, lines } from './viewing/choices';
import { SupportOfferedSummary, ViewingSummary } from './viewing/ViewingSummary';
import { RecordViewingFields, useViewingRecord } from './viewing/RecordViewingFields';
import { ConsiderViewingFields, useViewingJustification } from './viewing/ConsiderViewingFields';

export function ViewingPage() {
  const s = useStep(VIEWING_FIELDS, 'path');
  const navigate = useNavigate();
  const c = s.snapshot.context;
  const pending = c.viewings.filter((v) => v.justification && !v.record);
  const recorded = c.viewings.filter((v) => v.record);

  const [path, setPath] = useState<Path | null>(pending.length > 0 ? 'record' : null);
  const [banner, setBanner] = useState<string | null>(null);
  // Justification (R11.2, R11.3).
  const justification = useViewingJustification();
  // The record (R11.4).
  const [pendingId, setPendingId] = useState<string>(pending[0]?.id ?? '');
  const record = useViewingRecord(pending[0]?.justification?.reason ?? '');
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

  const chosenPending = c.viewings.find((v) => v.id === pendingId && v.justification && !v.record) ?? pending[0];

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
          grounds: justification.grounds,
          reason: justification.reason,
          safeguards: Object.fromEntries(
            SAFEGUARDS.map((g) => [g.key, justification.safeguards.includes(g.key)]),
          ) as unknown as ViewingSafeguards,
          ...(justification.grounds.includes('only-way-to-decide') && {
            factsNotFromYoungPeople: justification.factsNotFromYP,
          }),
          occurredAt,
        },
        whenErrors(when),
      );
      if (result.ok) {
        setPendingId(viewingId);
        record.setWhy(justification.reason);
        setPath('record');
        setBanner(
          'Viewing is justified and the justification.safeguards are recorded. After the viewing, record it here: who was present, why, what followed, and both signatures.',
        );
        setWhen(nowLocalInput());
        window.scrollTo?.(0, 0);
      }
      return;
    }
    if (path === 'record' || path === 'unavoidable') {
      const unavoidable = path === 'unavoidable';
      const viewingId = unavoidable ? `v-${crypto.randomUUID()}` : (chosenPending?.id ?? '');
      const present = [
        ...new Set([record.viewer.trim(), record.witness.trim(), ...lines(record.others)].filter(Boolean)),
      ];
      const result = await s.submit(
        {
          type: 'viewing.recorded',
          viewingId,
          unavoidable,
          viewer: record.viewer,
          witness: record.witness,
          present,
          why: record.why,
          actions: record.actions,
          viewerSignature: record.viewerSig,
          witnessSignature: record.witness.trim() ? record.witnessSig : emptySignature('', 'typed'),
          occurredAt,
        },
        whenErrors(when),
      );
      if (result.ok) {
        setSupportTo(lines([record.viewer, record.witness].join('\n')).join(', '));
        record.reset();
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

  const recordProps = {
    form: record,
    pending,
    chosenPending,
    onChoosePending: (id: string) => {
      setPendingId(id);
      record.setWhy(c.viewings.find((v) => v.id === id)?.justification?.reason ?? '');
    },
    when,
    setWhen,
    whenError: s.errors.find((x) => x.fieldId === 'occurred-at')?.text,
    errorFor,
  };

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
      <SupportOfferedSummary supportOffered={c.supportOffered} anyRecorded={recorded.length > 0} />

      <h2 className="app-heading-m">Record a step</h2>
      <Radios
        id="path"
        legend="What do you need to record?"
        legendSize="s"
        items={pathItems(pending.length > 0)}
        value={path}
        error={errorFor('path')}
        onChange={(v) => {
          setPath(v as Path);
          setBanner(null);
          s.setErrors([]);
          if (v === 'record') record.setWhy(chosenPending?.justification?.reason ?? '');
          if (v === 'unavoidable') record.setWhy('');
        }}
      />

      {path === 'consider' && (
        <ConsiderViewingFields
          form={justification}
          when={when}
          setWhen={setWhen}
          whenError={s.errors.find((x) => x.fieldId === 'occurred-at')?.text}
          errorFor={errorFor}
        />
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
          <RecordViewingFields unavoidable={false} {...recordProps} />
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
          <RecordViewingFields unavoidable={true} {...recordProps} />
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
          {path ? PATH_BUTTON[path] : 'Continue'}
        </Button>
      </ActionBar>
    </div>
  );
}
