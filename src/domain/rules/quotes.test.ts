// Issue 11, item 8: quotes are the policy's words. Every quote the app shows as the source's is found
// verbatim in the policy text it ships; the digest's words are found verbatim in the digest it ships
// and labelled as the digest's; national guidance and the app's own design are never the policy's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RULES, type RuleEntry, type RuleId } from './catalogue';
import { isVerbatim } from './verbatim';
import { assessRoutes } from './routes';
import { proposeTypology } from './typology';
import type { Reason } from '../reasons';
import { facts as anyFacts, typology as anyTypology } from '../../../test/builders/arbitraries';
import { calmFacts, person } from '../../../test/builders/facts';
import { DISCLOSURE_DATE } from '../../../test/builders/ages';

const SOURCE = readFileSync(new URL('../policy-text/wscb-ypsi-policy-guidance.txt', import.meta.url), 'utf8');
/** The digest as shipped, its markdown emphasis (**) taken off: that is how it reads. */
const DIGEST = readFileSync(new URL('../policy-text/RULES.md', import.meta.url), 'utf8').replace(/\*\*/g, '');
const ENTRIES = Object.entries(RULES) as [RuleId, RuleEntry][];

describe('isVerbatim: what a quote may forgive', () => {
  const text =
    'The decision will be made by the DSL with input from the Headteacher (Insert name) and input \nfrom other members of staff. Refer to \nWolverhampton \nMASH \n\n01902 555392 \n(Police will be informed) multi-\n\nagency children’s social care';
  it.each<[string, string, boolean]>([
    ['the same words', 'The decision will be made by the DSL', true],
    [
      'a line break where the source has one',
      'input from the Headteacher (Insert name) and input from other members of staff',
      true,
    ],
    ['a straight apostrophe for a curly one', "children's social care", true],
    ['an omission marked with "..."', 'The decision will be made ... from other members of staff', true],
    ['an omission marked with "…"', 'The decision will be made … from other members of staff', true],
    [
      'a word supplied in [brackets] for a few of the source’s',
      'Refer to [the] MASH ... (Police will be informed)',
      true,
    ],
    ['a word broken after its hyphen at a line end', 'multi-agency', true],
    ['a paraphrase', 'The DSL decides with the Headteacher', false],
    ['one word changed', 'The decision will be taken by the DSL', false],
    ['an omission not marked', 'The decision will be made from other members of staff', false],
    ['pieces out of order', 'from other members of staff ... The decision will be made', false],
    [
      'brackets standing for a whole sentence',
      'The decision will be made by the DSL [and] (Police will be informed)',
      false,
    ],
  ])('%s: %s', (_label, quote, expected) => {
    expect(isVerbatim(quote, text)).toBe(expected);
  });
});

describe('every quote the catalogue shows as the policy’s is in the policy text the app ships', () => {
  it.each(ENTRIES.filter(([, e]) => e.quoteFrom === 'policy'))('%s', (_id, e) => {
    expect(isVerbatim(e.quote, SOURCE)).toBe(true);
  });
});

describe('every quote labelled as the rules digest’s words is in the digest the app ships', () => {
  it.each(ENTRIES.filter(([, e]) => e.quoteFrom === 'digest'))('%s', (_id, e) => {
    expect(isVerbatim(e.quote, DIGEST)).toBe(true);
  });
});

describe('whose words: readings, national guidance and the app’s design are never shown as the policy’s', () => {
  it('every labelled reading of the policy quotes the digest, which is where readings are written', () => {
    expect(
      ENTRIES.filter(([id, e]) => e.reading && id.startsWith('R') && e.quoteFrom !== 'digest').map(([id]) => id),
    ).toEqual([]);
  });

  it('every national-guidance entry (UKCIS.*, KCSIE.*) is labelled national guidance and names its source', () => {
    const national = ENTRIES.filter(([id]) => /^(UKCIS|KCSIE)\./.test(id));
    expect(national.map(([id, e]) => `${id}:${e.quoteFrom}`)).toEqual(national.map(([id]) => `${id}:national`));
    expect(national.filter(([, e]) => !/\((UKCIS|KCSIE|NCA)[^)]*\)/.test(e.quote)).map(([id]) => id)).toEqual([]);
  });

  it('the app’s own design (SEC.*) is labelled as the app’s', () => {
    expect(ENTRIES.filter(([id, e]) => id.startsWith('SEC.') && e.quoteFrom !== 'app').map(([id]) => id)).toEqual([]);
  });

  it.each<[RuleId, string]>([
    ['R3.1', 'children under 13 cannot consent in law'],
    ['R10.3', 'whatever the route'],
    ['R2.2', 'pictures of themselves for an established partner'],
    ['R10.4', "wider issues meet the threshold: refer to children's social care"],
    ['R12.2', 'young people are asked to delete and to confirm deletion'],
    ['R13.1', 'a conversation, by the DSL if possible'],
    ['R14.1', 'All incidents ... will be recorded, whether referred or not'],
    ['R14.2', 'tenacity in following up with other agencies'],
    ['R14.3', "If we decide not to refer an incident to the police or children's social care"],
    ['R15.1', 'help young people remove imagery from devices and social media'],
    ['R17', 'Use risk assessment tools ... to identify level of risk; single agency response'],
  ])('the issue’s offender %s no longer shows the paraphrase "%s" as the policy’s words', (id, paraphrase) => {
    const e: RuleEntry = RULES[id];
    const shownAsPolicy = e.quoteFrom === 'policy' && e.quote.toLowerCase().includes(paraphrase.toLowerCase());
    expect({ shownAsPolicy, found: isVerbatim(e.quote, e.quoteFrom === 'policy' ? SOURCE : DIGEST) }).toEqual({
      shownAsPolicy: false,
      found: true,
    });
  });
});

describe('every quote a reason can carry is its rule’s, with the rule’s label', () => {
  const wrong = (reasons: readonly Reason[]): string[] =>
    reasons
      .filter((r) => r.quote !== RULES[r.rule].quote || r.quoteFrom !== RULES[r.rule].quoteFrom)
      .map((r) => `${r.rule}: ${r.quote} (${r.quoteFrom})`);

  it('for any facts and either typology, every reason of every route, trigger and typology proposal', () => {
    fc.assert(
      fc.property(anyFacts, anyTypology, (f, t) => {
        const a = assessRoutes(f, t, DISCLOSURE_DATE);
        const all = [
          ...a.routes.flatMap((r) => r.reasons),
          ...a.triggers.flatMap((x) => x.reasons),
          ...proposeTypology(f, DISCLOSURE_DATE).reasons,
        ];
        expect(wrong(all)).toEqual([]);
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });
});

describe('the LADO reasons cite their own source (KCSIE), not R6.2', () => {
  it.each<[string, Parameters<typeof person>[0]]>([
    ['a member of staff', { worksWithChildren: 'staff' }],
    ['a volunteer', { worksWithChildren: 'volunteer' }],
    ['the Headteacher', { worksWithChildren: 'staff', isHeadteacher: true }],
    ['an adult not yet known to work with children', { worksWithChildren: 'unknown' }],
  ])('%s', (_label, adult) => {
    const f = calmFacts({
      persons: [
        person({ name: 'Adult', ageYears: 30, adult: 'yes', ...adult }),
        person({ name: 'Ellie', ageYears: 15 }),
      ],
    });
    const lado = assessRoutes(f, 'aggravated', DISCLOSURE_DATE).routes.find((r) => r.route === 'lado');
    expect(lado?.reasons.map((r) => r.rule)).toEqual(['KCSIE.lado']);
  });
});
