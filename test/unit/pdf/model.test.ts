// The document model (pure): what the printed record says, the record hash, the sharing copy and
// the check for text the embedded fonts cannot draw.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../../src/domain/machine';
import { canonicalJson } from '../../../src/codec/canonical';
import {
  buildDocumentModel,
  findUndrawableText,
  recordHash,
  redactEvents,
  REDACTED,
  UNDRAWABLE_MARKER,
  type Block,
  type DocumentModel,
} from '../../../src/pdf';
import { FONT_COVERAGE } from '../../../src/pdf/text/coverage';
import { parseTrueType } from '../../../src/pdf/render/truetype';
import { toDrawable } from '../../../src/pdf/text/drawable';
import { experimentalFlow } from '../../builders/flows';
import { resetBuilders } from '../../builders/events';
import { CHAIN_HEAD, NAMES, fullCase, inputFor } from './cases';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');

function texts(model: DocumentModel): string {
  return JSON.stringify({ sections: model.sections, header: model.header, footer: model.footer, meta: model.meta });
}
const entries = (m: DocumentModel) =>
  m.sections
    .find((s) => s.id === 'chronology')!
    .blocks.filter((b): b is Extract<Block, { kind: 'entry' }> => b.kind === 'entry');

describe('the document model', () => {
  let full: ReturnType<typeof fullCase>;
  let model: DocumentModel;
  beforeAll(async () => {
    full = fullCase();
    model = await buildDocumentModel(inputFor(full.events, FINGERPRINT));
  });

  it('prints a record hash anyone holding the case can recompute: SHA-256 of the canonical event log', async () => {
    const expected = createHash('sha256').update(canonicalJson(full.events), 'utf8').digest('hex');
    expect(model.meta.recordHash).toBe(expected);
    expect(await recordHash(full.events)).toBe(expected);
    expect(model.footer.join('\n')).toContain(expected);
    expect(model.footer.join('\n')).toContain(CHAIN_HEAD);
  });

  it('has a cover, the decisions, every stage and the chronology, in that order', () => {
    expect(model.sections.map((s) => s.id)).toEqual([
      'cover',
      'decisions',
      'disclosure',
      'people',
      'review',
      'referrals',
      'risk',
      'parents',
      'conversations',
      'viewing',
      'deletion',
      'devices',
      'social-care',
      'removals',
      'support',
      'signoffs',
      'closure',
      'chronology',
    ]);
    const cover = JSON.stringify(model.sections[0]);
    for (const t of [
      'Świętokrzyska Academy',
      'YPSI-2026-014',
      NAMES.zofia,
      NAMES.alena,
      'wscb-ypsi-2016',
      'Closed',
      FINGERPRINT.slice(0, 47),
      "the signing time is this device's clock",
    ])
      expect(cover).toContain(t);
  });

  it('summarises the decision with its reasons and rule ids', () => {
    const decisions = JSON.stringify(model.sections.find((s) => s.id === 'decisions'));
    expect(decisions).toContain('Typology decided');
    expect(decisions).toMatch(/R2\.2 \(Experimental incidents\)/);
    expect(decisions).toMatch(/R8 \(Further risk assessment\)/);
    expect(decisions).toContain('Signed off by Helen Okafor');
  });

  it('gives every answer of the initial review, the referral reference and the deletion confirmations', () => {
    const review = JSON.stringify(model.sections.find((s) => s.id === 'review'));
    for (const rule of ['R5.1', 'R5.2', 'R5.3', 'R5.4', 'R5.5', 'R5.6', 'R5.7', 'R5.8', 'R5.9'])
      expect(review).toContain(rule);
    expect(review).toContain(NAMES.headOfYear);
    expect(JSON.stringify(model.sections.find((s) => s.id === 'referrals'))).toContain('MASH/2026/0457');
    expect(JSON.stringify(model.sections.find((s) => s.id === 'deletion'))).toContain('Showed me the empty chat.');
    const viewing = model.sections.find((s) => s.id === 'viewing')!.blocks.filter((b) => b.kind === 'signature');
    expect(viewing).toHaveLength(2);
  });

  it('lists every event in the chronology, with who, when it happened and when recorded, and amendments beside what they amend', () => {
    const list = entries(model);
    expect(list).toHaveLength(full.events.length);
    expect(list[1]!.title).toBe('2. Disclosure recorded');
    expect(list[1]!.amendments.join(' ')).toMatch(
      /Amended in entry 3 .*How far it spread \(disclosure\) was "Nobody else has seen it\.", now "Shown to Алёна once\."/,
    );
    expect(list[2]!.lines[0]).toBe('Amends entry 2 (Disclosure recorded).');
    expect(list[0]!.meta.join(' ')).toMatch(/Happened Mon, 2 March 2026, 09:10; recorded Mon, 2 March 2026, 09:10/);
  });

  it("prints the meeting's answers under their rule and question (R5), never a field's name", () => {
    const review = entries(model).find((e) => e.title.endsWith('Initial review decision: experimental'))!;
    const lines = review.lines.join('\n');
    expect(lines).toContain('R5.1 Is there an immediate risk to a young person? No immediate risk: both are in school');
    expect(lines).toContain('R5.9 Should parents or carers be contacted? Yes, both families.');
    expect(lines).toMatch(/R5\.7 Relevant facts about the young people that influence risk: \S/);
    expect(lines).not.toMatch(/immediateRisk|contactParents|relevantFacts/);
  });

  it('is pure: the same input gives the same model', async () => {
    const again = await buildDocumentModel(inputFor(full.events, FINGERPRINT));
    expect(again).toEqual(model);
  });

  it('notes nothing undrawable when every name is Latin, Greek or Cyrillic', () => {
    expect(model.undrawable).toEqual([]);
    expect(findUndrawableText(model)).toEqual([]);
  });
});

