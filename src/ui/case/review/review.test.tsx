// @vitest-environment jsdom
// The initial review as question pages: each page checks its own answers with the domain, keeps
// the answers as a draft, moves focus to the next page's heading; "check your answers" before the
// decision is recorded; the policy panel and the portrait bar show the domain's proposal.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { caseWith } from '../../../../test/builders/caseScreens';
import { resetBuilders } from '../../../../test/builders/events';
import { E1, E5 } from '../../../../test/builders/facts';
import { GatewayContext } from '../../data/CaseContext';
import { DraftContext, KEEP_AFTER_MS, type DraftStore } from '../../data/drafts';
import { CaseRoutes } from '../CaseRoutes';

function memoryStore(): DraftStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    load: async (k) => data.get(k),
    save: async (k, v) => void data.set(k, structuredClone(v)),
    remove: async (k) => void data.delete(k),
  };
}

function open(g: Awaited<ReturnType<typeof caseWith>>, store: DraftStore, path = '/cases/c1/review') {
  return render(
    <GatewayContext.Provider value={g}>
      <DraftContext.Provider value={store}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/cases/:caseId/*" element={<CaseRoutes />} />
          </Routes>
        </MemoryRouter>
      </DraftContext.Provider>
    </GatewayContext.Provider>,
  );
}

const heading = () => screen.getByRole('heading', { level: 1 });
async function continueTo(title: RegExp, button = 'Continue') {
  await userEvent.click(screen.getByRole('button', { name: button }));
  await waitFor(() => expect(heading().textContent).toMatch(title));
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
beforeEach(() => {
  resetBuilders();
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
});

describe('the initial review, one part per page', () => {
  it('refuses to go on without who attended, at that field, with the rule; records nothing', async () => {
    const g = await caseWith(E1());
    open(g, memoryStore());
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toMatch(
      /Initial review meeting, part 1 of 5\s*Who is at the meeting/,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toMatch(/Record who attended the initial review meeting\. \(R4\.2\)/);
    // Only this page's problem: the reasons for the decision are asked for on its own page.
    expect(summary.textContent).not.toMatch(/R7\.2/);
    expect(within(summary).getByRole('link').getAttribute('href')).toBe('#attendees');
    expect(document.getElementById('attendees')?.getAttribute('aria-invalid')).toBe('true');
    expect(g.cases.get('c1')?.events).toHaveLength(2);
  });

  it('goes page by page, focus on each new heading, the answers kept as a draft; checks, then records who decided what and why', async () => {
    const g = await caseWith(E1());
    const store = memoryStore();
    open(g, store);
    await userEvent.type(await screen.findByLabelText('Who is at the meeting?'), 'Dana Shah (DSL)');
    await continueTo(/part 2 of 5\s*The people involved/);
    await waitFor(() => expect(document.activeElement).toBe(heading()));
    expect((store.data.get('review:c1') as { attendees: string }).attendees).toBe('Dana Shah (DSL)');
    await continueTo(/part 3 of 5\s*What is known/);
    await continueTo(/part 4 of 5\s*The meeting’s questions/);
    await userEvent.type(screen.getByLabelText(/Should parents or carers be contacted\? \(R5\.9\)/), 'Yes, today.');
    await continueTo(/part 5 of 5\s*Your decision/);
    await waitFor(() => expect(document.activeElement).toBe(heading()));
    await userEvent.click(screen.getByRole('button', { name: 'Continue to check your answers' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toMatch(/Record the reasons for the decision\. \(R7\.2\)/);
    await userEvent.type(screen.getByLabelText(/Reasons for the decision/), 'Consensual, in a relationship.');
    await continueTo(/Check your answers before recording the decision/, 'Continue to check your answers');
    expect(screen.getByText('Yes, today.')).toBeTruthy();
    expect(screen.getByText(/will need the Headteacher’s sign-off/)).toBeTruthy();
    expect(g.cases.get('c1')?.events).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(await screen.findByRole('heading', { name: 'The response' })).toBeTruthy();
    const decided = g.cases.get('c1')!.events.at(-1)!;
    if (decided.type !== 'review.decided') throw new Error(`expected review.decided, got ${decided.type}`);
    expect(decided.actor.name).toBeTruthy();
    expect(decided.decision).toMatchObject({
      attendees: ['Dana Shah (DSL)'],
      proposedTypology: 'experimental',
      typology: 'experimental',
      rationale: 'Consensual, in a relationship.',
      answers: { contactParents: 'Yes, today.' },
    });
    // Recorded: the draft is forgotten.
    await waitFor(() => expect(store.data.has('review:c1')).toBe(false));
  });

  it('offers the kept answers back when the review is opened again', async () => {
    const g = await caseWith(E1());
    const store = memoryStore();
    open(g, store);
    await userEvent.type(await screen.findByLabelText('Who is at the meeting?'), 'Kept between pages');
    await continueTo(/The people involved/);
    cleanup();
    open(g, store);
    await screen.findByText(/Your answers so far have been restored/);
    expect((screen.getByLabelText('Who is at the meeting?') as HTMLTextAreaElement).value).toBe('Kept between pages');
  });

  it('shows, beside each page, the rules it asks about, with their words', async () => {
    const g = await caseWith(E1());
    open(g, memoryStore());
    const rules = await screen.findByRole('heading', { name: 'The policy on this page' });
    expect(rules.parentElement?.textContent).toMatch(/R4\.2.*The initial review meeting/);
  });

  it('an error on an earlier page links to that page; the link takes the DSL to the field', async () => {
    const g = await caseWith(E1());
    open(g, memoryStore(), '/cases/c1/review?part=decision');
    await userEvent.type(await screen.findByLabelText(/Reasons for the decision/), 'Reasons.');
    await userEvent.click(screen.getByRole('button', { name: 'Continue to check your answers' }));
    const link = within(await screen.findByRole('alert')).getByRole('link', { name: /Record who attended/ });
    expect(link.getAttribute('href')).toBe('/cases/c1/review?part=meeting#attendees');
    await userEvent.click(link);
    await waitFor(() => expect(document.activeElement?.id).toBe('attendees'));
  });

  it('beside the questions, the policy panel; above them, the proposal so far with its rules (E5: act now)', async () => {
    const g = await caseWith(E5());
    open(g, memoryStore(), '/cases/c1/review?part=facts');
    const panel = await screen.findByRole('complementary', { name: 'What the policy says' });
    expect(within(panel).getAllByText(/Refer to the MASH now/).length).toBeGreaterThan(0);
    const bar = screen.getByRole('region', { name: 'The app’s proposal so far' });
    expect(bar.textContent).toMatch(/The app proposes aggravated \(R\d+(\.\d+)?\)/);
    expect(bar.textContent).toMatch(/Immediate referral needed \(R\d+(\.\d+)?\): refer to the MASH now/);
  });

  it('keeps answers typed on a page when the DSL leaves by the case header without Continue; recorded nothing', async () => {
    const g = await caseWith(E1());
    const store = memoryStore();
    open(g, store);
    await userEvent.type(await screen.findByLabelText('Who is at the meeting?'), 'Dana Shah (DSL)');
    await continueTo(/The people involved/);
    await userEvent.click(screen.getByRole('link', { name: 'Back' }));
    await waitFor(() => expect(heading().textContent).toMatch(/Who is at the meeting/));
    await userEvent.type(screen.getByLabelText('Who is at the meeting?'), '{Enter}Helen Okafor (Headteacher)');
    expect(screen.getByText(/kept on this tablet as a draft as you type/).textContent).toMatch(
      /not recorded until you check them and record the decision/,
    );
    await userEvent.click(screen.getByRole('link', { name: /^Case YPSI-/ }));
    await waitFor(() => expect(document.querySelector('a[href="/cases/c1/review"]')).not.toBeNull());
    await waitFor(() =>
      expect((store.data.get('review:c1') as { attendees: string }).attendees).toBe(
        'Dana Shah (DSL)\nHelen Okafor (Headteacher)',
      ),
    );
    await userEvent.click(document.querySelector<HTMLAnchorElement>('a[href="/cases/c1/review"]')!);
    await screen.findByText(/Your answers so far have been restored/);
    expect(screen.getByLabelText<HTMLTextAreaElement>('Who is at the meeting?').value).toBe(
      'Dana Shah (DSL)\nHelen Okafor (Headteacher)',
    );
    expect(g.cases.get('c1')?.events).toHaveLength(2);
  });

  it('keeps answers as they are typed, once typing pauses, and at once when the tab is hidden or closed', async () => {
    const g = await caseWith(E1());
    const store = memoryStore();
    open(g, store);
    const field = await screen.findByLabelText('Who is at the meeting?');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.change(field, { target: { value: 'Dana' } });
    await act(() => vi.advanceTimersByTimeAsync(KEEP_AFTER_MS - 1));
    expect(store.data.has('review:c1')).toBe(false);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect((store.data.get('review:c1') as { attendees: string }).attendees).toBe('Dana');

    fireEvent.change(field, { target: { value: 'Dana Shah' } });
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect((store.data.get('review:c1') as { attendees: string }).attendees).toBe('Dana');
    window.dispatchEvent(new Event('pagehide'));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect((store.data.get('review:c1') as { attendees: string }).attendees).toBe('Dana Shah');
    expect(g.cases.get('c1')?.events).toHaveLength(2);
  });
});
