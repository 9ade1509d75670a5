// The rest of the response: devices for the police (R10.2), risk assessment (R8), parents and
// carers (R9), talking with the young people (R13), children's social care (R10.3), online
// removal (R15), closing. Each records one step and lets the domain say yes or why not.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { referenceDate } from '../../domain/case';
import { explainClosing } from '../../domain/gates';
import { owedToPolicy, parentsToInform } from '../../domain/owed';
import { OwedList } from './OwedList';
import { youngPeople } from '../../domain/rules/triggers';
import type { ParentsDecision } from '../../domain/events';
import type { IncidentFacts, RiskLevel } from '../../domain/types';
import {
  ActionBar,
  Button,
  Checkboxes,
  ErrorSummary,
  InsetText,
  PhoneLink,
  Radios,
  Select,
  SummaryList,
  Textarea,
  TextInput,
  WarningText,
} from '../components';
import { type FieldIds, useStep } from '../data/useStep';
import { useDraftField } from '../data/drafts';
import { useSettings } from '../data/settings';
import { formatDateTime, nowLocalInput } from '../format';
import { CaseHeader } from './CaseHeader';
import { OccurredAt, occurredAtIso, whenErrors } from './OccurredAt';

function usePage(fields: FieldIds, fallback?: string) {
  const s = useStep(fields, fallback);
  const navigate = useNavigate();
  return { ...s, back: () => navigate(`/cases/${s.caseId}`) };
}

/** Where each page shows the answers its step's reasons can name (src/domain/reasons.ts). */
export const DEVICE_FIELDS = {
  description: 'description',
  switchedOff: 'checks',
  lockedAway: 'checks',
  collectedBy: 'collected-by',
} satisfies FieldIds;
export const RISK_FIELDS = { tool: 'tool' } satisfies FieldIds;
export const PARENTS_FIELDS = { personId: 'person', reason: 'reason', agreedWith: 'agreed-with' } satisfies FieldIds;
export const CONVERSATION_FIELDS = { conductedBy: 'by', summary: 'summary' } satisfies FieldIds;
export const SOCIAL_CARE_FIELDS = { to: 'to' } satisfies FieldIds;
export const REMOVAL_FIELDS = { note: 'note' } satisfies FieldIds;
export const CLOSE_FIELDS = { summary: 'summary' } satisfies FieldIds;
export const AMEND_FIELDS = { reason: 'reason' } satisfies FieldIds;

