// Setting a case's retention review date, or recording a review that keeps the record with its reason (docs/SECURITY.md item 13).
import { useEffect, useState } from 'react';
import { stageOf } from '../../../domain/machine';
import { reviewDateMove } from '../../../domain/retention';
import { retentionActions } from '../../../domain/retentionGates';
import { ROLE_LABELS } from '../../../domain/stages';
import {
  Button,
  ButtonGroup,
  DateInput,
  EMPTY_DATE,
  ErrorSummary,
  InsetText,
  Radios,
  Textarea,
  TextInput,
  type DateParts,
} from '../../components';
import type { KeyHolder } from '../../data/vault';
import { useSession } from '../../session/SessionContext';
import { type FieldIds, useStep } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { useSettings } from '../../data/settings';
import { datesInWords, formatDate } from '../../format';
import { dateFromParts } from '../deletion/deletionWords';

export function retentionDateFields(kind: 'date-set' | 'reviewed'): FieldIds {
  const id = kind === 'date-set' ? 'review-date' : 'keep-until';
  // A review date brought earlier needs a second key holder (issue 15 item 3), chosen on the same form.
  return kind === 'date-set'
    ? { reviewDate: id, reason: `${id}-reason`, second: 'second-user' }
    : { keepUntil: id, reason: `${id}-reason`, second: 'second-user' };
}

export function DateForm({ kind }: { kind: 'date-set' | 'reviewed' }) {
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
