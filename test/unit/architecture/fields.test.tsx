// @vitest-environment jsdom
// Screens place the domain's reasons by the reason's `field`, never by its wording. This checks both
// ends of that link: every field the domain names when it refuses a step is in the map of the form
// that records that step, every field the domain can name is shown by some form, and every element
// id a form's map points at is on that form when it is rendered (its choices opened one by one).
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { explainEvent } from '../../../src/domain/machine';
import { explainDestruction } from '../../../src/domain/retentionGates';
import { REASON_FIELDS, type ReasonField } from '../../../src/domain/reasons';
import type { CaseEvent } from '../../../src/domain/events';
import type { EventDraft, LoadedCase } from '../../../src/ui/data/gateway';
import { memoryGateway } from '../../../src/ui/data/memoryGateway';
import type { FieldIds } from '../../../src/ui/data/useStep';
import { DISCLOSURE_FIELDS } from '../../../src/ui/disclosure/disclosureDraft';
import { REVIEW_FIELDS } from '../../../src/ui/case/InitialReviewPage';
import { REFERRAL_FIELDS } from '../../../src/ui/case/ReferralsPage';
import { AMEND_FIELDS } from '../../../src/ui/case/response/AmendPage';
import { CLOSE_FIELDS } from '../../../src/ui/case/response/ClosePage';
import { REMOVAL_FIELDS } from '../../../src/ui/case/response/RemovalPage';
import { SOCIAL_CARE_FIELDS } from '../../../src/ui/case/response/SocialCarePage';
import { CONVERSATION_FIELDS } from '../../../src/ui/case/response/ConversationsPage';
import { PARENTS_FIELDS } from '../../../src/ui/case/response/ParentsPage';
import { RISK_FIELDS } from '../../../src/ui/case/response/RiskAssessmentPage';
import { DEVICE_FIELDS } from '../../../src/ui/case/response/DevicesPage';
import { VIEWING_FIELDS } from '../../../src/ui/case/viewing/choices';
import { DELETION_FIELDS, DELETION_ROW_FIELDS } from '../../../src/ui/case/deletion/deletionWords';
import { SIGN_OFF_FIELDS } from '../../../src/ui/case/SignOffPage';
import { SIMPLE_FIELDS } from '../../../src/ui/case/SimpleStepPages';
import { retentionDateFields } from '../../../src/ui/case/retention/DateForm';
import { HOLD_FIELDS } from '../../../src/ui/case/retention/HoldForm';
import { DESTROY_FIELDS } from '../../../src/ui/case/DestroyPage';
import { MERGE_FIELDS } from '../../../src/ui/case/BranchesPage';
import { SAME_INCIDENT_FIELDS } from '../../../src/ui/case/sameIncident/SameIncidentPage';
import { caseWith, renderAt } from '../../builders/caseScreens';
import { E3 } from '../../builders/facts';
import { DEPUTY, DSL, disclosure, ev, resetBuilders, typedSignature } from '../../builders/events';
import type { Actor } from '../../../src/domain/types';
import { experimentalFlow, referralFlow, run } from '../../builders/flows';

const decided = () => experimentalFlow().slice(0, 3);
/** A case made of a member of staff's sealed disclosure (its writer named by the disclosure's id), with a note after it. */
const twinCase = (): CaseEvent[] =>
  experimentalFlow()
    .slice(0, 2)
    .map((e) => (e.type === 'disclosure.recorded' ? { ...e, actor: { ...e.actor, userId: 'staff/disc-1' } } : e));

async function click(id: string) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no #${id} to click`);
  await act(async () => void fireEvent.click(el));
}
async function clickButton(name: RegExp) {
  const button = screen.getAllByRole('button', { name })[0]!;
  await act(async () => void fireEvent.click(button));
}
/** On the viewing page: the path that records an unavoidable viewing, with a witness named (so they sign too). */
async function recordAViewing() {
  for (const option of document.querySelectorAll<HTMLInputElement>('input[type=radio][name="path"]')) {
    await act(async () => void fireEvent.click(option));
    if (document.getElementById('witness')) break;
  }
  await type('witness', 'Helen Okafor');
}
async function type(id: string, text: string) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no #${id} to type in`);
  await act(async () => void fireEvent.change(el, { target: { value: text } }));
}
const withDevice = () => [
  ...decided(),
  ev('device.secured', {
    deviceId: 'dev-1',
    description: 'Black phone',
    switchedOff: true,
    lockedAway: true,
    where: 'Safe',
  }),
];
const planned = () => experimentalFlow().slice(0, 8);

