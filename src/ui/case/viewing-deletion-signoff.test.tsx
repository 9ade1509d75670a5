// @vitest-environment jsdom
// Viewing (R11), deletion (R12) and the Headteacher's sign-off (R14.3), driven through the
// screens over the real domain machine (memoryGateway). Each case is built by recording events
// through the gateway first; the screens then ask the domain and show its reasons.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { CaseEvent } from '../../domain/events';
import type { Actor } from '../../domain/types';
import { CaseProvider, GatewayContext } from '../data/CaseContext';
import type { CaseGateway, EventDraft, LoadedCase } from '../data/gateway';
import { memoryGateway } from '../data/memoryGateway';
import {
  DEPUTY,
  DSL,
  HEAD,
  STAFF,
  decision,
  disclosure,
  ev,
  opened,
  resetBuilders,
  typedSignature,
} from '../../../test/builders/events';
import { E1, E5 } from '../../../test/builders/facts';
import { closableExperimental, experimentalFlow } from '../../../test/builders/flows';
import { DeletionPage } from './DeletionPage';
import { SignOffPage, gatewayPassphraseCheck, type SignOffPageProps } from './SignOffPage';
import { ViewingPage } from './ViewingPage';

const CASE = 'case-1';

beforeEach(() => {
  resetBuilders();
  // jsdom has no canvas (signatures fall back to the typed name) and no scrolling.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

function toDraft(e: CaseEvent): EventDraft {
  const { id: _id, recordedAt: _recordedAt, actor: _actor, ...draft } = e;
  return draft as EventDraft;
}

/** Record each event through a memory gateway as its own actor; return a gateway for `user`. */
async function caseWith(events: CaseEvent[], user: Actor) {
  let loaded: LoadedCase | undefined;
  for (const e of events) {
    const g = memoryGateway(e.actor);
    if (loaded) g.cases.set(CASE, loaded);
    loaded = await g.record(CASE, toDraft(e));
  }
  const gateway = memoryGateway(user);
  if (loaded) gateway.cases.set(CASE, loaded);
  return gateway;
}

const record = (g: ReturnType<typeof memoryGateway>) => g.cases.get(CASE)!.snapshot.context;

async function open(gateway: CaseGateway, page: 'viewing' | 'deletion' | 'sign-off', props: SignOffPageProps = {}) {
  const view = render(
    <MemoryRouter initialEntries={[`/cases/${CASE}/${page}`]}>
      <GatewayContext.Provider value={gateway}>
        <CaseProvider caseId={CASE}>
          <Routes>
            <Route path="/cases/:caseId/viewing" element={<ViewingPage />} />
            <Route path="/cases/:caseId/deletion" element={<DeletionPage />} />
            <Route path="/cases/:caseId/sign-off" element={<SignOffPage {...props} />} />
            <Route path="/cases/:caseId" element={<h1>Case overview</h1>} />
          </Routes>
        </CaseProvider>
      </GatewayContext.Provider>
    </MemoryRouter>,
  );
  await screen.findByRole('heading', { level: 1 });
  return view;
}

/** The error summary: its heading, its links, and whether it took focus. */
function errorSummary() {
  const alert = screen.getByRole('alert');
  const box = alert.closest('.app-error-summary') as HTMLElement;
  return { box, links: within(alert).getAllByRole('link'), text: alert.textContent ?? '' };
}

function noImagery() {
  expect(document.querySelectorAll('input[type=file]')).toHaveLength(0);
  expect(document.querySelectorAll('img, image')).toHaveLength(0);
  expect(document.body.innerHTML).not.toMatch(/data:image|accept="image/);
}

/** Disclosed and decided (experimental, managed in school): not yet signed off. */
function decidedNotSigned() {
  const facts = E1();
  const d = decision(facts, 'experimental', ['risk-assessment', 'school-manage']);
  return {
    d,
    events: [
      opened(),
      ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }, STAFF),
      ev('review.decided', { decision: d, facts }),
      ev('risk.assessed', { tool: 'WSCB Risk Assessment Matrix', level: 'low', answers: {}, facts: {} }),
    ],
  };
}

function isoDateInDays(days: number): { day: string; month: string; year: string } {
  const d = new Date(Date.now() + days * 86_400_000);
  return { day: String(d.getDate()), month: String(d.getMonth() + 1), year: String(d.getFullYear()) };
}

describe('DeletionPage (R12)', () => {
  it('refuses before the Headteacher has signed off, with the domain’s reasons, and says to secure the device instead', async () => {
    const g = await caseWith(decidedNotSigned().events, DSL);
    await open(g, 'deletion');
    expect(screen.getByRole('heading', { name: 'Deletion cannot be considered yet' })).toBeTruthy();
    expect(
      screen.getByText(
        'The decision not to refer is not yet signed off by the Headteacher (and not by the person who made it).',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: /^Rule R14\.3/ })).toBeTruthy();
    expect(
      screen.getByText(/Never delete what may be evidence while police involvement is possible \(R12\.1\)/),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Secure a device for the police' }).getAttribute('href')).toBe(
      `/cases/${CASE}/devices`,
    );
    expect(screen.getByRole('link', { name: 'Report it for removal online' }).getAttribute('href')).toBe(
      `/cases/${CASE}/removal`,
    );
    expect(screen.queryByRole('button', { name: 'Record the deletion plan' })).toBeNull();
    noImagery();
  });

  it('refuses before any decision, citing R12.1', async () => {
    const facts = E1();
    const g = await caseWith(
      [opened(), ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }, STAFF)],
      DSL,
    );
    await open(g, 'deletion');
    expect(screen.getByText('No decision has been recorded yet.')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: /^Rule R12\.1/ }).length).toBeGreaterThan(0);
  });

  it('plans after sign-off (the domain’s R12.4 reason if the reminder is missing), then confirms each deletion', async () => {
    const { events, mayaId } = closableExperimental();
    const g = await caseWith(events, DSL);
    const user = userEvent.setup();
    await open(g, 'deletion');
    expect(screen.queryByText('Deletion cannot be considered yet')).toBeNull();
    expect(
      screen.getByText(
        new RegExp(
          'possession is illegal; refusing to delete, or being found later not to have deleted, is an offence and police may become involved',
        ),
      ),
    ).toBeTruthy();

    const date = isoDateInDays(7);
    await user.type(screen.getByLabelText('Day'), date.day);
    await user.type(screen.getByLabelText('Month'), date.month);
    await user.type(screen.getByLabelText('Year'), date.year);
    await user.type(screen.getByLabelText(/Device or service 1 for Maya/), 'Phone (camera roll)');
    await user.type(screen.getByLabelText(/Device or service 1 for Leo/), 'Snapchat');
    await user.click(screen.getByRole('button', { name: 'Record the deletion plan' }));

    const first = errorSummary();
    expect(first.text).toMatch(/R12\.4/);
    expect(first.links.map((a) => a.getAttribute('href'))).toContain('#reminder');
    expect(document.activeElement).toBe(first.box);
    expect(record(g).deletion).toBeNull();

    await user.click(
      screen.getByRole('checkbox', { name: /Each young person has been reminded that possession is illegal/ }),
    );
    await user.click(screen.getByRole('button', { name: 'Record the deletion plan' }));
    await screen.findByRole('heading', { name: 'Confirm each deletion (R12.2)' });
    expect(record(g).deletion?.items).toEqual([
      { personId: mayaId, where: 'Phone (camera roll)' },
      { personId: expect.any(String), where: 'Snapchat' },
    ]);
    expect(record(g).deletion?.illegalityReminderGiven).toBe(true);
    expect(screen.queryByText('Overdue')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Confirm deletion from Phone (camera roll) for Maya' }));
    expect(document.activeElement).toBe(screen.getByLabelText('How was the deletion confirmed?'));
    await user.click(screen.getByRole('button', { name: 'Record the confirmation' }));
    expect(errorSummary().text).toMatch(/Record how the deletion was confirmed.*\(R12\.2\)/);
    await user.type(
      screen.getByLabelText('How was the deletion confirmed?'),
      'Maya confirmed in person, with her mother present.',
    );
    await user.click(screen.getByRole('button', { name: 'Record the confirmation' }));
    await waitFor(() => expect(record(g).deletion?.confirmations).toHaveLength(1));
    expect(record(g).deletion?.confirmations[0]).toMatchObject({
      personId: mayaId,
      where: 'Phone (camera roll)',
      how: 'Maya confirmed in person, with her mother present.',
    });
    expect(screen.getByText('Confirmed')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Confirm deletion from Snapchat for Leo' })).toBeTruthy();
    noImagery();
  });

  it('shows the deadline, and “Overdue” in red text and a red tag once it has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-01T12:00:00Z'));
    const events = experimentalFlow().filter((e) => e.type !== 'deletion.confirmed' && e.type !== 'case.closed');
    const g = await caseWith(events, DSL);
    await open(g, 'deletion');
    expect(screen.getByText('5 March 2026')).toBeTruthy();
    const tag = screen.getAllByText('Overdue').find((el) => el.classList.contains('app-tag--red'));
    expect(tag).toBeTruthy();
    expect(
      screen.getByText(/Overdue: the deadline was 5 March 2026 and 2 deletions are not yet confirmed/).className,
    ).toContain('app-error-message');
  });
});

