// The app's session: whether the device is set up, the public settings, and the unlocked vault.
// Locking drops the vault (keys and decrypted state) and reloads the page (docs/SECURITY.md item 5).
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CaseSummary } from '../../domain/summary';
import { DEFAULT_SETTINGS, SettingsContext, type PublicSettings } from '../data/settings';
import type {
  DeviceStatus,
  InboxItem,
  IntegrityReport,
  KeyHolder,
  SealWords,
  UnlockedVault,
  Vault,
} from '../data/vault';
import { GatewayContext } from '../data/CaseContext';
import type { CaseGateway, EventDraft, LoadedCase, TwoKeyHolders } from '../data/gateway';
import { IdleTimer, clampIdleMinutes, type IdleState } from '../lock/idle';
import { DraftContext, flushDraftsReport, type DraftStore } from '../data/drafts';
import { afterFirstPaint } from '../../firstPaint';
import { type Session, Ctx } from './useSession';
import { LOCK_NOTICE_KEY } from './lockNotice';
export { lockNoticePending } from './lockNotice';
export { useSession } from './useSession';
export type { Session } from './useSession';

function drafts(v: UnlockedVault): DraftStore {
  return { load: (k) => v.loadDraft(k), save: (k, x) => v.saveDraft(k, x), remove: (k) => v.deleteDraft(k) };
}