/** A step the form records, refused with every answer left empty, at the point the form is used. */
interface Attempt {
  events: () => CaseEvent[];
  draft: (events: CaseEvent[]) => EventDraft;
  /** Who tries it (the DSL unless said). */
  actor?: Actor;
}

/** One state of a form's page: the case, and what a user does first (beyond taking each choice). */
interface View {
  /** Another address than the form's (a page of a form that spans several). */
  path?: string;
  events?: () => CaseEvent[];
  gateway?: () => Promise<ReturnType<typeof memoryGateway>>;
  prepare?: () => Promise<void>;
  /** Take each choice in turn (off for the long initial review, whose choices are prepared). */
  explore?: boolean;
}

interface Form {
  path: string;
  events: () => CaseEvent[];
  views?: View[];
  fields: FieldIds;
  /** False for a page that needs the signed-in session to render. */
  render?: false;
  /** Fields placed by a function of the page's rows (not a fixed id). */
  rowFields?: readonly ReasonField[];
  /** Who reads the page (the DSL unless said). */
  reader?: Actor;
  attempts: Attempt[];
}

const personOf = (events: CaseEvent[]) => {
  const d = events.find((e) => e.type === 'disclosure.recorded');
  return d?.type === 'disclosure.recorded' ? d.persons[0]!.id : '';
};
const decisionOf = (events: CaseEvent[]) => {
  const d = events.find((e) => e.type === 'review.decided');
  return d?.type === 'review.decided' ? d.decision : undefined;
};
const blankSignature = { kind: 'typed' as const, name: '' };

