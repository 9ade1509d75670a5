// The warning before an idle lock, with a way to extend (WCAG 2.2.1).
import { useEffect, useRef, useState } from 'react';
import { Button } from '../components';
import { useSession } from './SessionContext';

export function IdleWarning() {
  const { idle, extend, lock } = useSession();
  const ref = useRef<HTMLDivElement>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (idle.phase !== 'warning') return;
    ref.current?.focus();
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [idle.phase]);
  if (idle.phase !== 'warning') return null;
  const seconds = Math.max(0, Math.ceil((idle.locksAt - now) / 1000));
  return (
    <div
      className="app-idle-warning"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
      tabIndex={-1}
      ref={ref}
    >
      <div className="app-idle-warning__box">
        <h2 className="app-heading-m" id="idle-title">
          The app will lock soon
        </h2>
        <p className="app-body" id="idle-text">
          It locks in {seconds} second{seconds === 1 ? '' : 's'} because nothing has happened for a while. Your unsaved
          answers are kept, encrypted.
        </p>
        <div className="app-button-group">
          <Button onClick={extend}>Stay unlocked</Button>
          <Button variant="secondary" onClick={() => lock('Locked.')}>
            Lock now
          </Button>
        </div>
      </div>
    </div>
  );
}
