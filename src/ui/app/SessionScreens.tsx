// Screens wired to the session: each takes what it shows from the session and hands its actions
// to the unlocked vault, refreshing the session after a change.
import { lazy, useEffect, useMemo, useState } from 'react';
import { useSession } from '../session/SessionContext';
import { may } from '../../domain/permissions';
import type { AcceptedTwice } from '../data/vault';

export const loadHome = () => import('../home/HomePage');
const HomePage = lazy(() => loadHome().then((m) => ({ default: m.HomePage })));
const StaffDisclosurePage = lazy(() =>
  import('../disclosure/StaffDisclosurePage').then((m) => ({ default: m.StaffDisclosurePage })),
);
const InboxPage = lazy(() => import('../inbox/InboxPage').then((m) => ({ default: m.InboxPage })));
const SettingsPage = lazy(() => import('../settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));

export function Home() {
  const session = useSession();
  const listed = useMemo(() => session.summaries.filter((s) => !s.discarded), [session.summaries]);
  const [lastBackupAt, setLastBackupAt] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void session.unlocked?.lastBackupAt().then(setLastBackupAt, () => setLastBackupAt(undefined));
  }, [session.unlocked]);
  // Only the number of destroyed cases, so a DSL looking for one is sent to Retention (never their content here).
  const [destroyedCount, setDestroyedCount] = useState(0);
  useEffect(() => {
    let live = true;
    void session.unlocked?.destroyedCases().then(
      (list) => live && setDestroyedCount(list.length),
      () => live && setDestroyedCount(0),
    );
    return () => {
      live = false;
    };
  }, [session.unlocked, session.summaries]);
  return (
    <HomePage
      // A case discarded empty (opened by mistake) is not listed; its record and chain stay.
      summaries={listed}
      inboxCount={session.inbox.filter((i) => !i.acceptedInto).length}
      lastBackupAt={lastBackupAt}
      destroyedCount={destroyedCount}
      readOnly={session.unlocked ? !may(session.unlocked.actor.role, 'record:case.opened') : false}
      unreadable={session.unreadable}
      onNewCase={async () => {
        const id = await session.unlocked!.createCase();
        await session.refresh();
        return id;
      }}
    />
  );
}

export function Inbox() {
  const session = useSession();
  const [twice, setTwice] = useState<AcceptedTwice[]>([]);
  useEffect(() => {
    void session.unlocked?.acceptedTwice().then(setTwice, () => setTwice([]));
  }, [session.unlocked, session.inbox]);
  return (
    <InboxPage
      items={session.inbox}
      twice={twice}
      summaries={session.summaries}
      onRemove={async (id) => {
        await session.unlocked!.removeAcceptedElsewhere(id);
        await session.refresh();
      }}
      onAccept={async (id) => {
        const caseId = await session.unlocked!.acceptDisclosure(id);
        await session.refresh();
        return caseId;
      }}
      onImport={async (text) => {
        await session.unlocked!.importSealedDisclosure(text);
        await session.refresh();
      }}
    />
  );
}

export function Settings() {
  const session = useSession();
  return (
    <SettingsPage
      vault={session.unlocked!}
      settings={session.settings}
      onSaved={session.refresh}
      indexRepairs={session.indexRepairs}
    />
  );
}

export function Disclose() {
  const session = useSession();
  if (session.status === 'loading') return <p className="app-body">Opening…</p>;
  if (session.status !== 'ok') {
    return (
      <div className="app-page">
        <h1 className="app-heading-xl">This tablet is not set up yet</h1>
        <p className="app-body">
          Tell the Designated Safeguarding Lead in person, now. If someone is in danger right now, call 999.
        </p>
      </div>
    );
  }
  return (
    <StaffDisclosurePage
      onSeal={(p) => session.vault.sealDisclosure(p)}
      onExport={(id) => session.vault.exportSealedDisclosure(id)}
      sealWords={session.sealWords}
    />
  );
}
