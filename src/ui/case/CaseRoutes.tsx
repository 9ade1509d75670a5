// The routes under /cases/:caseId: the task list and one screen per step of the response.
import { Route, Routes, useParams } from 'react-router';
import { CaseProvider } from '../data/CaseContext';
import { PageTitle } from '../components';
import { CaseOverviewPage } from './CaseOverviewPage';
import { ChronologyPage } from './ChronologyPage';
import { ExportPage } from './ExportPage';
import { DeletionPage } from './DeletionPage';
import { DisclosurePage } from './DisclosurePage';
import { InitialReviewPage } from './InitialReviewPage';
import { ReferralsPage } from './ReferralsPage';
import { AmendPage } from './response/AmendPage';
import { ClosePage } from './response/ClosePage';
import { RemovalPage } from './response/RemovalPage';
import { SocialCarePage } from './response/SocialCarePage';
import { ConversationsPage } from './response/ConversationsPage';
import { ParentsPage } from './response/ParentsPage';
import { RiskAssessmentPage } from './response/RiskAssessmentPage';
import { DevicesPage } from './response/DevicesPage';
import { SignOffPage } from './SignOffPage';
import { TransferRoute } from './TransferPage';
import { EscalatePage, FactsPage, NotePage, ReopenPage } from './SimpleStepPages';
import { DiscardPage } from './DiscardPage';
import { ViewingPage } from './ViewingPage';
import { RetentionCasePage } from './RetentionCasePage';
import { DestroyRoute } from './DestroyPage';
import { BranchesPage } from './BranchesPage';
import { SameIncidentPage } from './sameIncident/SameIncidentPage';
import './case.css';

const PAGES: [path: string, title: string, Page: () => React.ReactNode][] = [
  ['disclosure', 'Disclosure', DisclosurePage],
  ['review', 'Initial review meeting', InitialReviewPage],
  ['referrals', 'Referrals', ReferralsPage],
  ['risk', 'Risk assessment', RiskAssessmentPage],
  ['parents', 'Parents and carers', ParentsPage],
  ['conversations', 'Talking with the young people', ConversationsPage],
  ['viewing', 'Viewing the imagery', ViewingPage],
  ['deletion', 'Deleting the imagery', DeletionPage],
  ['devices', 'Devices for the police', DevicesPage],
  ['social-care', "Children's social care", SocialCarePage],
  ['removal', 'Removing imagery online', RemovalPage],
  ['sign-off', 'Headteacher sign-off', SignOffPage],
  ['close', 'Close the case', ClosePage],
  ['reopen', 'Reopen the case', ReopenPage],
  ['escalate', 'Escalate now', EscalatePage],
  ['note', 'Add a note', NotePage],
  ['discard', 'Discard the case', DiscardPage],
  ['facts', 'Record new facts', FactsPage],
  ['amend', 'Amend an answer', AmendPage],
  ['chronology', 'Chronology', ChronologyPage],
  ['export', 'Export the case record', ExportPage],
  ['transfer', 'Transfer this case', TransferRoute],
  ['retention', 'Retention', RetentionCasePage],
  ['destroy', 'Destroy this case', DestroyRoute],
  ['branches', 'Recorded on two tablets at once', BranchesPage],
  ['same-incident', 'Same incident as another case', SameIncidentPage],
];

export function CaseRoutes() {
  const { caseId = '' } = useParams();
  return (
    <CaseProvider caseId={caseId}>
      <Routes>
        <Route
          index
          element={
            <PageTitle title="Case">
              <CaseOverviewPage />
            </PageTitle>
          }
        />
        {PAGES.map(([path, title, Page]) => (
          <Route
            key={path}
            path={path}
            element={
              <PageTitle title={title}>
                <Page />
              </PageTitle>
            }
          />
        ))}
      </Routes>
    </CaseProvider>
  );
}