export function DevicesPage() {
  const s = usePage(DEVICE_FIELDS, 'checks');
  const settings = useSettings();
  const c = s.snapshot.context;
  const [description, setDescription] = useDraftField('description', '');
  const [checks, setChecks] = useState<string[]>([]);
  const [where, setWhere] = useDraftField('where', '');
  const [when, setWhen] = useState(nowLocalInput());
  const held = c.devices.filter((d) => !d.collected);
  const [collectedBy, setCollectedBy] = useDraftField('collectedBy', '');
  const [policeRef, setPoliceRef] = useDraftField('policeRef', '');
  const [collectFor, setCollectFor] = useState(held[0]?.id ?? '');
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Devices for the police</h1>
      <WarningText>
        Do not look through the device, and do not delete anything: searching a device is viewing (R11.1), and it may be
        evidence (R12.1).
      </WarningText>
      <p className="app-body">
        If a device needs to go to the police: confiscate it, call the police, switch it off and keep it under lock and
        key until they collect it (R10.2).
      </p>
      <PhoneLink number={settings.policeNonEmergency} label="Police (non-emergency)" />
      {c.devices.length > 0 &&
        c.devices.map((d) => (
          <SummaryList
            key={d.id}
            rows={[
              { key: 'Device', value: d.description },
              { key: 'Secured', value: `${formatDateTime(d.secured.at)} by ${d.secured.by.name}, ${d.where}` },
              {
                key: 'Collected',
                value: d.collected
                  ? `${formatDateTime(d.collected.at)} by ${d.collected.collectedBy}${d.collected.reference ? ` (ref. ${d.collected.reference})` : ''}`
                  : 'Not yet',
              },
            ]}
          />
        ))}
      {held.length > 0 && (
        <section aria-labelledby="collect-heading">
          <h2 className="app-heading-m" id="collect-heading">
            Handed to the police
          </h2>
          {held.length > 1 && (
            <Radios
              id="collect-for"
              legend="Which device?"
              items={held.map((d) => ({ value: d.id, label: d.description }))}
              value={collectFor}
              onChange={setCollectFor}
            />
          )}
          <TextInput
            id="collected-by"
            label="Collected by (name, rank or number)"
            value={collectedBy}
            onChange={setCollectedBy}
          />
          <TextInput
            id="police-ref"
            label="Police reference"
            hint="If given."
            value={policeRef}
            onChange={setPoliceRef}
            width="20"
          />
          <Button
            disabled={s.busy}
            onClick={async () => {
              const r = await s.submit({
                type: 'device.collected',
                deviceId: collectFor || held[0]!.id,
                collectedBy,
                ...(policeRef.trim() && { reference: policeRef }),
                occurredAt: new Date().toISOString(),
              });
              if (r.ok) s.back();
            }}
          >
            Record the handover
          </Button>
        </section>
      )}
      <h2 className="app-heading-m">Secure a device</h2>
      <TextInput
        id="description"
        label="Describe the device"
        hint="For example “black iPhone in a blue case, belongs to Sam”. Never its contents."
        value={description}
        onChange={setDescription}
      />
      <Checkboxes
        id="checks"
        legend="Confirm"
        items={[
          { value: 'off', label: 'It is switched off' },
          { value: 'locked', label: 'It is locked away' },
        ]}
        values={checks}
        onChange={setChecks}
      />
      <TextInput id="where" label="Where is it kept?" value={where} onChange={setWhere} />
      <OccurredAt value={when} onChange={setWhen} error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text} />
      <ActionBar>
        <Button
          disabled={s.busy}
          onClick={async () => {
            const r = await s.submit(
              {
                type: 'device.secured',
                deviceId: `dev-${crypto.randomUUID()}`,
                description,
                switchedOff: checks.includes('off'),
                lockedAway: checks.includes('locked'),
                where,
                occurredAt: occurredAtIso(when),
              },
              whenErrors(when),
            );
            if (r.ok) s.back();
          }}
        >
          Record the device as secured
        </Button>
      </ActionBar>
    </div>
  );
}

const R8_QUESTIONS: { key: string; label: string; rule: string }[] = [
  { key: 'why', label: 'Why was the imagery shared?', rule: 'R8.1' },
  { key: 'pressure', label: 'Was the young person coerced or put under pressure to produce it?', rule: 'R8.2' },
  { key: 'who', label: 'Who has shared it?', rule: 'R8.3' },
  { key: 'where', label: 'Where has it been shared?', rule: 'R8.4' },
  {
    key: 'knowledge',
    label: 'Was it shared and received with the knowledge of the young person pictured?',
    rule: 'R8.5',
  },
  { key: 'adults', label: 'Are any adults involved in the sharing?', rule: 'R8.6' },
  { key: 'impact', label: 'What is the impact on the young people involved?', rule: 'R8.7' },
  { key: 'vulnerabilities', label: 'Do the young people have additional vulnerabilities?', rule: 'R8.8' },
  { key: 'consent', label: 'Does the young person understand consent?', rule: 'R8.9' },
  { key: 'before', label: 'Has the young person taken part in this kind of activity before?', rule: 'R8.10' },
];

