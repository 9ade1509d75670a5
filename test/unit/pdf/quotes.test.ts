// Issue 11, item 8, in the printed record: the words behind every rule the decisions cite, each
// labelled with whose words they are. "The policy says" only ever introduces the policy's own words.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentModel, type DocumentModel } from '../../../src/pdf';
import { rulesCitedBlocks } from '../../../src/pdf/model/decisions';
import { RULES, type RuleId } from '../../../src/domain/rules/catalogue';
import { reason } from '../../../src/domain/reasons';
import { fullCase, inputFor } from './cases';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');
const LABELS = {
  policy: 'The policy says',
  digest: 'In the rules digest’s words',
  national: 'National guidance (not your policy), in summary',
  app: 'The app’s own design (not your policy)',
} as const;

const items = (blocks: ReturnType<typeof rulesCitedBlocks>): string[] =>
  blocks.flatMap((b) => (b.kind === 'list' ? b.items : []));

describe('the printed record labels each quote with whose words it is', () => {
  it.each<[RuleId, keyof typeof LABELS]>([
    ['R2.2', 'policy'],
    ['R3.1', 'digest'],
    ['R17.conflict', 'digest'],
    ['UKCIS.adult', 'national'],
    ['KCSIE.lado', 'national'],
  ])('a reason citing %s prints its quote as %s wording', (rule, from) => {
    const lines = items(rulesCitedBlocks([reason(rule, 'Why.')]));
    expect(lines).toEqual([`${rule} (${RULES[rule].title}). ${LABELS[from]}: “${RULES[rule].quote}”`]);
  });

  it('each rule cited is printed once, in the order first cited', () => {
    const lines = items(rulesCitedBlocks([reason('R8', 'a'), reason('R2.2', 'b'), reason('R8', 'c')]));
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['R8', 'R2.2']);
  });

  describe('in a whole case record', () => {
    let model: DocumentModel;
    beforeAll(async () => {
      model = await buildDocumentModel(inputFor(fullCase().events, FINGERPRINT));
    });
    it('the decisions section prints the words behind the rules it cites, "The policy says" only before the policy’s own words', () => {
      const blocks = model.sections.find((s) => s.id === 'decisions')!.blocks;
      const at = blocks.findIndex((b) => b.kind === 'heading' && b.text === 'The words behind the rules cited');
      expect(at).toBeGreaterThan(-1);
      const lines = blocks.slice(at).flatMap((b) => (b.kind === 'list' ? b.items : []));
      expect(lines.length).toBeGreaterThan(3);
      const mislabelled = lines.filter((l) => {
        const id = l.split(' ')[0] as RuleId;
        return !l.includes(`${LABELS[RULES[id].quoteFrom]}: “${RULES[id].quote}”`);
      });
      expect(mislabelled).toEqual([]);
      expect(lines.some((l) => l.startsWith('R2.2 ') && l.includes('The policy says: “youths taking pictures'))).toBe(
        true,
      );
    });
  });
});
