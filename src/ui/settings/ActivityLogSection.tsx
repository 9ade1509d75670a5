// Settings: the establishment log, read-only and newest first: settings changes, key holders
// added and removed, passphrase resets, the recovery key used, exports and imports (who, when,
// to whom, why). It is chained and encrypted like a case; a break in it is said, never hidden.
import { useEffect, useState } from 'react';
import { ROLE_LABELS } from '../../domain/stages';
import { Button, NotificationBanner } from '../components';
import type { PublicSettings } from '../data/settings';
import type { ActivityEntry, ActivityWhat, KeyHolder, UnlockedVault } from '../data/vault';
import { formatDate, formatDateTime } from '../format';
import { describeTabletRevoked } from './activityTablet';
import { describeFollowed } from './activityFollowed';
import '../case/case.css';

const PAGE = 50;

const SETTING_LABELS: Record<keyof PublicSettings, string> = {
  establishmentName: 'name of the establishment',
  establishmentType: 'kind of establishment',
  dsl: 'DSL contact',
  deputies: 'deputy DSL contacts',
  headteacher: 'Headteacher',
  chairOfGovernors: 'chair of governors',
  mashName: 'MASH',
  mashPhone: 'MASH phone',
  ladoName: 'LADO',
  ladoPhone: 'LADO phone',
  policeNonEmergency: 'police non-emergency number',
  policeEmergency: 'police emergency number',
  riskTools: 'local risk tools',
  idleMinutes: 'auto-lock time',
  schoolCalendar: 'school term dates',
  reminders: 'reminder timings',
  retentionYears: 'retention period',
};

const EXPORT_TITLES: Record<Extract<ActivityWhat, { type: 'export' }>['kind'], string> = {
  backup: 'Backup made',
  'case-transfer': 'Case transferred',
  pdf: 'PDF made',
  'sealed-disclosure': 'Sealed disclosure saved as a file',
  'report-pdf': 'Report for a period exported as a signed PDF',
  'report-csv': 'Report for a period exported as CSV',
};

interface Lookup {
  /** Case id to reference (cases on this device). */
  cases: Map<string, string>;
  /** User id to name, from the key holders and from the log itself (removed users too). */
  people: Map<string, string>;
  /** Transfer file id to the case ids it carried. */
  transfers: Map<string, string[]>;
}

function caseNames(ids: string[], l: Lookup): string {
  if (ids.length === 0) return 'none';
  return ids.map((id) => (l.cases.has(id) ? `case ${l.cases.get(id)}` : 'a case no longer on this device')).join(', ');
}

const person = (userId: string, l: Lookup) => l.people.get(userId) ?? 'a key holder no longer on this device';
const holder = (h: KeyHolder) => `${h.name} (${ROLE_LABELS[h.role]})`;