export function RiskAssessmentPage() {
  const s = usePage(RISK_FIELDS, 'tool');
  const settings = useSettings();
  const c = s.snapshot.context;
  const [tool, setTool] = useState(c.facts.riskTool?.tool ?? settings.riskTools[0] ?? '');
  const [level, setLevel] = useState<RiskLevel | ''>(c.facts.riskTool?.level ?? '');
  const [answers, setAnswers] = useDraftField<Record<string, string>>('answers', {});
  const [facts, setFacts] = useState<Partial<IncidentFacts>>({});
  const [when, setWhen] = useState(nowLocalInput());
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Risk assessment</h1>
      <p className="app-body">
        The DSL reviews the facts, including talking with the young people, and assesses the risks with colleagues (R8,
        R8.11). Any answer that shows harm, an adult, coercion or another trigger sends the case back to referral
        (R6.9).
      </p>
      {c.riskAssessments.map((r) => (
        <SummaryList
          key={r.eventId}
          rows={[{ key: 'Assessed', value: `${formatDateTime(r.at)} by ${r.by.name}: ${r.tool}, ${r.level} risk` }]}
        />
      ))}
      <TextInput id="tool" label="Local risk tool used" value={tool} onChange={setTool} list="risk-tools-ra" />
      <datalist id="risk-tools-ra">
        {settings.riskTools.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <Radios
        id="level"
        legend="What did the tool say?"
        hint="The app never scores risk itself."
        inline
        items={[
          { value: 'low', label: 'Low' },
          { value: 'medium', label: 'Medium' },
          { value: 'high', label: 'High' },
        ]}
        value={level}
        onChange={(v) => setLevel(v as RiskLevel)}
      />
      {R8_QUESTIONS.map((q) => (
        <Textarea
          key={q.key}
          id={`r8-${q.key}`}
          label={`${q.label} (${q.rule})`}
          value={answers[q.key] ?? ''}
          onChange={(v) => setAnswers({ ...answers, [q.key]: v })}
          rows={2}
        />
      ))}
      <Radios
        id="adult-found"
        legend="Did the assessment find an adult involved, coercion, or harm not known before?"
        hint="If yes, record it: the case escalates to referral."
        items={[
          { value: 'no', label: 'No' },
          { value: 'harm', label: 'Yes: a young person is at risk of harm' },
          { value: 'coercion', label: 'Yes: coercion, pressure or grooming' },
        ]}
        value={facts.immediateRiskOfHarm === 'yes' ? 'harm' : facts.coercionOrGrooming === 'yes' ? 'coercion' : 'no'}
        onChange={(v) =>
          setFacts(
            v === 'harm' ? { immediateRiskOfHarm: 'yes' } : v === 'coercion' ? { coercionOrGrooming: 'yes' } : {},
          )
        }
      />
      <OccurredAt value={when} onChange={setWhen} error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text} />
      <ActionBar>
        <Button
          disabled={s.busy}
          onClick={async () => {
            const errs = [
              ...whenErrors(when),
              ...(level ? [] : [{ fieldId: 'level', text: 'Choose what the risk tool said' }]),
            ];
            const r = await s.submit(
              {
                type: 'risk.assessed',
                tool,
                level: (level || 'low') as RiskLevel,
                answers,
                facts,
                occurredAt: occurredAtIso(when),
              },
              errs,
            );
            if (r.ok) s.back();
          }}
        >
          Save the risk assessment
        </Button>
      </ActionBar>
    </div>
  );
}

