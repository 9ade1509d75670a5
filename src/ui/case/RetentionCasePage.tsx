// One case's retention (docs/SECURITY.md item 13): its review date and what it rests on, a legal hold,
// a review date set by hand, a review's "keep until", and the way to destroy it. The domain says
// what is allowed; this screen asks it (useStep) and shows its reasons.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { stageOf } from '../../domain/machine';
import {
  retentionActions,
  retentionFacts,
  reviewDateFrom,
  reviewDateMove,
  type RetentionAction,
} from '../../domain/retention';
import { ROLE_LABELS } from '../../domain/stages';
import type { Reason } from '../../domain/reasons';
import {
  Button,
  ButtonGroup,
  DateInput,
  EMPTY_DATE,
  ErrorSummary,
  InsetText,
  NotificationBanner,
  Radios,
  SummaryList,
  Textarea,
  TextInput,
  WarningText,
  type DateParts,
} from '../components';
import type { KeyHolder } from '../data/vault';
import { useSession } from '../session/SessionContext';
import { type FieldIds, useStep } from '../data/useStep';
import { useDraftField } from '../data/drafts';
import { useSettings } from '../data/settings';
import { ReasonItem } from '../policy/PolicySays';
import { datesInWords, formatDate, formatDateTime } from '../format';
import { CaseHeader } from './CaseHeader';
import { dateFromParts } from './deletion/deletionWords';
import { may } from '../../domain/permissions';

/** Where the retention forms show each answer their steps' reasons can name (src/domain/reasons.ts). */
export const HOLD_FIELDS = { reason: 'hold-reason' } satisfies FieldIds;
export function retentionDateFields(kind: 'date-set' | 'reviewed'): FieldIds {
  const id = kind === 'date-set' ? 'review-date' : 'keep-until';
  // A review date brought earlier needs a second key holder (issue 15 item 3), chosen on the same form.
  return kind === 'date-set'
    ? { reviewDate: id, reason: `${id}-reason`, second: 'second-user' }
    : { keepUntil: id, reason: `${id}-reason`, second: 'second-user' };
}

function HoldForm() {
  const s = useStep(HOLD_FIELDS, 'hold-reason');
  const [reason, setReason] = useDraftField('hold-reason', '');
  const hold = retentionFacts(s.snapshot.context).hold;
  return (
    <section aria-labelledby="hold-heading">
      <h2 className="app-heading-m" id="hold-heading">
        Legal hold
      </h2>
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      {hold ? (
        <>
          <InsetText>
            On legal hold since {formatDateTime(hold.since)}. Why: {hold.reason}
          </InsetText>
          <p className="app-body">While the hold stands the case cannot be reviewed or destroyed.</p>
          <Textarea
            id="hold-reason"
            label="Why is the hold lifted?"
            hint="For example, who told you it is no longer needed, and when."
            value={reason}
            onChange={setReason}
            rows={3}
          />
          <ButtonGroup>
            <Button
              variant="secondary"
              disabled={s.busy}
              onClick={async () => {
                if ((await s.submit({ type: 'legal-hold.lifted', reason, occurredAt: new Date().toISOString() })).ok)
                  setReason('');
              }}
            >
              Lift the legal hold
            </Button>
          </ButtonGroup>
        </>
      ) : (
        <>
          <p className="app-body">
            A legal hold freezes the case: it cannot be reviewed or destroyed until you lift the hold. Put one on when
            the police, a court, an inquiry or a claim may need the record kept.
          </p>
          <Textarea
            id="hold-reason"
            label="Why is the case on hold?"
            hint="Who asked, and their reference."
            value={reason}
            onChange={setReason}
            rows={3}
          />
          <ButtonGroup>
            <Button
              variant="secondary"
              disabled={s.busy}
              onClick={async () => {
                if ((await s.submit({ type: 'legal-hold.set', reason, occurredAt: new Date().toISOString() })).ok)
                  setReason('');
              }}
            >
              Put the case on legal hold
            </Button>
          </ButtonGroup>
        </>
      )}
    </section>
  );
}

