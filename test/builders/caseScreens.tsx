// The case screens over the in-memory gateway, for UI tests: a case opened with a disclosure of
// the given facts, and CaseRoutes rendered at an address.
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { GatewayContext } from '../../src/ui/data/CaseContext';
import { memoryGateway } from '../../src/ui/data/memoryGateway';
import { CaseRoutes } from '../../src/ui/case/CaseRoutes';
import type { IncidentFacts } from '../../src/domain/types';
import { DSL, disclosure, opened } from './events';

/** Case 'c1', opened by the DSL, with a disclosure naming the facts' persons. */
export async function caseWith(facts: IncidentFacts) {
  const g = memoryGateway(DSL);
  const o = opened();
  await g.record('c1', {
    type: 'case.opened',
    caseId: 'c1',
    reference: o.reference,
    policyVersion: o.policyVersion,
    occurredAt: o.occurredAt,
  });
  await g.record('c1', {
    type: 'disclosure.recorded',
    disclosure: disclosure(),
    persons: facts.persons,
    facts: { ...facts, persons: undefined } as never,
    occurredAt: o.occurredAt,
  });
  return g;
}

/** The case screens at `path` (e.g. /cases/c1/review); any other address shows "elsewhere". */
export function renderAt(g: ReturnType<typeof memoryGateway>, path: string) {
  return render(
    <GatewayContext.Provider value={g}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/cases/:caseId/*" element={<CaseRoutes />} />
          <Route path="*" element={<p>elsewhere</p>} />
        </Routes>
      </MemoryRouter>
    </GatewayContext.Provider>,
  );
}
