// The open case for the screens under /cases/:caseId, held as an XState actor (@xstate/react):
// restored from storage's persisted snapshot, sent each event storage records, and read by the
// screens through `useSelector`. Its events, and `record`. When a sync pull brings another tablet's
// steps of the open case, it reads the case again and says so, calmly, without leaving the screen.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useActorRef, useSelector } from '@xstate/react';
import { caseMachine, persist, type CaseSnapshot } from '../../domain/machine';
import type { CaseEvent } from '../../domain/events';
import type { CaseGateway, EventDraft, LoadedCase, TwoKeyHolders } from './gateway';
import { touches, usePulledChanges } from './pulledChanges';
import { clockTime } from '../format';

export interface CaseState extends LoadedCase {
  caseId: string;
  gateway: CaseGateway;
  record: (draft: EventDraft, keys?: TwoKeyHolders) => Promise<LoadedCase>;
  /** When another tablet's steps of this case last reached this screen (ISO); null if never while open. */
  updatedElsewhereAt: string | null;
}

const Ctx = createContext<CaseState | null>(null);
type CaseActorRef = ReturnType<typeof useActorRef<typeof caseMachine>>;
const ActorCtx = createContext<CaseActorRef | null>(null);
export const GatewayContext = createContext<CaseGateway | null>(null);

export function useGateway(): CaseGateway {
  const g = useContext(GatewayContext);
  if (!g) throw new Error('No case gateway: the app is locked');
  return g;
}

export function useCase(): CaseState {
  const c = useContext(Ctx);
  if (!c) throw new Error('useCase outside a CaseProvider');
  return c;
}

/** Part of the open case, re-rendering only when that part changes (e.g. `useCaseSelector(stageOf)`). */
export function useCaseSelector<T>(selector: (snapshot: CaseSnapshot) => T): T {
  const actor = useContext(ActorCtx);
  if (!actor) throw new Error('useCaseSelector outside a CaseProvider');
  return useSelector(actor, selector);
}

/** Keyed by case id, so another case starts from a clean state. */
export function CaseProvider(props: { caseId: string; children: ReactNode; fallback?: ReactNode }) {
  return <CaseProviderInner key={props.caseId} {...props} />;
}

function CaseProviderInner({
  caseId,
  children,
  fallback,
}: {
  caseId: string;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const gateway = useGateway();
  const [loaded, setLoaded] = useState<LoadedCase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [actor, setActor] = useState<CaseActorRef | null>(null);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const reload = useCallback((c: LoadedCase) => {
    setLoaded(c);
    setGeneration((n) => n + 1);
  }, []);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    let live = true;
    gateway.load(caseId).then(
      // A newer read (a pull's, below) may have landed first: it stands.
      (c) => live && setLoaded((prev) => prev ?? c),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
      mounted.current = false;
    };
  }, [gateway, caseId]);
  // A pull applied another tablet's steps of this case: read it again (storage is the record) and
  // show them where the person is; nothing they typed is touched (the screens stay mounted).
  const changes = usePulledChanges();
  const seen = useRef(changes?.serial ?? 0);
  const shownRef = useRef<LoadedCase | null>(null);
  useEffect(() => {
    shownRef.current = loaded;
  }, [loaded]);
  useEffect(() => {
    if (!changes || changes.serial <= seen.current) return;
    seen.current = changes.serial;
    if (!touches(changes, caseId)) return;
    gateway.load(caseId).then(
      (c) => {
        if (!mounted.current || (shownRef.current && sameEvents(shownRef.current, c))) return;
        reload(c);
        setUpdatedAt(changes.at ?? new Date().toISOString());
      },
      // Erased here (destroyed on another tablet, docs/SYNC.md): said, never shown from memory.
      (e: unknown) => mounted.current && setError(e instanceof Error ? e.message : String(e)),
    );
  }, [changes, caseId, gateway, reload]);
  if (error) {
    return (
      <div className="app-page">
        <h1 className="app-heading-l">This case could not be opened</h1>
        <p className="app-body">{error}</p>
      </div>
    );
  }
  if (!loaded) return <>{fallback ?? <p className="app-body">Opening the case…</p>}</>;
  // The actor starts again from storage's snapshot when it reads otherwise (the host is keyed by
  // generation), but the screens under it stay mounted: what they show (a confirmation, an answer
  // being typed) is not lost. On a case recorded on several tablets that is every step, as only
  // storage works out the case's branches (context.branches).
  return (
    <>
      {/* Polite: read out when the person pauses; the page they are on stays as it is. */}
      <p className="app-case-updated" role="status">
        {updatedAt ? `Updated from another tablet, ${clockTime(updatedAt)}` : ''}
      </p>
      <ActorHost key={generation} loaded={loaded} onActor={setActor} />
      {actor && (
        <CaseActor
          caseId={caseId}
          gateway={gateway}
          actor={actor}
          loaded={loaded}
          onDiverged={reload}
          updatedElsewhereAt={updatedAt}
        >
          {children}
        </CaseActor>
      )}
    </>
  );
}

const sameEvents = (a: LoadedCase, b: LoadedCase) =>
  a.events.length === b.events.length && a.events.every((e, i) => e.id === b.events[i]!.id);

const same = (a: CaseSnapshot, b: CaseSnapshot) => JSON.stringify(persist(a)) === JSON.stringify(persist(b));

/** Owns one actor restored from storage's snapshot, and hands it up as soon as it exists (before paint). */
function ActorHost({ loaded, onActor }: { loaded: LoadedCase; onActor: (actor: CaseActorRef) => void }) {
  const actor = useActorRef(caseMachine, { snapshot: persist(loaded.snapshot) as never });
  useLayoutEffect(() => onActor(actor), [actor, onActor]);
  return null;
}

/** The case as the current actor holds it; each recorded event is sent to it too. */
function CaseActor({
  caseId,
  gateway,
  actor,
  loaded,
  onDiverged,
  updatedElsewhereAt,
  children,
}: {
  caseId: string;
  gateway: CaseGateway;
  actor: CaseActorRef;
  loaded: LoadedCase;
  onDiverged: (c: LoadedCase) => void;
  updatedElsewhereAt: string | null;
  children: ReactNode;
}) {
  const snapshot = useSelector(actor, (s) => s);
  const [events, setEvents] = useState<CaseEvent[]>(loaded.events);
  // Read again (another tablet's steps pulled, or storage read otherwise): its steps are the record.
  const [from, setFrom] = useState(loaded);
  if (from !== loaded) {
    setFrom(loaded);
    setEvents(loaded.events);
  }
  const record = useCallback(
    async (draft: EventDraft, keys?: TwoKeyHolders) => {
      const next = await gateway.record(caseId, draft, keys);
      for (const e of next.events.slice(events.length)) actor.send(e);
      setEvents(next.events);
      // Storage is the record: should the actor ever read otherwise (another tablet's events merged
      // in, say), it starts again from storage's snapshot.
      if (!same(actor.getSnapshot(), next.snapshot)) onDiverged(next);
      return next;
    },
    [gateway, caseId, actor, events.length, onDiverged],
  );
  return (
    <ActorCtx.Provider value={actor}>
      <Ctx.Provider value={{ snapshot, events, caseId, gateway, record, updatedElsewhereAt }}>{children}</Ctx.Provider>
    </ActorCtx.Provider>
  );
}
