// First run and a lost database: set-up, or restore a backup. Loaded only when the device needs
// them, so the lock screen's code stays small (issue 6).
import { useState } from 'react';
import { WarningText } from '../components';
import { useSession } from '../session/SessionContext';
import { SetupPage } from './SetupPage';
import { RestoreBackup } from './RestoreBackup';
import { JoinWithCode } from './JoinWithCode';

export function LostDatabasePage() {
  const session = useSession();
  const [startAgain, setStartAgain] = useState(false);
  if (startAgain) return <SetupPage onSetUp={async (s, u) => session.vault.setUp(s, u)} />;
  return (
    <div className="app-page">
      <h1 className="app-heading-xl">The records on this device are missing</h1>
      <WarningText>
        This tablet was set up before, but its stored records are gone. The browser’s data may have been cleared, or
        storage ran out.
      </WarningText>
      <p className="app-body">
        Nothing has been started afresh. If you have a backup, restore it now. Tell your DSL and data protection
        officer.
      </p>
      <RestoreBackup onRestored={() => window.location.assign('/')} />
      <h2 className="app-heading-m">No backup?</h2>
      <p className="app-body">You can set this tablet up again. The missing records cannot be recovered by the app.</p>
      <button type="button" className="app-button app-button--secondary" onClick={() => setStartAgain(true)}>
        Set up again, knowing the records are lost
      </button>
    </div>
  );
}

export function FirstRun() {
  const session = useSession();
  const [restore, setRestore] = useState(false);
  const [join, setJoin] = useState(false);
  return (
    <>
      <SetupPage onSetUp={(s, u) => session.vault.setUp(s, u)} />
      <div className="app-page">
        <h2 className="app-heading-m">Does your school already use YPSI Response on a tablet that syncs?</h2>
        {join ? (
          <JoinWithCode onJoined={() => window.location.assign('/')} />
        ) : (
          <button type="button" className="app-button app-button--secondary" onClick={() => setJoin(true)}>
            Join with an enrolment code instead
          </button>
        )}
        <h2 className="app-heading-m">Moving to a new tablet?</h2>
        {restore ? (
          <RestoreBackup onRestored={() => window.location.assign('/')} />
        ) : (
          <button type="button" className="app-button app-button--secondary" onClick={() => setRestore(true)}>
            Restore from a backup instead
          </button>
        )}
      </div>
    </>
  );
}
