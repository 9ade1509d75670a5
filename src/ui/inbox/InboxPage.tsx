// The disclosure inbox: disclosures staff sealed for the DSL, opened after unlock. Accepting one
// opens a case whose first event names its writer; it then joins the event chain.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, ErrorSummary, NotificationBanner, SummaryList, WarningText, type FormError } from '../components';
import { AppLink } from '../components/AppLink';
import { JsonFileInput } from '../components/JsonFileInput';
import type { AcceptedTwice, InboxItem } from '../data/vault';
import type { CaseSummary } from '../../domain/summary';
import { formatDate, formatDateTime } from '../format';
import { ImportError } from '../../storage/errors';

export interface InboxPageProps {
  items: InboxItem[];
  onAccept: (id: string) => Promise<string>;
  onImport?: (text: string) => Promise<void>;
  /** Removes one accepted on another tablet from this inbox (its case is on this tablet). */
  onRemove?: (id: string) => Promise<void>;
  /** Disclosures accepted on two tablets apart (docs/SYNC.md): both cases named, both kept. */
  twice?: AcceptedTwice[];
  /** The cases' summaries: whether two cases of one disclosure are recorded as the same incident yet. */
  summaries?: readonly CaseSummary[];
}

/** Where a disclosure was accepted, for a person: "case YPSI-2026-0007 on this tablet, 2 March 2026". */
const where = (c: AcceptedTwice['cases'][number]) =>
  `${c.here ? 'on this tablet' : 'on another tablet'}, ${formatDate(c.at)}`;

export function InboxPage({ items, onAccept, onImport, onRemove, twice = [], summaries = [] }: InboxPageProps) {
  const summary = (caseId: string) => summaries.find((x) => x.caseId === caseId);
  /** Every case but one is closed as the same incident as another of them, and none is in dispute. */
  const settled = (t: AcceptedTwice) =>
    t.cases.every((c) => !summary(c.caseId)?.sameIncidentConflict) &&
    t.cases.filter((c) => !summary(c.caseId)?.sameIncidentAs).length === 1;
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [imported, setImported] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="app-page">
      <ErrorSummary errors={errors} focusKey={attempt} />
      {imported && <NotificationBanner variant="success" heading={imported} />}
      <h1 className="app-heading-xl">Disclosure inbox</h1>
      <p className="app-body">
        Disclosures recorded by staff, sealed so that only key holders can read them. Open one as a case to start the
        response; it then joins the case's record.
      </p>
      {twice.map((t) => (
        <section key={t.disclosureId} aria-label="One disclosure accepted on two tablets">
          {settled(t) ? (
            <p className="app-body">
              One staff disclosure was accepted on two tablets apart and became {t.cases.length} cases; a key holder has
              recorded that they are the same incident. Both records are kept.
            </p>
          ) : (
            <WarningText label="Accepted twice">
              One staff disclosure was accepted on two tablets that could not reach each other at the time, so it became{' '}
              {t.cases.length} cases. Both are kept: nothing recorded in either is lost. Open either case and choose
              “Record that they are the same incident”: you say which one carries it on, and the other is closed as the
              same incident.
            </WarningText>
          )}
          <ul className="app-list">
            {t.cases.map((c) => (
              <li key={c.caseId}>
                <AppLink className="app-link" href={`/cases/${c.caseId}`}>
                  Case {c.reference}
                </AppLink>{' '}
                ({where(c)})
                {summary(c.caseId)?.sameIncidentAs &&
                  `: closed as the same incident as ${summary(c.caseId)!.sameIncidentAs!.reference}`}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {items.length === 0 && <p className="app-body">There are no disclosures waiting.</p>}
      {items.map((item) => (
        <section key={item.id} className="app-person" aria-label={`Disclosure from ${item.writer}`}>
          <h2 className="app-heading-s">
            From {item.writer}, {formatDateTime(item.receivedAt)}
          </h2>
          <SummaryList
            rows={[
              { key: 'Who told', value: item.payload.disclosure.disclosedBy },
              { key: 'When', value: formatDateTime(item.payload.disclosure.disclosedAt) },
              { key: 'What they said', value: item.payload.disclosure.account },
              {
                key: 'People',
                // Each name isolated (<bdi>): names in different scripts keep their own direction and order.
                value: item.payload.persons.map((p, i) => (
                  <span key={p.id}>
                    {i > 0 && ', '}
                    <bdi>{p.name}</bdi>
                  </span>
                )),
              },
            ]}
          />
          {item.acceptedInto ? (
            <>
              <WarningText label="Accepted already">
                Accepted on another tablet into case {item.acceptedInto.reference}, {formatDate(item.acceptedInto.at)}.
                It is not opened again here.
              </WarningText>
              <p className="app-body">
                <AppLink className="app-link app-link--block" href={`/cases/${item.acceptedInto.caseId}`}>
                  Open case {item.acceptedInto.reference}
                </AppLink>
              </p>
              {onRemove && (
                <Button
                  variant="secondary"
                  disabled={busy}
                  onClick={async () => {
                    setBusy(true);
                    try {
                      await onRemove(item.id);
                    } catch (e) {
                      setAttempt((n) => n + 1);
                      setErrors([{ fieldId: 'main-content', text: e instanceof Error ? e.message : String(e) }]);
                    } finally {
                      setBusy(false);
                    }
                  }}
                >
                  Remove from this inbox
                </Button>
              )}
            </>
          ) : (
            <Button
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  const caseId = await onAccept(item.id);
                  navigate(`/cases/${caseId}/review`);
                } catch (e) {
                  setAttempt((n) => n + 1);
                  setErrors([
                    {
                      fieldId: 'main-content',
                      // A refused file's message ends by saying nothing was changed (ImportError).
                      text:
                        e instanceof ImportError
                          ? `The disclosure could not be opened as a case: ${e.message}`
                          : `The disclosure could not be opened as a case; nothing was changed: ${e instanceof Error ? e.message : String(e)}`,
                    },
                  ]);
                } finally {
                  setBusy(false);
                }
              }}
            >
              Open as a new case
            </Button>
          )}
        </section>
      ))}
      {onImport && (
        <>
          <h2 className="app-heading-m">A disclosure recorded on another device</h2>
          <JsonFileInput
            id="sealed-file"
            label="Choose the sealed disclosure file"
            hint="A .json file saved by YPSI Response on another tablet of this establishment."
            error={errors.find((e) => e.fieldId === 'sealed-file')?.text}
            onError={(m) => {
              setAttempt((n) => n + 1);
              setErrors([{ fieldId: 'sealed-file', text: m }]);
            }}
            onText={async (text) => {
              try {
                await onImport(text);
                setErrors([]);
                setImported('The sealed disclosure was added to the inbox.');
              } catch (e) {
                setAttempt((n) => n + 1);
                setErrors([{ fieldId: 'sealed-file', text: e instanceof Error ? e.message : String(e) }]);
              }
            }}
          />
        </>
      )}
    </div>
  );
}