function DateForm({ kind }: { kind: 'date-set' | 'reviewed' }) {
  const id = kind === 'date-set' ? 'review-date' : 'keep-until';
  const s = useStep(retentionDateFields(kind), id);
  const settings = useSettings();
  const session = useSession();
  const [date, setDate] = useState<DateParts>(EMPTY_DATE);
  const [reason, setReason] = useDraftField(`${id}-reason`, '');
  const [holders, setHolders] = useState<KeyHolder[]>([]);
  const [secondId, setSecondId] = useState('');
  const [ownPass, setOwnPass] = useState('');
  const [secondPass, setSecondPass] = useState('');
  const vault = session.unlocked;
  useEffect(() => {
    void vault?.keyHolders().then(setHolders);
  }, [vault]);
  const iso = dateFromParts(date);
  // The domain says whether this date brings the review forward (two key holders) or not (one).
  const move = iso ? reviewDateMove(s.snapshot.context, iso, settings.retentionYears) : null;
  const bringForwardBlocked =
    retentionActions(s.snapshot.context, stageOf(s.snapshot)).find((a) => a.action === 'bring-forward')?.blocked ??
    null;
  const me = s.gateway.actor;
  const others = holders.filter((h) => h.userId !== me.userId);
  const second = others.find((h) => h.userId === secondId) ?? null;
  const heading = kind === 'date-set' ? 'Change the review date' : 'Record a retention review: keep the case';
  const err = (f: string) => s.errors.find((e) => e.fieldId === f)?.text;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 className="app-heading-m" id={`${id}-heading`}>
        {heading}
      </h2>
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      {kind === 'reviewed' && (
        <p className="app-body">
          You have reviewed the case and it is still needed. Say until when, and why; it will be reviewed again then.
        </p>
      )}
      <p className="app-body">
        A later date needs you and a reason. An earlier date brings destruction nearer, so it needs a second key holder
        too, each typing your own passphrase, as destroying the case does.
      </p>
      <DateInput
        id={id}
        legend={kind === 'date-set' ? 'New review date' : 'Keep until'}
        legendSize="s"
        hint="For example, 1 9 2040"
        value={date}
        onChange={setDate}
        error={err(id)}
      />
      <Textarea
        id={`${id}-reason`}
        label={kind === 'date-set' ? 'Why is the date changed?' : 'Why is it kept?'}
        value={reason}
        onChange={setReason}
        rows={3}
        error={err(`${id}-reason`)}
      />
      {move?.earlier && bringForwardBlocked && (
        <InsetText>
          <strong>Blocked.</strong> An earlier date cannot be set: {datesInWords(bringForwardBlocked.text)} (
          {bringForwardBlocked.rule})
        </InsetText>
      )}
      {move?.earlier && !bringForwardBlocked && (
        <>
          <InsetText>
            {move.from
              ? `This brings the review date forward from ${formatDate(move.from)} to ${formatDate(move.to)}.`
              : 'The case has no review date yet: setting the first one brings destruction within reach.'}{' '}
            A second key holder must agree, with their own passphrase.
          </InsetText>
          <Radios
            id="second-user"
            legend="Who is the second key holder who agrees?"
            legendSize="s"
            hint="They must be here: they type their own passphrase below."
            items={others.map((h) => ({ value: h.userId, label: `${h.name} (${ROLE_LABELS[h.role]})` }))}
            value={secondId}
            onChange={setSecondId}
            error={err('second-user')}
          />
          <TextInput
            id="own-passphrase"
            type="password"
            autoComplete="current-password"
            label={`${me.name}: your passphrase`}
            value={ownPass}
            onChange={setOwnPass}
            error={err('own-passphrase')}
          />
          <TextInput
            id="second-passphrase"
            type="password"
            autoComplete="off"
            label={`${second?.name ?? 'Second key holder'}: your passphrase`}
            hint={`${second?.name ?? 'They'} types it here themselves.`}
            value={secondPass}
            onChange={setSecondPass}
            error={err('second-passphrase')}
          />
        </>
      )}
      <ButtonGroup>
        <Button
          variant="secondary"
          disabled={s.busy}
          onClick={async () => {
            const fe = iso ? [] : [{ fieldId: id, text: 'Enter the date as a real date, for example 1 9 2040' }];
            const occurredAt = new Date().toISOString();
            const extra = move
              ? {
                  replaces: move.from,
                  ...(second && move.earlier
                    ? { approvedBy: { userId: second.userId, role: second.role, name: second.name } }
                    : {}),
                }
              : {};
            const draft =
              kind === 'date-set'
                ? { type: 'retention.date-set' as const, reviewDate: iso ?? '', reason, occurredAt, ...extra }
                : { type: 'retention.reviewed' as const, keepUntil: iso ?? '', reason, occurredAt, ...extra };
            if (move?.earlier && second) {
              if (!ownPass) fe.push({ fieldId: 'own-passphrase', text: 'Enter your passphrase.' });
              if (!secondPass)
                fe.push({ fieldId: 'second-passphrase', text: `${second.name} must enter their passphrase.` });
            }
            const r = await s.submit(
              draft,
              fe,
              move?.earlier ? { passphrase: ownPass, secondPassphrase: secondPass } : undefined,
            );
            setOwnPass('');
            setSecondPass('');
            if (r.ok) {
              setDate(EMPTY_DATE);
              setReason('');
              setSecondId('');
            }
          }}
        >
          {kind === 'date-set' ? 'Save the review date' : 'Record the review'}
        </Button>
      </ButtonGroup>
    </section>
  );
}

