// @vitest-environment jsdom
// The case screens hold the case as an XState actor (@xstate/react): restored from storage's
// persisted snapshot, sent each event storage records, read through useSelector; and should it
// ever read otherwise than storage, storage's snapshot wins.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { stageOf, step } from '../../domain/machine';
import type { CaseEvent } from '../../domain/events';
import { STAGE_LABELS } from '../../domain/stages';
import { experimentalFlow, run } from '../../../test/builders/flows';
import { DSL, ev, resetBuilders } from '../../../test/builders/events';
import { CaseProvider, GatewayContext, useCase, useCaseSelector } from './CaseContext';
import type { CaseGateway, EventDraft, LoadedCase } from './gateway';

afterEach(cleanup);
beforeEach(() => resetBuilders());

/**
 * A gateway over the given events; `record` stamps and steps like storage, then adds `extra` (events
 * listed, as pulled from another tablet) and `merged` (in storage's snapshot only, as a merge would be).
 */
function gatewayOver(events: CaseEvent[], extra: CaseEvent[] = [], merged: CaseEvent[] = []) {
  let current: LoadedCase = { snapshot: run(events), events };
  const gateway: CaseGateway = {
    actor: DSL,
    load: async () => current,
    record: async (_id, draft: EventDraft) => {
      const e = {
        ...draft,
        id: `e${current.events.length + 1}`,
        actor: DSL,
        recordedAt: draft.occurredAt,
      } as CaseEvent;
      const all = [...current.events, e, ...extra];
      const snapshot = [...all.slice(current.events.length), ...merged].reduce(step, current.snapshot);
      current = { snapshot, events: all };
      return current;
    },
  };
  return gateway;
}

/** The stage as read through useSelector, the events, and a button recording `draft`. */
function Probe({ draft }: { draft: EventDraft }) {
  const stage = useCaseSelector(stageOf);
  const { events, record } = useCase();
  return (
    <>
      <p>
        {STAGE_LABELS[stage]}; {events.length} events
      </p>
      <button type="button" onClick={() => void record(draft)}>
        Record
      </button>
    </>
  );
}

function show(g: CaseGateway, next: CaseEvent) {
  const { id: _i, actor: _a, recordedAt: _r, ...draft } = next;
  render(
    <GatewayContext.Provider value={g}>
      <CaseProvider caseId="c1">
        <Probe draft={draft as EventDraft} />
      </CaseProvider>
    </GatewayContext.Provider>,
  );
}
const recordIt = () => act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Record' })));

describe('the open case as an actor', () => {
  it('starts from the persisted snapshot and follows each recorded event', async () => {
    const flow = experimentalFlow();
    show(gatewayOver(flow.slice(0, 2)), flow[2]!);
    expect(await screen.findByText(`${STAGE_LABELS.initialReview}; 2 events`)).toBeTruthy();
    await recordIt();
    expect(screen.getByText(`${STAGE_LABELS.riskAssessment}; 3 events`)).toBeTruthy();
  });

  it('sends it the events storage lists beyond the one recorded (pulled from another tablet)', async () => {
    const flow = experimentalFlow();
    show(gatewayOver(flow.slice(0, 1), [ev('escalated', { reason: 'Another tablet: a new fact.' })]), flow[1]!);
    await screen.findByText(/; 1 events/);
    await recordIt();
    expect(await screen.findByText(`${STAGE_LABELS.referral}; 3 events`)).toBeTruthy();
  });

  it('starts again from storage’s snapshot when the actor would read otherwise', async () => {
    const flow = experimentalFlow();
    show(gatewayOver(flow.slice(0, 1), [], [ev('escalated', { reason: 'Merged from another tablet.' })]), flow[1]!);
    await screen.findByText(/; 1 events/);
    await recordIt();
    // The actor alone would be at the initial review; storage's record is escalated to referral.
    expect(await screen.findByText(`${STAGE_LABELS.referral}; 2 events`)).toBeTruthy();
  });
});