/** The plain-English title and lines of one entry. Everything is text: nothing is rendered as HTML. */
export function describeActivity(what: ActivityWhat, l: Lookup): { title: string; lines: string[] } {
  switch (what.type) {
    case 'set-up':
      return {
        title: 'YPSI Response set up on this device',
        lines: [`Key holders: ${what.users.map(holder).join(', ')}`],
      };
    case 'settings-changed':
      return {
        title: 'Settings changed',
        lines: [
          what.changed.length
            ? `Changed: ${what.changed.map((k) => SETTING_LABELS[k]).join(', ')}`
            : 'Nothing shown on this screen changed',
          ...(what.reason ? [`Why: ${what.reason}`] : []),
        ],
      };
    case 'user-added':
      return { title: 'Key holder added', lines: [holder(what.user)] };
    case 'user-removed':
      return {
        title: 'Key holder removed',
        lines: [holder(what.user), ...(what.reason ? [`Why: ${what.reason}`] : [])],
      };
    case 'passphrase-changed':
      return { title: 'Passphrase changed', lines: [`${person(what.userId, l)} changed their own passphrase`] };
    case 'passphrase-reset':
      return { title: 'Passphrase reset', lines: [`A new passphrase was set for ${person(what.userId, l)}`] };
    case 'recovery-used':
      return {
        title: 'Recovery key used',
        lines: [`A new passphrase was set for ${person(what.userId, l)} with the recovery key`],
      };
    case 'export':
      return {
        title: EXPORT_TITLES[what.kind],
        lines: [
          what.kind === 'report-pdf' || what.kind === 'report-csv'
            ? 'Figures only: no case and no name'
            : what.scope === 'whole-device'
              ? 'Every case on this device'
              : `${caseNames(what.caseIds, l)}${what.scope === 'one-young-person' ? ': one young person’s part' : what.scope === 'whole-case' ? ': the whole case' : ''}`,
          `To: ${what.to || 'not recorded'}`,
          `Why: ${what.why || 'not recorded'}`,
        ],
      };
    case 'import':
      return { title: 'Case received by transfer', lines: [caseNames(what.caseIds, l), `From: ${what.from}`] };
    case 'receipt-recorded': {
      const sent = l.transfers.get(what.transferId);
      return {
        title: 'Transfer receipt recorded',
        lines: [
          ...(sent ? [caseNames(sent, l)] : []),
          `Received by: ${what.receivedBy}`,
          `Recipient’s key fingerprint begins: ${what.keyFingerprint.slice(0, 16).match(/.{4}/g)!.join(' ')}`,
        ],
      };
    }
    case 'backup-restored':
      return {
        title: 'Backup restored',
        lines: [
          `${what.caseCount} case${what.caseCount === 1 ? '' : 's'}, from a backup made on ${formatDate(what.backupCreatedAt)}`,
        ],
      };
    case 'pdf-signer-set':
      return {
        title: what.replaced ? 'PDF signing certificate replaced' : 'PDF signing certificate set',
        lines: [
          `${what.subject}`,
          `Fingerprint: ${what.fingerprint}`,
          ...(what.replaced ? [`Replaces the certificate with fingerprint ${what.replaced}`] : []),
        ],
      };
    case 'disclosure-accepted':
      return {
        title: 'Staff disclosure accepted',
        lines: [`Into case ${what.reference}`, `Sealed by the member of staff on ${formatDate(what.sealedAt)}`],
      };
    case 'disclosures-accepted-earlier':
      return {
        title: 'Earlier staff disclosures recorded',
        lines: [
          what.references.length === 0
            ? 'No staff disclosure was accepted on this device before accepted disclosures were kept'
            : `Accepted before accepted disclosures were kept, now refused if imported again: ${what.references.map((r) => `case ${r}`).join(', ')}`,
        ],
      };
    case 'case-destroyed':
      return {
        title: `Case ${what.reference} destroyed`,
        lines: [
          `Agreed by ${what.approvedBy}`,
          `Why: ${what.reason}`,
          ...(what.elsewhere ? ['Destroyed on another tablet; erased from this one when it synced'] : []),
        ],
      };
    case 'keys-followed':
      return {
        title: 'Records key renewed on another tablet, taken on here',
        lines: [
          what.removed.length > 0
            ? `No longer a key holder: ${what.removed.map((u) => u.name).join(', ')}`
            : 'The key holders stay as they were',
          ...(what.destroyed > 0
            ? [`${what.destroyed} case${what.destroyed === 1 ? '' : 's'} destroyed there, erased here`]
            : []),
        ],
      };
    case 'changes-followed':
      return describeFollowed(what, (k) => SETTING_LABELS[k]);
    case 'sync-turned-on':
      return { title: 'Sync with the school’s server turned on', lines: [`This tablet: ${what.tablet}`, what.server] };
    case 'sync-turned-off':
      return { title: 'Sync with the school’s server turned off', lines: [`This tablet was: ${what.tablet}`] };
    case 'tablet-enrolled':
      return {
        title: 'Enrolment code made for another tablet',
        lines: [`New tablet: ${what.tablet}`, `Code valid until ${formatDate(what.expiresAt)}`],
      };
    case 'tablet-revoked':
      return describeTabletRevoked(what);
    case 'keys-bound':
      return what.rotatedCaseKeys !== undefined
        ? {
            title: 'Records key renewed',
            lines: [
              `A new key now protects the records; ${what.rotatedCaseKeys} case key${what.rotatedCaseKeys === 1 ? ' was' : 's were'} wrapped again under it`,
              `${what.holders} key${what.holders === 1 ? '' : 's'} on this device (including the recovery key)`,
            ],
          }
        : {
            title: 'Keys recorded',
            lines: [
              `${what.holders} key${what.holders === 1 ? '' : 's'} on this device (including the recovery key), as they are now`,
            ],
          };
  }
}

