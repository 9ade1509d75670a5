// @vitest-environment jsdom
// The error boundary around every screen: moving within a case keeps the open case (it is not
// loaded again, and what it holds stays); a screen that fails says so, and moving on clears it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link, MemoryRouter, Route, Routes } from 'react-router';
import { caseWith } from '../../../test/builders/caseScreens';
import { resetBuilders } from '../../../test/builders/events';
import { E1 } from '../../../test/builders/facts';
import { CaseRoutes } from '../case/CaseRoutes';
import { GatewayContext } from '../data/CaseContext';
import { ScreenBoundary } from './ScreenBoundary';

afterEach(cleanup);
beforeEach(() => {
  resetBuilders();
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
});

function Broken(): never {
  throw new Error('This screen is broken.');
}

async function renderApp() {
  const g = await caseWith(E1());
  const loads = vi.spyOn(g, 'load');
  render(
    <GatewayContext.Provider value={g}>
      <MemoryRouter initialEntries={['/cases/c1']}>
        <Routes>
          <Route
            element={
              <>
                <nav>
                  <Link to="/cases/c1">Case overview</Link>
                  <Link to="/cases/c1/referrals">Referrals step</Link>
                  <Link to="/cases/c1/chronology">Chronology step</Link>
                  <Link to="/broken">Broken screen</Link>
                </nav>
                <ScreenBoundary />
              </>
            }
          >
            <Route path="/cases/:caseId/*" element={<CaseRoutes />} />
            <Route path="/broken" element={<Broken />} />
          </Route>
        </Routes>
      </MemoryRouter>
    </GatewayContext.Provider>,
  );
  return loads;
}

describe('the error boundary around every screen', () => {
  it('keeps the open case while the DSL moves between its steps: it is loaded once', async () => {
    const loads = await renderApp();
    await screen.findByText('YPSI-2026-001', { exact: false });
    expect(loads).toHaveBeenCalledTimes(1);
    for (const step of ['Referrals step', 'Chronology step', 'Case overview', 'Referrals step']) {
      await userEvent.click(screen.getByRole('link', { name: step }));
      expect(screen.queryByText('Opening the case…')).toBeNull();
    }
    await screen.findByRole('heading', { level: 1, name: 'Referrals' });
    expect(loads).toHaveBeenCalledTimes(1);
  });

  it('shows a failed screen as failed, and clears it when the DSL moves on (the case then opens afresh)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const loads = await renderApp();
    await screen.findByText('YPSI-2026-001', { exact: false });
    await userEvent.click(screen.getByRole('link', { name: 'Broken screen' }));
    expect(await screen.findByRole('heading', { name: 'Sorry, this screen could not be shown' })).toBeTruthy();
    await userEvent.click(screen.getByRole('link', { name: 'Referrals step' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Referrals' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Sorry, this screen could not be shown' })).toBeNull();
    expect(loads).toHaveBeenCalledTimes(2);
  });
});