export function ParentsPage() {
  const s = usePage(PARENTS_FIELDS, 'decision');
  const c = s.snapshot.context;
  const yp = parentsToInform(c);
  const [personId, setPersonId] = useState(yp.find((p) => !c.parents[p.id])?.id ?? yp[0]?.id ?? '');
  const [decision, setDecision] = useState<ParentsDecision | ''>('');
  const [informedBy, setInformedBy] = useDraftField('informedBy', '');
  const [reason, setReason] = useDraftField('reason', '');
  const [agreedWith, setAgreedWith] = useState<'' | 'mash' | 'police'>('');
  const [when, setWhen] = useState(nowLocalInput());
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Parents and carers</h1>
      <p className="app-body">
        Parents and carers are told early and involved, unless that would put the young person at risk of harm (R9.1).
        You may support the young person to tell them themselves (R9.3). A decision not to tell them is generally made
        with the MASH or the police, who then lead on when they are told (R9.2).
      </p>
      <SummaryList
        rows={yp.map((p) => ({
          key: p.name || 'A young person',
          value: c.parents[p.id]
            ? `${c.parents[p.id]!.decision.replace(/-/g, ' ')} (${formatDateTime(c.parents[p.id]!.at)})`
            : 'Not recorded yet',
        }))}
      />
      <Radios
        id="person"
        legend="Which young person?"
        items={yp.map((p) => ({ value: p.id, label: p.name || 'A young person' }))}
        value={personId}
        onChange={setPersonId}
      />
      <Radios
        id="decision"
        legend="What happened?"
        items={[
          {
            value: 'informed',
            label: 'Parents or carers were told',
            conditional: (
              <TextInput id="informed-by" label="Who told them?" value={informedBy} onChange={setInformedBy} />
            ),
          },
          { value: 'young-person-will-tell', label: 'The young person will tell them, with our support' },
          {
            value: 'not-informed',
            label: 'They will not be told for now',
            conditional: (
              <>
                <Textarea
                  id="reason"
                  label="Why would telling them put the young person at risk of harm?"
                  value={reason}
                  onChange={setReason}
                  rows={3}
                />
                <Radios
                  id="agreed-with"
                  legend="Was this decided with the MASH or the police?"
                  items={[
                    { value: 'mash', label: 'With the MASH' },
                    { value: 'police', label: 'With the police' },
                  ]}
                  value={agreedWith}
                  onChange={(v) => setAgreedWith(v as 'mash' | 'police')}
                />
              </>
            ),
          },
        ]}
        value={decision}
        onChange={(v) => setDecision(v as ParentsDecision)}
      />
      <OccurredAt value={when} onChange={setWhen} error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text} />
      <ActionBar>
        <Button
          disabled={s.busy}
          onClick={async () => {
            const errs = [
              ...whenErrors(when),
              ...(decision ? [] : [{ fieldId: 'decision', text: 'Choose what happened' }]),
              ...(personId ? [] : [{ fieldId: 'person', text: 'Choose a young person' }]),
            ];
            const r = await s.submit(
              {
                type: 'parents.recorded',
                personId,
                decision: (decision || 'informed') as ParentsDecision,
                ...(informedBy.trim() && { informedBy }),
                ...(decision === 'not-informed' && reason.trim() && { reason }),
                ...(decision === 'not-informed' && agreedWith && { agreedWith }),
                occurredAt: occurredAtIso(when),
              },
              errs,
            );
            if (r.ok) s.back();
          }}
        >
          Save
        </Button>
      </ActionBar>
    </div>
  );
}

export function ConversationsPage() {
  const s = usePage(CONVERSATION_FIELDS, 'summary');
  const c = s.snapshot.context;
  const yp = youngPeople(c.facts.persons, referenceDate(c));
  const [personId, setPersonId] = useState(yp[0]?.id ?? '');
  const [by, setBy] = useState(s.gateway.actor.name);
  const [summary, setSummary] = useDraftField('summary', '');
  const [when, setWhen] = useState(nowLocalInput());
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Talking with the young people</h1>
      <InsetText>
        <p className="app-body">
          Once a young person is not at immediate risk, talk with them: the DSL if possible, or a teacher they are more
          comfortable with (R13.1).
        </p>
        <ul className="app-list app-list--bullet">
          <li>
            Recognise the pressures they are under. Stay solution-focused: avoid “why have you done this?”. Reassure
            them (R13.2).
          </li>
          <li>Help them understand what has happened; talk about consent and trust in healthy relationships.</li>
          <li>Find out, without looking, what the image contains and who else is involved (R13.3).</li>
          <li>Find out who has seen or shared it, and how to stop it spreading further.</li>
          <li>Never ask them to show or send you the image.</li>
        </ul>
      </InsetText>
      {c.conversations.map((x) => (
        <SummaryList key={x.eventId} rows={[{ key: `${formatDateTime(x.at)}, ${x.conductedBy}`, value: x.summary }]} />
      ))}
      <Radios
        id="person"
        legend="Who did you talk with?"
        items={yp.map((p) => ({ value: p.id, label: p.name || 'A young person' }))}
        value={personId}
        onChange={setPersonId}
      />
      <TextInput id="by" label="Who spoke with them?" value={by} onChange={setBy} />
      <Textarea
        id="summary"
        label="What was said, and what was agreed"
        value={summary}
        onChange={setSummary}
        rows={6}
      />
      <OccurredAt value={when} onChange={setWhen} error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text} />
      <ActionBar>
        <Button
          disabled={s.busy}
          onClick={async () => {
            const r = await s.submit(
              { type: 'conversation.recorded', personId, conductedBy: by, summary, occurredAt: occurredAtIso(when) },
              whenErrors(when),
            );
            if (r.ok) s.back();
          }}
        >
          Save the conversation
        </Button>
      </ActionBar>
    </div>
  );
}

