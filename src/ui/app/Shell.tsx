// The page frame every screen sits in: the navigation (what a locked or unlocked device offers),
// the update banner, and the notices that hold for the whole app (another tab, records removed
// or altered, idle warning, no imagery), above the current route's screen.
import { useServiceWorkerUpdate } from '../../pwa/useServiceWorkerUpdate';
import { SyncProvider } from '../sync/SyncProvider';
import { ScreenBoundary } from './ScreenBoundary';
import { SyncStatus } from '../sync/SyncStatus';
import { Layout, NotificationBanner, UpdateBanner, type NavItem } from '../components';
import { useSession } from '../session/SessionContext';
import { IdleWarning } from '../session/IdleWarning';
import { NoImagery } from '../components/NoImagery';
import { useReminders } from '../reminders/RemindersContext';

const LOCKED_NAV: NavItem[] = [
  { href: '/', text: 'Lock screen' },
  { href: '/policy-check', text: 'Policy check' },
  { href: '/policy', text: 'Policy' },
];

function navFor(unlocked: boolean, inboxCount: number, reminderCount = 0): NavItem[] {
  if (!unlocked) return LOCKED_NAV;
  return [
    { href: '/', text: 'Cases', alsoCurrentOn: ['/cases'] },
    { href: '/inbox', text: inboxCount > 0 ? `Inbox (${inboxCount})` : 'Inbox' },
    { href: '/reminders', text: reminderCount > 0 ? `Reminders (${reminderCount})` : 'Reminders' },
    { href: '/reports', text: 'Reports' },
    { href: '/retention', text: 'Retention' },
    // The policy check (a what-if, nothing recorded) is one link away, on the policy page.
    { href: '/policy', text: 'Policy', alsoCurrentOn: ['/policy-check'] },
    { href: '/settings', text: 'Settings' },
    { href: '/lock', text: 'Lock' },
  ];
}

export function Shell() {
  const update = useServiceWorkerUpdate();
  const session = useSession();
  const reminders = useReminders();
  return (
    <SyncProvider sync={session.unlocked?.sync}>
      <Layout
        navItems={navFor(
          !!session.unlocked,
          session.inbox.filter((i) => !i.acceptedInto).length,
          reminders.counts.attention,
        )}
        banner={<UpdateBanner status={update.status} onUpdate={update.accept} onDismiss={update.dismiss} />}
      >
        <SyncStatus />
        {!session.writer && (
          <NotificationBanner heading="YPSI Response is open in another tab or window.">
            <p className="app-body">
              Only one can record at a time, so nothing here can be changed. Close the other one, then reload this page.
            </p>
          </NotificationBanner>
        )}
        {session.databaseRemoved && (
          <NotificationBanner
            variant="urgent"
            title="Reload needed"
            heading="The records on this device were deleted from outside the app."
          >
            <p className="app-body">
              The browser’s stored data was cleared (in its settings, or by another tab), so nothing more can be saved
              here. Anything you have typed is still on this page: note it down, then reload this page. The app will say
              what is missing and offer to restore your backup.
            </p>
          </NotificationBanner>
        )}
        {session.outdated && !session.databaseRemoved && (
          <NotificationBanner
            variant="urgent"
            title="Reload needed"
            heading="A newer version of YPSI Response was opened in another tab."
          >
            <p className="app-body">
              Nothing more can be saved here. Anything you have typed is still on this page: note it down, then reload
              this page to continue safely. Everything saved before is safe.
            </p>
          </NotificationBanner>
        )}
        {session.integrity && !session.integrity.ok && (
          <NotificationBanner
            variant="urgent"
            title="Records altered"
            heading="The records on this device do not match their signed history."
          >
            <p className="app-body">{session.integrity.firstProblem}</p>
            <p className="app-body">
              Do not rely on what you see until this is explained. Tell your DSL and data protection officer; restore a
              backup if you have one.
            </p>
          </NotificationBanner>
        )}
        <IdleWarning />
        <NoImagery />
        <ScreenBoundary />
      </Layout>
    </SyncProvider>
  );
}