describe('a sharing copy', () => {
  const redactions = {
    personIds: [] as string[],
    fields: ['person.otherVulnerabilities', 'disclosure.spreadNotes'] as const,
  };
  let full: ReturnType<typeof fullCase>;
  let copy: DocumentModel;
  beforeAll(async () => {
    full = fullCase();
    copy = await buildDocumentModel(
      inputFor(full.events, FINGERPRINT, {
        redactions: { personIds: [full.ids.alena, full.ids.alexandros], fields: [...redactions.fields] },
      }),
    );
  });

  it('says [redacted] wherever an uninvolved pupil is named, free text included', () => {
    const all = texts(copy);
    for (const part of ['Алёна', 'Кузнецова', 'Αλέξανδρος', 'Παπαδόπουλος']) expect(all).not.toContain(part);
    expect(all).toContain(REDACTED);
    expect(all).toContain(NAMES.zofia);
    expect(all).toContain(NAMES.tomas);
    const disclosure = JSON.stringify(copy.sections.find((s) => s.id === 'disclosure'));
    expect(disclosure).toContain(
      `${REDACTED} said: \\"Tomáš showed me a photo Zofia had sent him. ${REDACTED} heard about it at lunch.\\" ${REDACTED} has not seen it.`,
    );
  });

  it('leaves out the marked fields, and an amendment of one shows neither the old nor the new text', () => {
    const all = texts(copy);
    expect(all).not.toContain('Young carer for her mother.');
    expect(all).not.toContain('Nobody else has seen it.');
    expect(all).not.toContain('Shown to');
    expect(entries(copy)[1]!.amendments.join(' ')).toContain(`was "${REDACTED}", now "${REDACTED}"`);
  });

  it('says it is a redacted copy on the cover and on every page', () => {
    expect(copy.meta.redacted).toBe(true);
    expect(JSON.stringify(copy.sections[0]!.blocks[0])).toContain('REDACTED COPY');
    expect(copy.header).toContain('REDACTED COPY');
    expect(copy.footer.join(' ')).toMatch(/Redacted copy/);
  });

  it('has a record hash over the redacted event log, which still replays through the case machine', async () => {
    const redactedLog = redactEvents(full.events, {
      personIds: [full.ids.alena, full.ids.alexandros],
      fields: [...redactions.fields],
    });
    expect(copy.meta.recordHash).toBe(await recordHash(redactedLog));
    expect(copy.meta.recordHash).not.toBe(await recordHash(full.events));
    expect(() => replay(redactedLog)).not.toThrow();
    expect(redactedLog.map((e) => e.id)).toEqual(full.events.map((e) => e.id));
  });

  it('does not redact a kept pupil who shares a surname part, and whole words only', () => {
    resetBuilders();
    const events = experimentalFlow();
    const disclosed = events.find((e) => e.type === 'disclosure.recorded')!;
    if (disclosed.type !== 'disclosure.recorded') throw new Error('flow changed');
    const [maya, leo] = disclosed.persons;
    disclosed.persons[0] = { ...maya!, name: 'Maya Nowak' };
    disclosed.persons[1] = { ...leo!, name: 'Leo Nowak' };
    disclosed.disclosure.account = "Leo's sister said Leon and Maya Nowak know; Leo Nowak does too.";
    const out = redactEvents(events, { personIds: [leo!.id], fields: [] });
    const d = out.find((e) => e.type === 'disclosure.recorded');
    if (d?.type !== 'disclosure.recorded') throw new Error('missing');
    expect(d.disclosure.account).toBe(`${REDACTED}'s sister said Leon and Maya Nowak know; ${REDACTED} does too.`);
    expect(d.persons.map((p) => p.name)).toEqual(['Maya Nowak', REDACTED]);
  });
});