export function SocialCarePage() {
  const s = usePage(SOCIAL_CARE_FIELDS, 'to');
  const c = s.snapshot.context;
  const [to, setTo] = useDraftField('to', '');
  const [outcome, setOutcome] = useDraftField('outcome', '');
  const [when, setWhen] = useState(nowLocalInput());
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Children’s social care</h1>
      <p className="app-body">
        If children’s social care is, may be, or has been involved with a young person, contact them, whatever the
        route, including when the school manages the incident (R10.3). If wider concerns meet the threshold, refer under
        child protection procedures (R10.4): record that as a referral.
      </p>
      {c.socialCareContacts.map((x) => (
        <SummaryList key={x.eventId} rows={[{ key: `${formatDateTime(x.at)}: ${x.to}`, value: x.outcome }]} />
      ))}
      <TextInput
        id="to"
        label="Who did you contact?"
        hint="Name and team, for example the allocated social worker."
        value={to}
        onChange={setTo}
      />
      <Textarea id="outcome" label="What was agreed?" value={outcome} onChange={setOutcome} rows={4} />
      <OccurredAt value={when} onChange={setWhen} error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text} />
      <ActionBar>
        <Button
          disabled={s.busy}
          onClick={async () => {
            const r = await s.submit(
              { type: 'social-care.contacted', to, outcome, occurredAt: occurredAtIso(when) },
              whenErrors(when),
            );
            if (r.ok) s.back();
          }}
        >
          Save the contact
        </Button>
      </ActionBar>
    </div>
  );
}

export function RemovalPage() {
  const s = usePage(REMOVAL_FIELDS, 'note');
  const c = s.snapshot.context;
  const [service, setService] = useState<'report-remove' | 'take-it-down' | 'platform' | ''>('');
  const [platform, setPlatform] = useDraftField('platform', '');
  const [note, setNote] = useDraftField('note', '');
  const [when, setWhen] = useState(nowLocalInput());
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Removing imagery online</h1>
      <p className="app-body">
        Help the young person remove imagery from devices and social media, especially if they are distressed (R15.1).
        This is separate from deletion and can happen at any stage (R12.7).
      </p>
      <WarningText>
        This app uploads nothing. The young person makes these reports on their own device; you never handle the image.
      </WarningText>
      <h2 className="app-heading-m">Read with the young person</h2>
      <ul className="app-list app-list--bullet">
        <li>
          <strong>Report Remove</strong> (Childline and the Internet Watch Foundation), for under-18s: the young person
          proves their age, reports the image or video, and the IWF works to have it removed from the internet.
          Childline offers support while they do it.
        </li>
        <li>
          <strong>Take It Down</strong> (NCMEC): a “fingerprint” (hash) of the image is made on the young person’s own
          device. The image itself never leaves their device. Participating platforms use the fingerprint to find and
          remove copies.
        </li>
        <li>
          Most social media services have their own reporting function, and some accept reports from someone other than
          the person pictured.
        </li>
      </ul>
      {c.removals.map((x) => (
        <SummaryList
          key={x.eventId}
          rows={[
            { key: formatDateTime(x.at), value: `${x.service}${x.platform ? ` (${x.platform})` : ''}: ${x.note}` },
          ]}
        />
      ))}
      <Radios
        id="service"
        legend="What was used?"
        items={[
          { value: 'report-remove', label: 'Report Remove' },
          { value: 'take-it-down', label: 'Take It Down' },
          {
            value: 'platform',
            label: 'The platform’s own reporting',
            conditional: <TextInput id="platform" label="Which platform?" value={platform} onChange={setPlatform} />,
          },
        ]}
        value={service}
        onChange={(v) => setService(v as 'report-remove')}
      />
      <Textarea
        id="note"
        label="What was done, and by whom"
        hint="Describe only."
        value={note}
        onChange={setNote}
        rows={3}
      />
      <OccurredAt value={when} onChange={setWhen} error={s.errors.find((x) => x.fieldId === 'occurred-at')?.text} />
      <ActionBar>
        <Button
          disabled={s.busy}
          onClick={async () => {
            const errs = [
              ...whenErrors(when),
              ...(service ? [] : [{ fieldId: 'service', text: 'Choose what was used' }]),
            ];
            const r = await s.submit(
              {
                type: 'removal.reported',
                service: (service || 'platform') as 'platform',
                ...(platform.trim() && { platform }),
                note,
                occurredAt: occurredAtIso(when),
              },
              errs,
            );
            if (r.ok) s.back();
          }}
        >
          Save
        </Button>
      </ActionBar>
    </div>
  );
}