function lookupFrom(entries: ActivityEntry[], holders: KeyHolder[], cases: Map<string, string>): Lookup {
  const people = new Map<string, string>();
  const transfers = new Map<string, string[]>();
  for (const e of entries) {
    const w = e.what;
    if (e.by.role !== 'system') people.set(e.by.userId, e.by.name);
    if (w.type === 'set-up') for (const u of w.users) people.set(u.userId, u.name);
    if (w.type === 'user-added' || w.type === 'user-removed') people.set(w.user.userId, w.user.name);
    if (w.type === 'export' && w.kind === 'case-transfer') transfers.set(w.fileId, w.caseIds);
  }
  for (const h of holders) people.set(h.userId, h.name);
  return { cases, people, transfers };
}

export interface ActivityLogSectionProps {
  vault: UnlockedVault;
  /** Change it to read the log again (after something on the page was logged). */
  version?: number;
}

export function ActivityLogSection({ vault, version = 0 }: ActivityLogSectionProps) {
  const [state, setState] = useState<{ entries: ActivityEntry[]; lookup: Lookup } | { error: string } | null>(null);
  const [limit, setLimit] = useState(PAGE);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const [entries, holders, summaries] = await Promise.all([
          vault.activityLog(),
          vault.keyHolders(),
          vault.listSummaries(),
        ]);
        const cases = new Map(summaries.map((s) => [s.caseId, s.reference]));
        if (live) setState({ entries: [...entries].reverse(), lookup: lookupFrom(entries, holders, cases) });
      } catch (e) {
        if (live) setState({ error: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => {
      live = false;
    };
  }, [vault, version]);

  return (
    <section aria-labelledby="activity-log-heading">
      <h2 className="app-heading-m" id="activity-log-heading">
        Activity log
      </h2>
      <p className="app-body">
        What was done on this device beyond the cases: settings, key holders, passphrase resets, the recovery key, and
        every file made or received, with who, when, to whom and why. Newest first. Nobody can edit it.
      </p>
      {state === null && <p className="app-body">Reading the log…</p>}
      {state && 'error' in state && (
        <NotificationBanner variant="urgent" title="Log altered" heading="The activity log could not be read.">
          <p className="app-body">{state.error}</p>
          <p className="app-body">Tell your data protection officer. Restore a backup if you have one.</p>
        </NotificationBanner>
      )}
      {state && 'entries' in state && (
        <>
          <ol className="app-chronology" aria-label="Activity log, newest first">
            {state.entries.slice(0, limit).map((e) => {
              const d = describeActivity(e.what, state.lookup);
              return (
                <li key={e.id} className="app-chronology__item">
                  <p className="app-chronology__meta">
                    {formatDateTime(e.at)} ·{' '}
                    {e.by.role === 'system' ? 'the app' : `${e.by.name} (${ROLE_LABELS[e.by.role]})`}
                  </p>
                  <p className="app-chronology__title">{d.title}</p>
                  {d.lines.map((line, i) => (
                    <p key={i} className="app-chronology__body">
                      {line}
                    </p>
                  ))}
                </li>
              );
            })}
          </ol>
          {state.entries.length > limit && (
            <Button variant="secondary" onClick={() => setLimit(limit + PAGE)}>
              Show older entries ({state.entries.length - limit} more)
            </Button>
          )}
        </>
      )}
    </section>
  );
}
