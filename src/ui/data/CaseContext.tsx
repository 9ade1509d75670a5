// The open case for the screens under /cases/:caseId: its snapshot, its events, and `record`.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { CaseGateway, EventDraft, LoadedCase, TwoKeyHolders } from './gateway';

export interface CaseState extends LoadedCase {
  caseId: string;
  gateway: CaseGateway;
  record: (draft: EventDraft, keys?: TwoKeyHolders) => Promise<LoadedCase>;
}

const Ctx = createContext<CaseState | null>(null);
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
  useEffect(() => {
    let live = true;
    gateway.load(caseId).then(
      (c) => live && setLoaded(c),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [gateway, caseId]);
  const record = useCallback(
    async (draft: EventDraft, keys?: TwoKeyHolders) => {
      const next = await gateway.record(caseId, draft, keys);
      setLoaded(next);
      return next;
    },
    [gateway, caseId],
  );
  if (error) {
    return (
      <div className="app-page">
        <h1 className="app-heading-l">This case could not be opened</h1>
        <p className="app-body">{error}</p>
      </div>
    );
  }
  if (!loaded) return <>{fallback ?? <p className="app-body">Opening the case…</p>}</>;
  return <Ctx.Provider value={{ ...loaded, caseId, gateway, record }}>{children}</Ctx.Provider>;
}