describe('ViewingPage (R11)', () => {
  async function disclosed() {
    const facts = E1();
    return caseWith(
      [opened(), ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }, STAFF)],
      DSL,
    );
  }

  it('opens with the warning that imagery should not be viewed, and R11.1', async () => {
    await open(await disclosed(), 'viewing');
    expect(screen.getByText('In most cases imagery should not be viewed.')).toBeTruthy();
    expect(screen.getByRole('link', { name: /^Rule R11\.1/ })).toBeTruthy();
    noImagery();
  });

  it('refuses to justify a viewing without the safeguards: the error summary lists the R11.3 reasons and takes focus; then justifies and records it', async () => {
    const g = await disclosed();
    const user = userEvent.setup();
    await open(g, 'viewing');
    await user.click(screen.getByRole('radio', { name: 'Viewing is being considered' }));
    await user.click(screen.getByRole('checkbox', { name: /necessary to report the image for take-down/ }));
    await user.type(screen.getByLabelText('Why is viewing necessary?'), 'To report it to the platform for take-down.');
    await user.click(screen.getByRole('button', { name: 'Record why viewing is justified' }));

    const summary = errorSummary();
    expect(document.activeElement).toBe(summary.box);
    expect(summary.text).toContain('Discuss the decision with the Headteacher first. (R11.3)');
    expect(summary.text).toContain('Never copy, print or share the imagery: that is illegal. (R11.3)');
    expect(summary.text).toMatch(/significant distress or harm\. \(R11\.1\)/);
    expect(summary.links.filter((a) => /R11\.3/.test(a.textContent ?? ''))).toHaveLength(6);
    expect(summary.links.map((a) => a.getAttribute('href'))).toEqual(
      expect.arrayContaining([
        '#safeguards',
        '#safeguards-2',
        '#safeguards-3',
        '#safeguards-4',
        '#safeguards-5',
        '#safeguards-6',
        '#safeguards-7',
      ]),
    );
    expect(record(g).viewings).toHaveLength(0);

    const safeguards = screen.getByRole('group', { name: /The safeguards \(R11\.3\)/ });
    for (const box of within(safeguards).getAllByRole('checkbox')) await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Record why viewing is justified' }));
    await screen.findByRole('heading', { name: 'The record of the viewing (R11.4)' });
    expect(record(g).viewings[0]?.justification?.grounds).toEqual(['report-takedown']);

    // The record: the witness is required and signs too.
    await user.type(screen.getByLabelText('Who viewed the imagery?'), 'Dana Shah (DSL)');
    await user.type(screen.getByLabelText('What actions followed?'), 'Reported to the platform.');
    await user.click(screen.getByRole('button', { name: 'Record the viewing' }));
    expect(errorSummary().text).toContain('Record the other member of staff who was present. (R11.3)');
    expect(errorSummary().links.map((a) => a.getAttribute('href'))).toContain('#witness');

    await user.type(
      screen.getByLabelText('Who was the other member of staff present (the witness)?'),
      'Helen Okafor (Headteacher)',
    );
    await user.click(screen.getByRole('button', { name: 'Record the viewing' }));
    await screen.findByRole('heading', { name: 'Record the support offered (R11.5)' });
    const v = record(g).viewings[0]!;
    expect(v.record).toMatchObject({
      unavoidable: false,
      viewer: 'Dana Shah (DSL)',
      witness: 'Helen Okafor (Headteacher)',
      present: ['Dana Shah (DSL)', 'Helen Okafor (Headteacher)'],
      why: 'To report it to the platform for take-down.',
      viewerSignature: { kind: 'typed', name: 'Dana Shah (DSL)' },
      witnessSignature: { kind: 'typed', name: 'Helen Okafor (Headteacher)' },
    });
    expect(screen.getByText('Dana Shah (DSL)', { selector: '.app-signature-view__typed' })).toBeTruthy();
    noImagery();
  });

  it('records an unavoidable viewing after the fact (no witness needed), then the support offered', async () => {
    const g = await disclosed();
    const user = userEvent.setup();
    await open(g, 'viewing');
    await user.click(screen.getByRole('radio', { name: 'It was seen unavoidably' }));
    expect(screen.queryByRole('group', { name: 'The witness’s signature' })).toBeNull();
    await user.type(screen.getByLabelText('Who viewed the imagery?'), 'Sam Jones, IT technician');
    await user.type(
      screen.getByLabelText('How was it seen, and why?'),
      'Flagged by the network filter on a school laptop.',
    );
    await user.type(screen.getByLabelText('What actions followed?'), 'Laptop locked away; DSL told at once.');
    await user.click(screen.getByRole('button', { name: 'Record the viewing after the fact' }));

    await screen.findByRole('heading', { name: 'Record the support offered (R11.5)' });
    const v = record(g).viewings[0]!;
    expect(v.justification).toBeUndefined();
    expect(v.record).toMatchObject({
      unavoidable: true,
      viewer: 'Sam Jones, IT technician',
      witness: '',
      viewerSignature: { kind: 'typed', name: 'Sam Jones, IT technician' },
    });

    expect(screen.getByLabelText('Who was offered support?')).toHaveProperty('value', 'Sam Jones, IT technician');
    await user.click(screen.getByRole('button', { name: 'Record the support offered' }));
    await screen.findByRole('heading', { name: 'Case overview' });
    expect(record(g).supportOffered).toMatchObject([{ to: 'Sam Jones, IT technician' }]);
  });
});