export function SessionProvider({ vault, children }: { vault: Vault; children: ReactNode }) {
  const [status, setStatus] = useState<DeviceStatus | 'loading'>('loading');
  const [settings, setSettings] = useState<PublicSettings>(DEFAULT_SETTINGS);
  const [holders, setHolders] = useState<KeyHolder[]>([]);
  const [sealWords, setSealWords] = useState<SealWords | null>(null);
  const [unlocked, setUnlocked] = useState<UnlockedVault | null>(null);
  const [summaries, setSummaries] = useState<CaseSummary[]>([]);
  const [unreadable, setUnreadable] = useState<{ caseId: string; message: string }[]>([]);
  const [indexRepairs, setIndexRepairs] = useState<string[]>([]);
  const setCases = useCallback(
    (c: { summaries: CaseSummary[]; unreadable: { caseId: string; message: string }[]; indexRepairs?: string[] }) => {
      setSummaries(c.summaries);
      setUnreadable(c.unreadable);
      // Kept for the session: later reads answer from the checked copy and report nothing new.
      const found = c.indexRepairs ?? [];
      if (found.length > 0) setIndexRepairs((prev) => [...prev, ...found.filter((r) => !prev.includes(r))]);
    },
    [],
  );
  const [inbox, setInbox] = useState<InboxItem[]>([]);
  const [idle, setIdle] = useState<IdleState>({ phase: 'active' });
  const [writer, setWriter] = useState(true);
  const [integrity, setIntegrity] = useState<IntegrityReport | null>(null);
  const [outdated, setOutdated] = useState(false);
  const [databaseRemoved, setDatabaseRemoved] = useState(false);
  useEffect(() => {
    // After the first paint (issue 6), and only the database's connection (storage/db.ts, through
    // versionWatch.ts): the rest of the storage layer loads when a screen needs it.
    let live = true;
    let off: (() => void) | undefined;
    void afterFirstPaint()
      .then(() => import('../../storage/versionWatch'))
      .then((m) => {
        // No new version means the database is being deleted, not upgraded: say which.
        if (live)
          off = m.onVersionChange((info) => (info.newVersion === null ? setDatabaseRemoved(true) : setOutdated(true)));
      });
    return () => {
      live = false;
      off?.();
    };
  }, []);
  const [lockNotice] = useState<string | null>(() => {
    // None when pre-rendered at build time (src/ui/prerender.tsx): there is no session there.
    if (typeof sessionStorage === 'undefined') return null;
    const n = sessionStorage.getItem(LOCK_NOTICE_KEY);
    sessionStorage.removeItem(LOCK_NOTICE_KEY);
    return n;
  });
  const timer = useRef<IdleTimer | null>(null);

  const load = useCallback(async () => {
    const st = await vault.status();
    if (st === 'ok') {
      // Read together and shown together: the lock screen never lists nobody.
      const [s, h, w] = await Promise.all([
        vault.publicSettings(),
        vault.keyHolders(),
        vault.sealWords().catch(() => null),
      ]);
      setSettings(s ?? DEFAULT_SETTINGS);
      setHolders(h);
      setSealWords(w);
    }
    setStatus(st);
  }, [vault]);

  useEffect(() => {
    let live = true;
    void (async () => {
      await afterFirstPaint();
      // Storage can be briefly unreadable at start-up (the browser clearing or upgrading the
      // database under a loading page): try again before giving up, never leave it unhandled.
      for (let attempt = 1; live; attempt++) {
        try {
          await load();
          const w = await vault.acquireWriter();
          if (live) setWriter(w);
          return;
        } catch (e) {
          if (attempt >= 3) {
            console.error('The stored records could not be read at start-up.', e);
            return;
          }
          await new Promise((r) => setTimeout(r, 400 * attempt));
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [load, vault]);

  const refresh = useCallback(async () => {
    await load();
    if (unlocked) {
      setCases(await unlocked.listCases());
      setInbox(await unlocked.inbox());
    }
  }, [load, unlocked, setCases]);

  const lock = useCallback(
    (why?: string) => {
      timer.current?.stop();
      void (async () => {
        // Unsaved answers are kept, encrypted, before the keys go (issue 3).
        const kept = unlocked
          ? await Promise.race([
              flushDraftsReport(drafts(unlocked)),
              new Promise<null>((r) => setTimeout(() => r(null), 3000)),
            ])
          : null;
        unlocked?.lock();
        // A hard lock: reload, so nothing decrypted survives in memory (docs/SECURITY.md item 5).
        // Answers that could not be kept (storage full, or too long) are not lost silently: say so.
        const lost =
          kept && kept.failed > 0
            ? ' Some answers you had not saved could not be kept (the device may be out of storage space, or an answer was too long): enter them again after unlocking.'
            : '';
        sessionStorage.setItem(LOCK_NOTICE_KEY, `${why ?? 'Locked.'}${lost}`);
        window.location.assign('/');
      })();
    },
    [unlocked],
  );

  const adopt = useCallback(
    async (v: UnlockedVault) => {
      setCases(await v.listCases());
      setInbox(await v.inbox());
      setUnlocked(v);
      // Checks only what is new since the last checkpoint, so it stays quick (docs/SECURITY.md item 8).
      void v
        .quickVerify()
        .then(setIntegrity, (e: unknown) =>
          setIntegrity({ ok: false, checked: 0, firstProblem: e instanceof Error ? e.message : String(e) }),
        );
    },
    [setCases],
  );

  const unlock = useCallback(
    async (userId: string, passphrase: string) => adopt(await vault.unlock(userId, passphrase)),
    [vault, adopt],
  );

  // Auto-lock while unlocked: idle, and hidden past a grace period.
  useEffect(() => {
    if (!unlocked) return;
    const t = new IdleTimer(clampIdleMinutes(settings.idleMinutes), setIdle);
    timer.current = t;
    // An input once a deadline has passed (the tap that wakes a sleeping tablet) locks, and is
    // swallowed so it does not act on the screen that is about to go.
    const onActivity = (e: Event) => {
      if (t.activity()) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    const onVisibility = () => t.hidden(document.visibilityState === 'hidden');
    // Resume: the timers may not have run while the tablet slept; the clock decides (docs/SECURITY.md item 6).
    const onResume = () => {
      if (document.visibilityState === 'hidden') return;
      t.hidden(false);
    };
    // Taps and keys may be swallowed; scrolling gestures stay passive (they are only noticed).
    const events = ['pointerdown', 'click', 'keydown', 'input', 'wheel', 'touchstart'] as const;
    for (const e of events)
      window.addEventListener(e, onActivity, { capture: true, passive: e === 'wheel' || e === 'touchstart' });
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pageshow', onResume);
    window.addEventListener('focus', onResume);
    if (document.visibilityState === 'hidden') t.hidden(true);
    return () => {
      t.stop();
      for (const e of events) window.removeEventListener(e, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pageshow', onResume);
      window.removeEventListener('focus', onResume);
    };
  }, [unlocked, settings.idleMinutes]);

  useEffect(() => {
    if (idle.phase === 'locked')
      lock(
        idle.why === 'idle'
          ? 'Locked after a period of inactivity. Your unsaved answers were kept, encrypted.'
          : 'Locked because the app was in the background.',
      );
  }, [idle, lock]);

  // The case screens' gateway: the vault, keeping the home screen's summaries current.
  const gateway = useMemo<CaseGateway | null>(() => {
    if (!unlocked) return null;
    return {
      actor: unlocked.actor,
      load: (id: string) => unlocked.load(id),
      record: async (id: string, draft: EventDraft, keys?: TwoKeyHolders): Promise<LoadedCase> => {
        if (!writer)
          throw new Error(
            'This case is open for writing in another tab or window. Close the other one, then reload this page.',
          );
        const r = await unlocked.record(id, draft, keys);
        void unlocked.listCases().then(setCases);
        return r;
      },
      ...('verifyPassphrase' in unlocked && { verifyPassphrase: (p: string) => unlocked.verifyPassphrase(p) }),
      // Two cases of one disclosure accepted on two tablets apart (src/ui/case/sameIncident).
      ...(unlocked.sameDisclosureCases && {
        sameDisclosureCases: (id: string) => unlocked.sameDisclosureCases!(id),
      }),
    };
  }, [unlocked, writer, setCases]);

  const draftStore = useMemo(() => (unlocked ? drafts(unlocked) : null), [unlocked]);

  const value: Session = {
    vault,
    status,
    settings,
    holders,
    sealWords,
    unlocked,
    summaries,
    unreadable,
    inbox,
    idle,
    lockNotice,
    integrity,
    indexRepairs,
    outdated,
    databaseRemoved,
    writer,
    refresh,
    unlock,
    adopt,
    lock,
    extend: () => timer.current?.extend(),
  };

  return (
    <Ctx.Provider value={value}>
      <SettingsContext.Provider value={settings}>
        <GatewayContext.Provider value={gateway}>
          <DraftContext.Provider value={draftStore}>{children}</DraftContext.Provider>
        </GatewayContext.Provider>
      </SettingsContext.Provider>
    </Ctx.Provider>
  );
}
