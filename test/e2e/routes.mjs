// Every screen the browser tests visit (axe, touch targets, CSP, requests, screenshots), by the
// state of the device it needs. Add a screen here with its page model and the screen tour
// (screens.e2e.mjs) covers it at both tablet sizes.
//
// A route: { name, path, Page, then? }. `then(screen)` puts the screen into the state to check
// (a step of a question flow, an error summary...). Paths of case screens take the case id.
import { CaseTaskListPage } from './pages/CasePage.mjs';
import {
  AmendPage,
  CaseDisclosurePage,
  ChronologyPage,
  ClosePage,
  ConversationsPage,
  DeletionPage,
  ExportPage,
  DevicesPage,
  EscalatePage,
  FactsPage,
  InitialReviewPage,
  NotePage,
  ParentsPage,
  ReferralsPage,
  RemovalPage,
  ReopenPage,
  RiskAssessmentPage,
  SignOffPage,
  SocialCarePage,
  TransferPage,
  ViewingPage,
} from './pages/CasePages.mjs';
import { ComponentGalleryPage } from './pages/ComponentGalleryPage.mjs';
import { HomePage } from './pages/HomePage.mjs';
import { InboxPage } from './pages/InboxPage.mjs';
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { NotFoundPage } from './pages/NotFoundPage.mjs';
import { NotSetUpPage } from './pages/NotSetUpPage.mjs';
import { PolicyCheckPage } from './pages/PolicyCheckPage.mjs';
import { PolicyPage } from './pages/PolicyPage.mjs';
import { ReceiveTransferPage } from './pages/ReceiveTransferPage.mjs';
import { ReportsPage } from './pages/ReportsPage.mjs';
import { RecoveryPage } from './pages/RecoveryPage.mjs';
import { RemindersPage } from './pages/RemindersPage.mjs';
import { SettingsPage } from './pages/SettingsPage.mjs';
import { SetupPage } from './pages/SetupPage.mjs';
import { StaffDisclosurePage } from './pages/StaffDisclosurePage.mjs';
import { VerifyPage } from './pages/VerifyPage.mjs';
import { CaseRetentionPage, DestroyPage, RetentionPage } from './pages/RetentionPage.mjs';
import { DSL } from './support/device.mjs';

/** What a member of staff types in the tour's disclosure (fictional; E1-like). */
export const TOUR_DISCLOSURE = {
  writer: 'Sam Teacher',
  who: { disclosedBy: 'Leo, Year 11', disclosedTo: 'Sam Teacher' },
  what: {
    account: 'Maya sent me a photo of herself. Nobody else has it.',
    platforms: 'Snapchat',
    spread: 'Nobody else.',
  },
  people: [
    { name: 'Maya, Year 11', age: 16 },
    { name: 'Leo, Year 11', age: 16 },
  ],
};

/** A device never set up: "/" is set-up. */
export const FRESH_ROUTES = [
  { name: 'setup', path: '/', Page: SetupPage },
  {
    name: 'setup-errors',
    path: '/',
    Page: SetupPage,
    then: async (s) => {
      await s.button('Finish set-up').click();
      await s.errorSummary.waitFor();
    },
  },
  {
    name: 'setup-restore-backup',
    path: '/',
    Page: SetupPage,
    then: async (s) => {
      await s.button('Restore from a backup instead').click();
      await s.page.getByRole('heading', { name: 'Moving to a new tablet?' }).waitFor();
    },
  },
  { name: 'disclose-not-set-up', path: '/disclose', Page: NotSetUpPage },
  { name: 'recover-not-set-up', path: '/recover', Page: RecoveryPage },
];

/** Screens anyone can open, set up or not, without unlocking. */
export const PUBLIC_ROUTES = [
  { name: 'policy-check', path: '/policy-check', Page: PolicyCheckPage },
  { name: 'policy', path: '/policy', Page: PolicyPage },
  { name: 'design-system', path: '/design-system', Page: ComponentGalleryPage },
  { name: 'design-system-errors', path: '/design-system', Page: ComponentGalleryPage, then: (s) => s.showErrors() },
  { name: 'not-found', path: '/no-such-page', Page: NotFoundPage },
];