describe('text the embedded fonts cannot draw', () => {
  it('is listed before signing, with where it is, and drawn as a visible marker', async () => {
    const { events } = fullCase();
    const d = events.find((e) => e.type === 'disclosure.recorded');
    if (d?.type !== 'disclosure.recorded') throw new Error('missing');
    d.persons[1] = { ...d.persons[1]!, name: '王小明' };
    d.disclosure.account = 'She sent 👩‍👩‍👧 and ❤️ then nothing.';
    const model = await buildDocumentModel(inputFor(events, FINGERPRINT));
    const found = findUndrawableText(model);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((f) => f.text).join(' ')).toContain('王小明');
    expect(found.flatMap((f) => f.characters.map((c) => c.codePoints))).toEqual(
      expect.arrayContaining(['U+738B', 'U+1F469 U+200D U+1F469 U+200D U+1F467', 'U+2764 U+FE0F']),
    );
    expect(found.some((f) => f.where === 'People involved')).toBe(true);
    expect(model.undrawable).toEqual(found);
    expect(JSON.stringify(model.sections[0])).toContain('Characters this document cannot draw');
    // One marker per character as the reader sees it: a family emoji is one, not five.
    expect(toDrawable('王小明')).toBe(UNDRAWABLE_MARKER.repeat(3));
    expect(toDrawable('a 👩‍👩‍👧 b')).toBe(`a ${UNDRAWABLE_MARKER} b`);
  });

  it('draws Hebrew and Arabic names (nothing to warn about), while emoji and CJK beside them are still listed', async () => {
    const { events } = fullCase();
    const d = events.find((e) => e.type === 'disclosure.recorded');
    if (d?.type !== 'disclosure.recorded') throw new Error('missing');
    d.persons[0] = { ...d.persons[0]!, name: 'מרים כהן' };
    d.persons[1] = { ...d.persons[1]!, name: 'مريم أحمد Zoë 🌈' };
    d.persons[2] = { ...d.persons[2]!, name: '王小明' };
    const found = findUndrawableText(await buildDocumentModel(inputFor(events, FINGERPRINT)));
    const graphemes = new Set(found.flatMap((f) => f.characters.map((c) => c.grapheme)));
    expect([...graphemes].sort()).toEqual(['王', '小', '明', '🌈'].sort());
    for (const s of ['مريم أحمد', 'מרים כהן', 'سلام', 'שָׁלוֹם', 'مُحَمَّد', '٠١٢٣', 'دوره', 'پروین'])
      expect(toDrawable(s)).toBe(s);
  });

  it('counts invisible direction overrides as undrawable, so paper cannot read differently from the app', () => {
    expect(toDrawable('Ann\u202Eaus')).toBe(`Ann${UNDRAWABLE_MARKER}aus`);
  });

  it('draws Latin with every diacritic, Greek and Cyrillic, composed or not', () => {
    const samples = [
      'Zażółć gęślą jaźń',
      'Příliš žluťoučký kůň úpěl ďábelské ódy',
      'Ξεσκεπάζω την ψυχοφθόρα βδελυγμία',
      'Съешь же ещё этих мягких французских булок',
      'Nguyễn Thị Minh Khai',
      'Ørsted Ångström Œuvre ß',
      'Zoe\u0308 (decomposed)',
    ];
    for (const s of samples) expect(toDrawable(s)).not.toContain(UNDRAWABLE_MARKER);
  });

  it('is decided from a coverage table that matches both embedded fonts', () => {
    for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
      const font = parseTrueType(readFileSync(new URL(`../../../src/pdf/fonts/${file}`, import.meta.url)));
      const cmap = new Set(font.codePoints().filter((cp) => cp >= 0x20 && cp < 0xfffe && !(cp >= 0x7f && cp <= 0x9f)));
      const table = new Set(FONT_COVERAGE.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i)));
      expect([...table].filter((cp) => !cmap.has(cp))).toEqual([]);
      expect([...cmap].filter((cp) => !table.has(cp))).toEqual([]);
    }
  });
});