/** An action a legal hold (or the case's stage) blocks: shown with why, never offered (issue 15). */
function Blocked({ title, why }: { title: string; why: Reason }) {
  return (
    <section aria-label={`${title}: blocked`}>
      <h2 className="app-heading-m">{title}</h2>
      <InsetText>
        <strong>Blocked.</strong> {datesInWords(why.text)} ({why.rule})
      </InsetText>
    </section>
  );
}

export function RetentionCasePage() {
  const s = useStep();
  const settings = useSettings();
  const c = s.snapshot.context;
  const facts = retentionFacts(c);
  const reading = reviewDateFrom(facts, settings.retentionYears);
  const manages = may(s.gateway.actor.role, 'record:retention.reviewed');
  const stage = stageOf(s.snapshot);
  const closed = stage === 'closed';
  const blocked = Object.fromEntries(retentionActions(c, stage).map((a) => [a.action, a.blocked])) as Record<
    RetentionAction,
    Reason | null
  >;
  return (
    <div className="app-page">
      <CaseHeader />
      <h1 className="app-heading-l">Retention</h1>
      {facts.hold && (
        <NotificationBanner heading="This case is on legal hold.">
          <p className="app-body">
            It cannot be reviewed or destroyed, and its review date cannot be brought forward, until the hold is lifted.
            Hold: {facts.hold.reason}
          </p>
        </NotificationBanner>
      )}
      <SummaryList
        rows={[
          {
            key: 'Review date',
            value: reading.date ? formatDate(reading.date) : 'Not set: the app cannot work it out',
          },
          {
            key: 'Worked out from',
            value:
              reading.source === 'set'
                ? `Set by hand (${facts.set?.kind === 'reviewed' ? 'at a review' : 'changed'})`
                : reading.source === 'birthday'
                  ? `The youngest young person's ${settings.retentionYears}th birthday`
                  : 'Nothing: set it below',
          },
          ...(reading.source === 'set' && reading.birthdayDate
            ? [
                {
                  key: `${settings.retentionYears}th birthday of the youngest`,
                  value: formatDate(reading.birthdayDate),
                },
              ]
            : []),
          { key: 'Legal hold', value: facts.hold ? `Since ${formatDate(facts.hold.since)}` : 'None' },
          { key: 'Case', value: closed ? `Closed ${formatDate(facts.closedAt)}` : 'Open' },
        ]}
      />
      <h2 className="app-heading-s">Why this date</h2>
      <ul className="app-list">
        {reading.reasons.map((r) => (
          <ReasonItem key={r.text} r={{ ...r, text: datesInWords(r.text) }} />
        ))}
      </ul>
      {!manages ? (
        <p className="app-body">The DSL or a deputy records legal holds, review dates and reviews.</p>
      ) : (
        <>
          <HoldForm />
          <DateForm kind="date-set" />
          {closed &&
            (blocked.review ? (
              <Blocked title="Record a retention review" why={blocked.review} />
            ) : (
              <DateForm kind="reviewed" />
            ))}
          {blocked.destroy ? (
            <Blocked title="Destroy the case" why={blocked.destroy} />
          ) : (
            <>
              <h2 className="app-heading-m">Destroy the case</h2>
              <p className="app-body">
                When a review finds the case is no longer needed, you and a second key holder can destroy it. What stays
                is a signed note that the record existed and was destroyed: its reference, dates, who destroyed it, who
                agreed and why.
              </p>
              <WarningText>
                Older backups and exported PDFs are outside the app’s reach: they still hold the case after it is
                destroyed here.
              </WarningText>
              <p className="app-body">
                <Link className="app-link app-link--block" to={`/cases/${s.caseId}/destroy`}>
                  Destroy this case
                </Link>
              </p>
            </>
          )}
        </>
      )}
    </div>
  );
}
