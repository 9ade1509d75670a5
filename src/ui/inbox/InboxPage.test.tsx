// @vitest-environment jsdom
// The inbox with several tablets (docs/SYNC.md, "One disclosure, two tablets"): a disclosure accepted
// on another tablet is shown as such, with its case, and cannot be opened again; one accepted on two
// tablets apart names both cases and says plainly what happened.
import type { CaseSummary } from '../../domain/summary';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboxItem } from '../data/vault';
import { InboxPage } from './InboxPage';

afterEach(cleanup);

const item = (over: Partial<InboxItem> = {}): InboxItem => ({
  id: 'd1',
  writer: 'Sam Fennimore',
  receivedAt: '2026-03-02T10:20:00.000Z',
  payload: {
    writer: 'Sam Fennimore',
    disclosure: {
      disclosedBy: 'Ophelia Grindlewald',
      disclosedAt: '2026-03-02T10:15:00.000Z',
      account: 'Told on the stairs.',
    },
    persons: [{ id: 'p1', name: 'Ophelia Grindlewald' }],
  } as unknown as InboxItem['payload'],
  ...over,
});

const renderInbox = (props: Partial<Parameters<typeof InboxPage>[0]>) =>
  render(
    <MemoryRouter>
      <InboxPage items={[]} onAccept={() => Promise.resolve('x')} {...props} />
    </MemoryRouter>,
  );

describe('the inbox on a tablet that syncs', () => {
  it('offers a waiting disclosure as a new case', () => {
    renderInbox({ items: [item()] });
    expect(screen.getByRole('button', { name: 'Open as a new case' })).toBeTruthy();
  });

  it('shows one accepted on another tablet as such, links its case, and offers no second case', () => {
    renderInbox({
      items: [item({ acceptedInto: { caseId: 'c-a', reference: 'YPSI-2026-0007', at: '2026-03-02T11:00:00.000Z' } })],
    });
    expect(screen.queryByRole('button', { name: 'Open as a new case' })).toBeNull();
    expect(screen.getByText(/Accepted on another tablet into case YPSI-2026-0007, 2 March 2026/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open case YPSI-2026-0007' }).getAttribute('href')).toBe('/cases/c-a');
  });

  it('lets a key holder remove one accepted on another tablet from this inbox', async () => {
    const removed: string[] = [];
    renderInbox({
      items: [item({ acceptedInto: { caseId: 'c-a', reference: 'YPSI-2026-0007', at: '2026-03-02T11:00:00.000Z' } })],
      onRemove: async (id) => {
        removed.push(id);
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Remove from this inbox' }));
    await waitFor(() => expect(removed).toEqual(['d1']));
  });

  it('names both cases of a disclosure accepted on two tablets apart, and says both are kept', () => {
    renderInbox({
      twice: [
        {
          disclosureId: 'd1',
          cases: [
            { caseId: 'c-a', reference: 'YPSI-2026-0007', at: '2026-03-02T11:00:00.000Z', here: true },
            { caseId: 'c-b', reference: 'YPSI-2026-A-0001', at: '2026-03-02T11:05:00.000Z', here: false },
          ],
        },
      ],
    });
    const section = screen.getByRole('region', { name: 'One disclosure accepted on two tablets' });
    expect(section.textContent).toMatch(/became 2 cases\. Both are kept/);
    expect(screen.getByRole('link', { name: 'Case YPSI-2026-0007' }).getAttribute('href')).toBe('/cases/c-a');
    expect(screen.getByRole('link', { name: 'Case YPSI-2026-A-0001' }).getAttribute('href')).toBe('/cases/c-b');
    expect(section.textContent).toContain('(on this tablet, 2 March 2026)');
    expect(section.textContent).toContain('(on another tablet, 2 March 2026)');
  });

  it('once they are recorded as the same incident, says so instead of asking, and names the one closed', () => {
    const cases = [
      { caseId: 'c-a', reference: 'YPSI-2026-0007', at: '2026-03-02T11:00:00.000Z', here: true },
      { caseId: 'c-b', reference: 'YPSI-2026-A-0001', at: '2026-03-02T11:05:00.000Z', here: false },
    ];
    const summary = (caseId: string, more: Partial<CaseSummary> = {}): CaseSummary =>
      ({ caseId, reference: caseId, stage: 'initialReview', closed: false, due: [], ...more }) as CaseSummary;
    renderInbox({
      twice: [{ disclosureId: 'd1', cases }],
      summaries: [
        summary('c-a', { closed: true, sameIncidentAs: { caseId: 'c-b', reference: 'YPSI-2026-A-0001' } }),
        summary('c-b', { alsoRecordedAs: [{ caseId: 'c-a', reference: 'YPSI-2026-0007' }] }),
      ],
    });
    const section = screen.getByRole('region', { name: 'One disclosure accepted on two tablets' });
    expect(section.textContent).toContain('a key holder has recorded that they are the same incident');
    expect(section.textContent).not.toContain('Accepted twice');
    expect(section.textContent).toContain('closed as the same incident as YPSI-2026-A-0001');
  });
});