describe('SignOffPage (R14.3)', () => {
  it('shows the decision, its reasons and the risks on one screen', async () => {
    const g = await caseWith(decidedNotSigned().events, HEAD);
    await open(g, 'sign-off');
    expect(screen.getByRole('heading', { level: 1, name: 'Sign off the decision not to refer' })).toBeTruthy();
    expect(screen.getByText('Decided in the initial review meeting.')).toBeTruthy();
    expect(screen.getByText('WSCB Risk Assessment Matrix: low risk', { exact: false })).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Recommended routes' })).toBeTruthy();
    expect(screen.queryByLabelText('Why are you signing in the Headteacher’s place?')).toBeNull();
    noImagery();
  });

  it('a deputy signing must say why they sign in the Headteacher’s place', async () => {
    const { events, d } = decidedNotSigned();
    const g = await caseWith(events, DEPUTY);
    const user = userEvent.setup();
    await open(g, 'sign-off');
    await user.click(screen.getByRole('button', { name: 'Sign off the decision' }));
    const summary = errorSummary();
    expect(summary.text).toMatch(/record why you sign in their place.*\(R14\.3\)/);
    expect(summary.links.map((a) => a.getAttribute('href'))).toContain('#in-place');
    expect(document.activeElement).toBe(summary.box);
    expect(record(g).signOffs).toHaveLength(0);

    await user.type(
      screen.getByLabelText('Why are you signing in the Headteacher’s place?'),
      'The Headteacher is absent this week.',
    );
    await user.click(screen.getByRole('button', { name: 'Sign off the decision' }));
    await screen.findByRole('heading', { name: 'Case overview' });
    expect(record(g).signOffs).toMatchObject([
      {
        decisionId: d.decisionId,
        signature: { kind: 'typed', name: 'Dev Patel' },
        inPlaceOfHeadteacher: 'The Headteacher is absent this week.',
      },
    ]);
  });

  it('a typed signature works (and an empty name is refused by the domain)', async () => {
    const { events, d } = decidedNotSigned();
    const g = await caseWith(events, HEAD);
    const user = userEvent.setup();
    await open(g, 'sign-off');
    const group = screen.getByRole('group', { name: 'Your signature' });
    expect((within(group).getByRole('radio', { name: 'Type the name instead' }) as HTMLInputElement).checked).toBe(
      true,
    );
    const name = within(group).getByLabelText('Full name of the person signing');
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Sign off the decision' }));
    // The domain is asked asynchronously; on a loaded machine the summary can take a moment.
    await waitFor(() => expect(errorSummary().text).toMatch(/type the name of the person signing.*\(R14\.3\)/));
    expect(errorSummary().links.map((a) => a.getAttribute('href'))).toContain('#signature-name');

    await user.type(name, 'Helen Okafor');
    await user.click(screen.getByRole('button', { name: 'Sign off the decision' }));
    await screen.findByRole('heading', { name: 'Case overview' });
    expect(record(g).signOffs).toMatchObject([
      { decisionId: d.decisionId, signature: { kind: 'typed', name: 'Helen Okafor' } },
    ]);
    expect(record(g).signOffs[0]?.inPlaceOfHeadteacher).toBeUndefined();
  });

  it('asks the signer to re-enter their passphrase when it can be checked', async () => {
    const g = await caseWith(decidedNotSigned().events, HEAD);
    const confirm = vi.fn<(p: string) => Promise<boolean>>(async (p) => p === 'correct horse');
    const user = userEvent.setup();
    await open(g, 'sign-off', { confirmPassphrase: confirm });
    await user.click(screen.getByRole('button', { name: 'Sign off the decision' }));
    expect(errorSummary().links.map((a) => a.getAttribute('href'))).toContain('#passphrase');
    expect(confirm).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Your passphrase'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign off the decision' }));
    await waitFor(() => expect(errorSummary().text).toMatch(/That passphrase is not right/));
    expect(record(g).signOffs).toHaveLength(0);

    await user.type(screen.getByLabelText('Your passphrase'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign off the decision' }));
    await screen.findByRole('heading', { name: 'Case overview' });
    expect(confirm).toHaveBeenLastCalledWith('correct horse');
    expect(record(g).signOffs).toHaveLength(1);
  });

  it('uses the gateway’s verifyPassphrase when it has one', async () => {
    const plain = memoryGateway(HEAD);
    expect(gatewayPassphraseCheck(plain)).toBeUndefined();
    const verifyPassphrase = vi.fn<(p: string) => Promise<boolean>>(async (p) => p === 'ok');
    const check = gatewayPassphraseCheck({ ...plain, verifyPassphrase } as CaseGateway);
    expect(await check?.('ok')).toBe(true);
    expect(await check?.('no')).toBe(false);
    expect(verifyPassphrase).toHaveBeenCalledTimes(2);
  });

  it('says plainly when there is nothing to sign: no decision, a referral, or already signed', async () => {
    const facts = E1();
    const none = await caseWith(
      [opened(), ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }, STAFF)],
      HEAD,
    );
    await open(none, 'sign-off');
    expect(screen.getByText('There is no recorded decision to sign off.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign off the decision' })).toBeNull();
    cleanup();

    resetBuilders();
    const e5 = E5();
    const referred = await caseWith(
      [
        opened(),
        ev('disclosure.recorded', { disclosure: disclosure(), persons: e5.persons }),
        ev('review.decided', { decision: decision(e5, 'aggravated', ['mash-referral']), facts: e5 }),
      ],
      HEAD,
    );
    await open(referred, 'sign-off');
    expect(screen.getByText('This decision refers the case, so it needs no Headteacher sign-off.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign off the decision' })).toBeNull();
    cleanup();

    resetBuilders();
    const signed = await caseWith(closableExperimental().events, HEAD);
    await open(signed, 'sign-off');
    expect(screen.getByText('This decision is already signed off.')).toBeTruthy();
    expect(screen.getByText('Helen Okafor', { selector: '.app-signature-view__typed' })).toBeTruthy();
    noImagery();
  });

  it('the typed-signature builder matches what the page records', () => {
    expect(typedSignature('Helen Okafor')).toEqual({ kind: 'typed', name: 'Helen Okafor' });
  });
});