const FORMS: Form[] = [
  {
    path: 'disclosure',
    events: () => experimentalFlow().slice(0, 1),
    fields: DISCLOSURE_FIELDS,
    attempts: [
      {
        events: () => experimentalFlow().slice(0, 1),
        draft: () => ({
          type: 'disclosure.recorded',
          disclosure: disclosure({ disclosedBy: '', disclosedTo: '', account: '' }),
          persons: [],
          occurredAt: '2026-03-02T09:30:00Z',
        }),
      },
    ],
  },
  {
    path: 'review',
    events: () => experimentalFlow().slice(0, 2),
    // Shared without consent (E3) and judged experimental by the DSL: every decision question shows;
    // who attended is asked on the review's first page.
    views: [
      { gateway: () => caseWith(E3()), path: 'review?part=meeting', explore: false },
      {
        gateway: () => caseWith(E3()),
        path: 'review?part=decision',
        prepare: () => click('typology-2'),
        explore: false,
      },
    ],
    fields: REVIEW_FIELDS,
    attempts: [
      {
        events: () => experimentalFlow().slice(0, 2),
        draft: () => {
          const e = experimentalFlow().find((x) => x.type === 'review.decided') as Extract<
            CaseEvent,
            { type: 'review.decided' }
          >;
          return {
            type: 'review.decided',
            facts: e.facts,
            decision: { ...e.decision, attendees: [], rationale: '', typology: 'aggravated', routes: [] },
            occurredAt: '2026-03-02T10:00:00Z',
          };
        },
      },
    ],
  },
  {
    path: 'referrals',
    events: () => referralFlow().slice(0, 4),
    // A referral made: its outcome's form and another referral's open from their buttons.
    views: [
      {
        events: () => referralFlow().slice(0, 4),
        prepare: async () => {
          await clickButton(/^Record another referral$/);
          await clickButton(/^Record the outcome/);
        },
      },
    ],
    fields: REFERRAL_FIELDS,
    attempts: [
      {
        events: () => referralFlow().slice(0, 3),
        draft: () => ({
          type: 'referral.made',
          referralId: 'r9',
          agency: 'police',
          to: '',
          occurredAt: '2026-03-02T10:00:00Z',
        }),
      },
      {
        events: () => referralFlow().slice(0, 4),
        draft: () => ({
          type: 'referral.outcome',
          referralId: 'r1',
          outcome: '',
          nextStep: 'agency-leads',
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
    ],
  },
  {
    path: 'risk',
    events: decided,
    fields: RISK_FIELDS,
    attempts: [
      {
        events: decided,
        draft: () => ({
          type: 'risk.assessed',
          tool: '',
          level: 'low',
          answers: {},
          facts: {},
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
    ],
  },
  {
    path: 'parents',
    events: decided,
    fields: PARENTS_FIELDS,
    attempts: [
      {
        events: decided,
        draft: () => ({
          type: 'parents.recorded',
          personId: 'nobody',
          decision: 'informed',
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
      {
        events: decided,
        draft: (events) => ({
          type: 'parents.recorded',
          personId: personOf(events),
          decision: 'not-informed',
          reason: '',
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
    ],
  },
  {
    path: 'conversations',
    events: decided,
    fields: CONVERSATION_FIELDS,
    attempts: [
      {
        events: decided,
        draft: (events) => ({
          type: 'conversation.recorded',
          personId: personOf(events),
          conductedBy: '',
          summary: '',
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
    ],
  },
  {
    path: 'viewing',
    events: decided,
    views: [{ events: decided }, { events: decided, prepare: recordAViewing }],
    fields: VIEWING_FIELDS,
    attempts: [
      {
        events: decided,
        draft: () => ({
          type: 'viewing.justified',
          viewingId: 'v1',
          grounds: [],
          reason: '',
          safeguards: {
            discussedWithHeadteacher: false,
            viewerAuthorised: false,
            secondStaffPresent: false,
            onPremises: false,
            sameSexWherePossible: false,
            noCopyPrintShare: false,
            noSignificantDistress: false,
          },
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
      {
        events: decided,
        draft: () => ({
          type: 'viewing.justified',
          viewingId: 'v1',
          grounds: ['only-way-to-decide'],
          reason: 'x',
          safeguards: {
            discussedWithHeadteacher: false,
            viewerAuthorised: false,
            secondStaffPresent: false,
            onPremises: false,
            sameSexWherePossible: false,
            noCopyPrintShare: false,
            noSignificantDistress: false,
          },
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
      {
        events: decided,
        draft: () => ({
          type: 'viewing.recorded',
          viewingId: 'v1',
          unavoidable: true,
          viewer: '',
          witness: '',
          present: [],
          why: '',
          actions: '',
          viewerSignature: blankSignature,
          witnessSignature: blankSignature,
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
      {
        events: decided,
        draft: () => ({
          type: 'viewing.recorded',
          viewingId: 'v1',
          unavoidable: true,
          viewer: 'Dana',
          witness: 'Dana',
          present: [],
          why: 'x',
          actions: 'x',
          viewerSignature: typedSignature('Dana'),
          witnessSignature: blankSignature,
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
      { events: decided, draft: () => ({ type: 'support.offered', to: '', occurredAt: '2026-03-02T11:00:00Z' }) },
    ],
  },
  {
    path: 'deletion',
    events: planned,
    views: [
      { events: () => experimentalFlow().slice(0, 7) },
      { events: planned, prepare: () => clickButton(/^Confirm deletion/) },
    ],
    fields: DELETION_FIELDS,
    rowFields: DELETION_ROW_FIELDS,
    attempts: [
      {
        events: () => experimentalFlow().slice(0, 7),
        draft: () => ({
          type: 'deletion.planned',
          deadline: '',
          items: [],
          illegalityReminderGiven: false,
          occurredAt: '2026-03-03T11:00:00Z',
        }),
      },
      {
        events: () => experimentalFlow().slice(0, 7),
        draft: () => ({
          type: 'deletion.planned',
          deadline: '2026-03-09',
          items: [{ personId: 'nobody', where: '' }],
          illegalityReminderGiven: true,
          occurredAt: '2026-03-03T11:00:00Z',
        }),
      },
      {
        events: planned,
        draft: (events) => ({
          type: 'deletion.confirmed',
          personId: personOf(events),
          where: 'Phone',
          how: '',
          occurredAt: '2026-03-04T11:00:00Z',
        }),
      },
    ],
  },
  {
    path: 'devices',
    events: withDevice,
    fields: DEVICE_FIELDS,
    attempts: [
      {
        events: decided,
        draft: () => ({
          type: 'device.secured',
          deviceId: 'dev-2',
          description: '',
          switchedOff: false,
          lockedAway: false,
          where: '',
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
      {
        events: withDevice,
        draft: () => ({
          type: 'device.collected',
          deviceId: 'dev-1',
          collectedBy: '',
          occurredAt: '2026-03-02T12:00:00Z',
        }),
      },
    ],
  },
  {
    path: 'social-care',
    events: decided,
    fields: SOCIAL_CARE_FIELDS,
    attempts: [
      {
        events: decided,
        draft: () => ({ type: 'social-care.contacted', to: '', outcome: '', occurredAt: '2026-03-02T11:00:00Z' }),
      },
    ],
  },
  {
    path: 'removal',
    events: decided,
    fields: REMOVAL_FIELDS,
    attempts: [
      {
        events: decided,
        draft: () => ({ type: 'removal.reported', service: 'platform', note: '', occurredAt: '2026-03-02T11:00:00Z' }),
      },
    ],
  },
  {
    path: 'sign-off',
    events: decided,
    fields: SIGN_OFF_FIELDS,
    // The DSL made the decision, so the deputy signs in the Headteacher's place (R14.3: never its maker).
    reader: DEPUTY,
    attempts: [
      {
        events: decided,
        actor: DEPUTY,
        draft: (events) => ({
          type: 'signoff.signed',
          decisionId: decisionOf(events)!.decisionId,
          signature: blankSignature,
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
    ],
  },
  {
    path: 'close',
    events: decided,
    fields: CLOSE_FIELDS,
    attempts: [
      {
        events: () => experimentalFlow().slice(0, 7),
        draft: () => ({ type: 'case.closed', summary: '', occurredAt: '2026-03-02T11:00:00Z' }),
      },
    ],
  },
  {
    path: 'reopen',
    events: experimentalFlow,
    fields: SIMPLE_FIELDS,
    attempts: [
      {
        events: experimentalFlow,
        draft: () => ({ type: 'case.reopened', reason: '', occurredAt: '2026-03-06T11:00:00Z' }),
      },
    ],
  },
  {
    path: 'escalate',
    events: decided,
    fields: SIMPLE_FIELDS,
    attempts: [
      { events: decided, draft: () => ({ type: 'escalated', reason: '', occurredAt: '2026-03-02T11:00:00Z' }) },
    ],
  },
  {
    path: 'note',
    events: decided,
    fields: SIMPLE_FIELDS,
    attempts: [
      { events: decided, draft: () => ({ type: 'note.added', text: '', occurredAt: '2026-03-02T11:00:00Z' }) },
    ],
  },
  {
    path: 'amend',
    events: decided,
    fields: AMEND_FIELDS,
    attempts: [
      {
        events: decided,
        draft: (events) => ({
          type: 'answer.amended',
          targetEventId: events[1]!.id,
          field: 'account',
          before: 'a',
          after: 'b',
          reason: '',
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
    ],
  },
  {
    path: 'branches',
    events: decided,
    // The form shows only on a case recorded on two tablets at once (src/ui/case/branches.test.tsx renders it).
    render: false,
    fields: MERGE_FIELDS,
    attempts: [
      {
        events: decided,
        draft: () => ({
          type: 'branches.merged',
          heads: ['h-a', 'h-b'],
          reconciliation: '',
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
    ],
  },
  {
    path: 'same-incident',
    events: twinCase,
    // The form shows only beside another case of the same disclosure (src/ui/case/sameIncident renders it).
    render: false,
    fields: SAME_INCIDENT_FIELDS,
    attempts: [
      {
        events: twinCase,
        draft: () => ({
          type: 'same-incident.recorded',
          disclosureId: 'disc-1',
          closed: { caseId: 'case-1', reference: 'YPSI-2026-001' },
          kept: { caseId: 'case-2', reference: 'YPSI-2026-002' },
          reason: '',
          carriedOver: '',
          laterSteps: [{ eventId: 'e3', type: 'note.added' }],
          replaces: [],
          occurredAt: '2026-03-02T11:00:00Z',
        }),
      },
    ],
  },
  {
    path: 'retention',
    events: experimentalFlow,
    // Rendered only with the signed-in session (its key holders for an earlier date): the domain half is checked here.
    render: false,
    fields: {
      ...HOLD_FIELDS,
      ...retentionDateFields('date-set'),
      ...retentionDateFields('reviewed'),
      reason: 'hold-reason',
    },
    attempts: [
      {
        events: experimentalFlow,
        draft: () => ({ type: 'legal-hold.set', reason: '', occurredAt: '2026-03-06T11:00:00Z' }),
      },
      {
        events: experimentalFlow,
        draft: () => ({
          type: 'retention.date-set',
          reviewDate: 'soon',
          reason: '',
          occurredAt: '2026-03-06T11:00:00Z',
        }),
      },
      {
        events: experimentalFlow,
        draft: () => ({
          type: 'retention.reviewed',
          keepUntil: 'later',
          reason: '',
          occurredAt: '2026-03-06T11:00:00Z',
        }),
      },
    ],
  },
];

/** The fields the domain names when it refuses this attempt. */
function fieldsNamed(a: Attempt): ReasonField[] {
  resetBuilders();
  const events = a.events();
  const draft = a.draft(events);
  const event = { ...draft, id: 'attempt', actor: a.actor ?? DSL, recordedAt: '2026-03-07T09:00:00Z' } as CaseEvent;
  const why = explainEvent(run(events), event);
  expect(why.allowed, `${draft.type} with its answers left empty`).toBe(false);
  return why.reasons.flatMap((r) => (r.field ? [r.field] : []));
}

const shown = (form: { fields: FieldIds; rowFields?: readonly ReasonField[] }) =>
  new Set<string>([...Object.keys(form.fields), ...(form.rowFields ?? [])]);

describe("the domain's reason fields and the forms that show them", () => {
  beforeEach(() => resetBuilders());

  for (const form of FORMS) {
    it(`${form.path}: every field the domain names when it refuses the step is placed by the form`, () => {
      const named = form.attempts.flatMap(fieldsNamed);
      expect(named.length).toBeGreaterThan(0);
      const fields = shown(form);
      expect(named.filter((f) => !fields.has(f))).toEqual([]);
    });
  }

  it('destroy: every field a destruction names is placed by the form', () => {
    resetBuilders();
    const c = run(experimentalFlow()).context;
    const why = explainDestruction(c, 'closed', { today: '2026-03-06', by: DSL, second: DSL, reason: '' });
    const also = explainDestruction(c, 'closed', { today: '2026-03-06', by: DSL, second: null, reason: 'x' });
    const named = [...why.reasons, ...also.reasons].flatMap((r) => (r.field ? [r.field] : []));
    expect(named).toContain('second');
    expect(named.filter((f) => !(f in DESTROY_FIELDS))).toEqual([]);
  });

  it('every field the domain can name is shown by some form', () => {
    const all = new Set<string>([...FORMS.flatMap((f) => [...shown(f)]), ...Object.keys(DESTROY_FIELDS)]);
    expect(REASON_FIELDS.filter((f) => !all.has(f))).toEqual([]);
  });
});

describe('every element a form places a reason at is on that form', () => {
  beforeEach(() => {
    resetBuilders();
    window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
  });
  afterEach(() => cleanup());

  /** A case at a given point, each event recorded through the real machine as its own actor. */
  async function gatewayWith(events: CaseEvent[], reader = DSL) {
    let loaded: LoadedCase | undefined;
    for (const e of events) {
      const g = memoryGateway(e.actor);
      if (loaded) g.cases.set('c1', loaded);
      const { id: _id, recordedAt: _at, actor: _actor, ...draft } = e;
      loaded = await g.record('c1', draft as EventDraft);
    }
    const gateway = memoryGateway(reader);
    if (loaded) gateway.cases.set('c1', loaded);
    return gateway;
  }

  const inputs = (type: 'radio' | 'checkbox') => [
    ...document.querySelectorAll<HTMLInputElement>(`.app-page input[type=${type}]`),
  ];

  /** Ids on the page as it is, then with each radio choice taken in turn and every box it reveals ticked. */
  async function idsOnPage(explore: boolean): Promise<Set<string>> {
    const seen = new Set<string>();
    const look = () => document.querySelectorAll('[id]').forEach((el) => seen.add(el.id));
    look();
    if (!explore) return seen;
    const tickAll = async () => {
      for (const box of inputs('checkbox')) {
        if (!box.checked && box.isConnected) await act(async () => void fireEvent.click(box));
      }
      look();
    };
    await tickAll();
    for (let round = 0; round < 2; round++) {
      for (const radio of inputs('radio')) {
        if (!radio.isConnected) continue;
        await act(async () => void fireEvent.click(radio));
        await tickAll();
      }
    }
    return seen;
  }

  for (const form of FORMS.filter((f) => f.render !== false)) {
    it(`${form.path}: each id its field map points at is on the page`, async () => {
      const ids = new Set<string>();
      for (const view of form.views ?? [{ events: form.events }]) {
        cleanup();
        resetBuilders();
        const g = view.gateway ? await view.gateway() : await gatewayWith((view.events ?? form.events)(), form.reader);
        renderAt(g, `/cases/c1/${view.path ?? form.path}`);
        await screen.findByRole('heading', { level: 1 });
        if (view.prepare) await view.prepare();
        for (const id of await idsOnPage(view.explore ?? true)) ids.add(id);
      }
      const wanted = Object.values(form.fields).filter((id): id is string => typeof id === 'string');
      expect(wanted.filter((id) => !ids.has(id))).toEqual([]);
    });
  }
});