/** A set-up device, locked: "/" is the lock screen; a member of staff records a disclosure. */
export const LOCKED_ROUTES = [
  { name: 'lock-screen', path: '/', Page: LockScreenPage },
  {
    name: 'lock-screen-wrong-passphrase',
    path: '/',
    Page: LockScreenPage,
    then: async (s) => {
      await s.submitUnlock(DSL.name, 'not the right passphrase at all');
      await s.errorSummary.waitFor({ timeout: 20_000 });
      // The slow-down’s countdown (docs/SECURITY.md item 14) ticks once a second: the screen is
      // at rest, and measured for idle work, once it has run out.
      await s.page.getByText(/You can try again in/).waitFor({ state: 'detached', timeout: 70_000 });
    },
  },
  { name: 'recover', path: '/recover', Page: RecoveryPage },
  { name: 'disclose-guidance', path: '/disclose', Page: StaffDisclosurePage },
  { name: 'disclose-who', path: '/disclose', Page: StaffDisclosurePage, then: (s) => s.start() },
  {
    name: 'disclose-who-errors',
    path: '/disclose',
    Page: StaffDisclosurePage,
    then: async (s) => {
      await s.start();
      await s.continue();
      await s.errorSummary.waitFor();
    },
  },
  {
    name: 'disclose-what',
    path: '/disclose',
    Page: StaffDisclosurePage,
    then: async (s) => {
      await s.start();
      await s.answerWho(TOUR_DISCLOSURE.who);
    },
  },
  {
    name: 'disclose-people',
    path: '/disclose',
    Page: StaffDisclosurePage,
    then: async (s) => {
      await s.start();
      await s.answerWho(TOUR_DISCLOSURE.who);
      await s.answerWhat(TOUR_DISCLOSURE.what);
    },
  },
  {
    name: 'disclose-check',
    path: '/disclose',
    Page: StaffDisclosurePage,
    then: async (s) => {
      await s.start();
      await s.answerWho(TOUR_DISCLOSURE.who);
      await s.answerWhat(TOUR_DISCLOSURE.what);
      await s.answerPeople(TOUR_DISCLOSURE.people);
    },
  },
  {
    // Seals it: the inbox then has one disclosure, which the tour opens as a case.
    name: 'disclose-sealed',
    path: '/disclose',
    Page: StaffDisclosurePage,
    then: async (s) => {
      await s.start();
      await s.answerWho(TOUR_DISCLOSURE.who);
      await s.answerWhat(TOUR_DISCLOSURE.what);
      await s.answerPeople(TOUR_DISCLOSURE.people);
      await s.seal();
    },
  },
];

/** After unlock (reached inside the running app). */
export const UNLOCKED_ROUTES = [
  { name: 'home', path: '/', Page: HomePage },
  { name: 'inbox', path: '/inbox', Page: InboxPage },
  { name: 'reminders', path: '/reminders', Page: RemindersPage },
  { name: 'settings', path: '/settings', Page: SettingsPage },
  { name: 'settings-full-check', path: '/settings', Page: SettingsPage, then: (s) => s.runFullCheck() },
  { name: 'verify-pdf', path: '/verify', Page: VerifyPage },
  { name: 'receive-transfer', path: '/transfers/receive', Page: ReceiveTransferPage },
  { name: 'reports', path: '/reports', Page: ReportsPage },
  { name: 'reports-school-year', path: '/reports', Page: ReportsPage, then: (s) => s.showSchoolYear() },
  {
    name: 'reports-dates-errors',
    path: '/reports',
    Page: ReportsPage,
    then: async (s) => {
      await s.showDates({ day: '31', month: '2', year: '2026' }, { day: '1', month: '3', year: '2026' });
      await s.errorSummary.waitFor();
    },
  },
  { name: 'retention', path: '/retention', Page: RetentionPage },
];

/** Every screen of a case: path(caseId). The tour opens them on a case past its initial review. */
export const CASE_ROUTES = [
  CaseTaskListPage,
  CaseDisclosurePage,
  InitialReviewPage,
  ReferralsPage,
  RiskAssessmentPage,
  ParentsPage,
  ConversationsPage,
  ViewingPage,
  DeletionPage,
  DevicesPage,
  SocialCarePage,
  RemovalPage,
  SignOffPage,
  ClosePage,
  ReopenPage,
  EscalatePage,
  NotePage,
  FactsPage,
  AmendPage,
  ChronologyPage,
  ExportPage,
  TransferPage,
  CaseRetentionPage,
  DestroyPage,
].map((Page) => ({ name: `case-${Page.segment || 'task-list'}`, path: (caseId) => Page.pathFor(caseId), Page }));

/** Opens a screen that needs no unlock, by a full page load, and puts it in the route's state. */
export async function openRoute(page, route) {
  const screen = await new route.Page(page).open(route.path);
  if (route.then) await route.then(screen);
  return screen;
}

/** Opens a screen of the unlocked app, inside the running app (a page load would lock it). */
export async function visitRoute(page, route, caseId) {
  const screen = await new route.Page(page).visit(typeof route.path === 'function' ? route.path(caseId) : route.path);
  if (route.then) await route.then(screen);
  return screen;
}