export function ClosePage() {
  const s = usePage(CLOSE_FIELDS);
  const c = s.snapshot.context;
  const closing = explainClosing(c);
  const owed = owedToPolicy(c).filter((x) => x.blocks.includes('close'));
  const [summary, setSummary] = useDraftField('summary', '');
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Close the case</h1>
      {closing.allowed ? (
        <p className="app-body">Everything the policy asks for is recorded. Write a closing summary.</p>
      ) : (
        <>
          <p className="app-body">
            Before the case can be closed, what it still owes the policy, and where each is done:
          </p>
          <OwedList caseId={s.caseId} items={owed} />
        </>
      )}
      <Textarea
        id="summary"
        label="Closing summary"
        hint="What was done, and how the young people are now."
        value={summary}
        onChange={setSummary}
        rows={5}
      />
      <ActionBar>
        <Button
          disabled={s.busy || !closing.allowed}
          onClick={async () => {
            const r = await s.submit({ type: 'case.closed', summary, occurredAt: new Date().toISOString() });
            if (r.ok) s.back();
          }}
        >
          Close the case
        </Button>
      </ActionBar>
    </div>
  );
}

export function AmendPage() {
  const s = usePage(AMEND_FIELDS, 'reason');
  const c = s.snapshot.context;
  const fields = c.disclosure
    ? (['account', 'disclosedBy', 'disclosedTo', 'imageryDescription', 'spreadNotes', 'actionsTaken'] as const).map(
        (k) => ({
          value: `disclosure.${k}`,
          label: `Disclosure: ${k.replace(/([A-Z])/g, ' $1').toLowerCase()}`,
          before: String(c.disclosure?.[k] ?? ''),
        }),
      )
    : [];
  const [field, setField] = useState(fields[0]?.value ?? '');
  const current = fields.find((f) => f.value === field);
  const [after, setAfter] = useState(current?.before ?? '');
  const [reason, setReason] = useDraftField('reason', '');
  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Amend an answer</h1>
      <p className="app-body">
        A correction is recorded as an amendment with its reason. The earlier answer stays in the chronology beside it.
        To change the facts or a decision, record new facts or a new decision instead: those are re-checked against the
        policy.
      </p>
      <Select
        id="field"
        label="Which answer?"
        options={fields.map((f) => ({ value: f.value, label: f.label }))}
        value={field}
        onChange={(v) => {
          setField(v);
          setAfter(fields.find((f) => f.value === v)?.before ?? '');
        }}
      />
      {current && <SummaryList rows={[{ key: 'Now recorded', value: current.before || '(empty)' }]} />}
      <Textarea id="after" label="Corrected answer" value={after} onChange={setAfter} rows={4} />
      <Textarea id="reason" label="Why is it being corrected?" value={reason} onChange={setReason} rows={3} />
      <ActionBar>
        <Button
          disabled={s.busy}
          onClick={async () => {
            const target = c.disclosure?.eventId ?? '';
            const r = await s.submit({
              type: 'answer.amended',
              targetEventId: target,
              field,
              before: current?.before ?? '',
              after,
              reason,
              occurredAt: new Date().toISOString(),
            });
            if (r.ok) s.back();
          }}
        >
          Save the amendment
        </Button>
      </ActionBar>
    </div>
  );
}
