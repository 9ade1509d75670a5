// Issue 11, item 7, in the printed record: the national-guidance answers are printed with the
// review's facts and in the chronology, each labelled as national guidance, not the policy; a
// decision recorded before the questions were asked prints them as "not known yet".
import { describe, expect, it } from 'vitest';
import { buildDocumentModel, type DocumentModel } from '../../../src/pdf';
import type { CaseEvent } from '../../../src/domain/events';
import { fullCase, inputFor } from './cases';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');
const AI =
  'National guidance (UKCIS 2024), not the policy: was the imagery made or altered with an app or AI ("nudified" or generated)?';
const DEMANDS =
  'National guidance (UKCIS 2024), not the policy: did anyone demand money, gifts or more images (financially motivated sexual extortion)?';

async function model(events: CaseEvent[]): Promise<DocumentModel> {
  return buildDocumentModel(inputFor(events, FINGERPRINT));
}
const rows = (m: DocumentModel) =>
  m.sections.find((s) => s.id === 'review')!.blocks.flatMap((b) => (b.kind === 'fields' ? b.rows : []));
const decisionEntry = (m: DocumentModel) =>
  m.sections
    .find((s) => s.id === 'chronology')!
    .blocks.find((b) => b.kind === 'entry' && /Initial review decision/.test(b.title)) as Extract<
    DocumentModel['sections'][number]['blocks'][number],
    { kind: 'entry' }
  >;

describe('the national-guidance answers in the printed record', () => {
  it('are printed with the review’s facts, labelled as national guidance', async () => {
    const m = await model(fullCase().events);
    expect(
      rows(m)
        .filter((r) => r.label === AI || r.label === DEMANDS)
        .map((r) => `${r.label === AI ? 'ai' : 'demands'}: ${r.value}`),
    ).toEqual(['ai: No', 'demands: No']);
    expect(decisionEntry(m).lines).toEqual(
      expect.arrayContaining([
        'Made or altered with an app or AI (national guidance, UKCIS 2024): no',
        'Demands for money, gifts or more images (national guidance, UKCIS 2024): no',
      ]),
    );
  });

  it('a decision recorded before the questions were asked prints them "not known yet"', async () => {
    const events = fullCase().events.map((e) => {
      if (e.type !== 'review.decided') return e;
      const { aiMadeOrAltered: _a, sextortionDemands: _s, ...old } = e.facts;
      return { ...e, facts: old } as unknown as CaseEvent;
    });
    const m = await model(events);
    expect(
      rows(m)
        .filter((r) => r.label === AI || r.label === DEMANDS)
        .map((r) => r.value),
    ).toEqual(['Not known yet', 'Not known yet']);
    expect(decisionEntry(m).lines).toContain(
      'Made or altered with an app or AI (national guidance, UKCIS 2024): not known yet',
    );
  });
});
