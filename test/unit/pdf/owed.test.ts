// Issue 11 in the printed record: an override shows as one (consultation, sign-off), what the case
// still owes the policy is listed, and an answer set back is an amendment beside its entry.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildDocumentModel, type Block, type DocumentModel } from '../../../src/pdf';
import type { CaseEvent } from '../../../src/domain/events';
import { E5 } from '../../builders/facts';
import { DEPUTY, HEAD, decision, disclosure, ev, opened, resetBuilders, typedSignature } from '../../builders/events';
import { closableExperimental } from '../../builders/flows';
import { inputFor } from './cases';

const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');
const section = (m: DocumentModel, id: string) => JSON.stringify(m.sections.find((s) => s.id === id));
const entries = (m: DocumentModel) =>
  m.sections
    .find((s) => s.id === 'chronology')!
    .blocks.filter((b): b is Extract<Block, { kind: 'entry' }> => b.kind === 'entry');

beforeEach(() => resetBuilders());

describe('the printed record of what the case owes the policy', () => {
  it('shows a decision against an immediate referral as an override, with who was consulted and who signed it off', async () => {
    const facts = E5();
    const d = decision(facts, 'aggravated', ['risk-assessment', 'school-manage'], {
      routeReason: 'The MASH advised the school to lead with a safety plan.',
      consultation: {
        agency: 'mash',
        who: 'Sam Reid, MASH duty social worker',
        at: '2026-03-02T11:00:00Z',
        advice: 'The school may lead, with a safety plan.',
      },
    });
    const events: CaseEvent[] = [
      opened(),
      ev('disclosure.recorded', { disclosure: disclosure({ disclosedBy: 'Priya' }), persons: facts.persons }),
      ev('review.decided', { decision: d, facts }, DEPUTY),
      ev('signoff.signed', { decisionId: d.decisionId, signature: typedSignature('Helen Okafor') }, HEAD),
    ];
    const m = await buildDocumentModel(inputFor(events, FINGERPRINT));
    const decisions = section(m, 'decisions');
    expect(decisions).toContain('OVERRIDE (R4.5)');
    expect(decisions).toContain('Sam Reid, MASH duty social worker at the MASH');
    expect(decisions).toContain('The school may lead, with a safety plan.');
    expect(decisions).toMatch(/Override signed off \(R14\.3\)","value":"Helen Okafor/);
    expect(decisions).toContain('What the case still owes the policy');
  });

  it('lists what is still owed, and shows an answer set back as an amendment with who and why', async () => {
    const { events } = closableExperimental();
    const later = [
      ...events,
      ev('facts.updated', {
        facts: { immediateRiskOfHarm: 'yes' },
        source: 'new-information',
        note: 'She said she wants to hurt herself.',
      }),
      ev('facts.updated', {
        facts: { immediateRiskOfHarm: 'no' },
        source: 'new-information',
        note: 'CAMHS saw her today: no risk now.',
      }),
      ev('facts.updated', {
        facts: { unusualOrViolentContent: 'unknown' },
        source: 'new-information',
        note: 'Not sure what the video showed.',
      }),
    ];
    const m = await buildDocumentModel(inputFor(later, FINGERPRINT));
    expect(section(m, 'decisions')).toContain('A new decision is needed');
    const setBack = entries(m).find((e) => e.amendments.some((a) => a.includes('set back from yes to no')));
    expect(setBack?.amendments.join(' ')).toMatch(/by Dana Shah.*Why: CAMHS saw her today: no risk now\./);
  });
});
