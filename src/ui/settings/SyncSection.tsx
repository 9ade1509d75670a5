// Settings: "Sync with the school's server" (docs/SYNC.md). Optional: with no server set up, the
// app works exactly as without it. The address and this tablet's own name and password come from
// the school's IT (npm run sync:setup -- add-tablet); no administrator credential is ever typed here.
import { useEffect, useState } from 'react';
import {
  ActionBar,
  Button,
  ErrorSummary,
  InsetText,
  NotificationBanner,
  TextInput,
  WarningText,
  type FormError,
} from '../components';
import { useSync } from '../sync/SyncProvider';
import { EnrolTabletSection } from './EnrolTabletSection';
import { RevokeTabletSection } from './RevokeTabletSection';
import type { Role } from '../../domain/types';
import { TabletCredentialFields } from './TabletCredentialFields';
import { syncStatusText } from '../sync/statusText';
import type { SyncFieldProblem, SyncTestResult, SyncVault } from '../sync/types';

const FIELD_IDS = { url: 'sync-url', username: 'sync-username', password: 'sync-password' } as const;

const TEST_TEXT: Record<SyncTestResult['kind'], string> = {
  ok: 'Connected: the school’s server accepted this tablet, and its rules (records can only be added, never changed) are in place.',
  'needs-sign-in': 'The server did not accept this tablet’s name and password.',
  refused: 'The server knows this tablet but refuses it access: it may have been revoked.',
  'not-set-up': 'The server answers, but this database has not been set up for the app.',
  unreachable: 'The school’s server could not be reached.',
};

function cspHint(crossOrigin: boolean): string | null {
  return crossOrigin
    ? 'This server is at another address than the app. The app only talks to other addresses its host allows: ask whoever hosts the app to add this server to the Content-Security-Policy’s connect-src, or to serve it under the app’s own address (docs/SYNC.md).'
    : null;
}

export function SyncSection({ sync, role, onLogged }: { sync: SyncVault; role: Role; onLogged?: () => void }) {
  const control = useSync();
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState<{ url: string; username: string } | null>(null);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<{ ok: boolean; text: string; hint: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void sync.settings().then((s) => {
      setSaved(s);
      if (s) {
        setUrl(s.url);
        setUsername(s.username);
      }
    });
  }, [sync]);

  const err = (field: keyof typeof FIELD_IDS) => errors.find((e) => e.fieldId === FIELD_IDS[field])?.text;
  const showProblems = (problems: SyncFieldProblem[]) => {
    setAttempt((n) => n + 1);
    setErrors(problems.map((p) => ({ fieldId: FIELD_IDS[p.field], text: p.message })));
  };
  const input = () => ({ url, username, password });

  const test = async () => {
    setBusy(true);
    setNotice(null);
    try {
      const r = await sync.test(input());
      if (!r.ok) return showProblems(r.problems);
      setErrors([]);
      setNotice({
        ok: r.result.kind === 'ok',
        text: r.result.kind === 'ok' ? TEST_TEXT.ok : (r.result.message ?? TEST_TEXT[r.result.kind]),
        hint: r.result.kind === 'unreachable' ? cspHint(r.crossOrigin) : null,
      });
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    setBusy(true);
    setNotice(null);
    try {
      const r = await sync.save(input());
      if (!r.ok) return showProblems(r.problems);
      setErrors([]);
      setPassword('');
      setSaved({ url: url.trim(), username: username.trim() });
      setNotice({
        ok: true,
        text: 'Saved. This tablet now syncs with the school’s server while it is unlocked and online.',
        hint: cspHint(r.crossOrigin),
      });
      control.restart();
    } finally {
      setBusy(false);
    }
  };

  const forget = async () => {
    setBusy(true);
    try {
      await sync.forget();
      setSaved(null);
      setPassword('');
      setNotice({
        ok: true,
        text: 'This tablet no longer syncs. What the school’s server holds stays there until IT removes it.',
        hint: null,
      });
      control.restart();
    } finally {
      setBusy(false);
    }
  };

  const status = control.status;
  return (
    <section aria-labelledby="sync-heading">
      <h2 className="app-heading-m" id="sync-heading">
        Sync with the school’s server
      </h2>
      <p className="app-body">
        Optional. With a server set up by your school’s or trust’s IT, every step recorded here is also kept on that
        server, encrypted: the server never sees a name, a date of birth or a note, only sealed records it cannot open.
        Without one, this tablet works exactly as before.
      </p>
      <InsetText>
        <p className="app-body">
          Another tablet joins with a one-time code made here, once sync is on. Steps recorded on another tablet reach
          this one checked but are not yet shown in its cases: that arrives with the merging of work from several
          tablets.
        </p>
      </InsetText>
      {status && (
        <p className="app-body" data-testid="sync-settings-status">
          <strong>Now:</strong> {syncStatusText(status)}
        </p>
      )}
      <ErrorSummary errors={errors} focusKey={attempt} />
      {notice && (
        <NotificationBanner variant={notice.ok ? 'success' : 'important'} heading={notice.text}>
          {notice.hint && <p className="app-body">{notice.hint}</p>}
        </NotificationBanner>
      )}
      <TextInput
        id={FIELD_IDS.url}
        label="Server address"
        hint="As IT gave it, ending with the database’s name, for example https://sync.hillside.sch.uk/ypsi-hillside"
        value={url}
        onChange={setUrl}
        error={err('url')}
        autoComplete="off"
        spellCheck={false}
        inputMode="url"
      />
      <TabletCredentialFields
        which="this"
        ids={FIELD_IDS}
        username={username}
        password={password}
        onUsername={setUsername}
        onPassword={setPassword}
        errors={{ username: err('username'), password: err('password') }}
        usernameHint="For example hillside-dsl-tablet-1"
        passwordHint={
          saved
            ? 'Saved, and encrypted on this tablet. Type it again only to change it or to test the connection.'
            : 'Shown once to IT when they added this tablet.'
        }
      />
      <WarningText>
        Never type the server administrator’s password here: each tablet has its own, so that one lost tablet can be
        shut out alone.
      </WarningText>
      <ActionBar>
        <Button variant="secondary" onClick={() => void test()} disabled={busy}>
          Test connection
        </Button>
        <Button onClick={() => void save()} disabled={busy}>
          Save and sync
        </Button>
        {saved && (
          <Button variant="warning" onClick={() => void forget()} disabled={busy}>
            Stop syncing on this tablet
          </Button>
        )}
        {status && status.state !== 'paused' && (
          <Button variant="secondary" onClick={() => control.send({ type: 'PAUSE' })}>
            Pause sync
          </Button>
        )}
        {status &&
          (status.state === 'paused' ||
            status.state === 'error' ||
            status.state === 'needsSignIn' ||
            status.state === 'refused') && (
            <Button
              variant="secondary"
              onClick={() => control.send({ type: status.state === 'paused' ? 'RESUME' : 'RETRY' })}
            >
              {status.state === 'paused' ? 'Resume sync' : 'Try again now'}
            </Button>
          )}
      </ActionBar>
      {saved && <EnrolTabletSection sync={sync} />}
      {saved && <RevokeTabletSection sync={sync} role={role} onLogged={onLogged} />}
    </section>
  );
}
