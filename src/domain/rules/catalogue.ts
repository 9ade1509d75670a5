// The policy's rule ids (../shared/policy/RULES.md), each with a title and a short quote, so every
// reason the app shows can be traced to the paragraph that makes it. Each quote says whose words it
// is (issue 11, item 8): the source's own words are found verbatim in the policy text the app ships
// (policy-text/wscb-ypsi-policy-guidance.txt; verbatim.ts says what is forgiven); the digest's words
// are found verbatim in policy-text/RULES.md; national guidance and the app's own design are
// summaries in the app's words, labelled as such. quotes.test.ts holds every entry to this.

/**
 * Whose words a quote is:
 * - policy: the establishment's policy (the source), verbatim;
 * - digest: the rules digest (RULES.md), verbatim: its readings and its summaries of the source;
 * - national: national guidance that post-dates the source (UKCIS, KCSIE), in the app's summary;
 * - app: the app's own security design for records (SEC.*), in the app's words.
 */
import { RULES_R1_TO_R9 } from './catalogueR1to9';

export type QuoteSource = 'policy' | 'digest' | 'national' | 'app';

export interface RuleEntry {
  title: string;
  /** A short quote, in the words of quoteFrom. */
  quote: string;
  quoteFrom: QuoteSource;
  /** A labelled protective reading: the policy is unclear here and the app takes the protective route. */
  reading?: boolean;
}

export const RULES = {
  ...RULES_R1_TO_R9,
  'R10.2': {
    title: 'Securing devices',
    quote:
      'The device should be turned off and placed under lock and key until the police are able to come and retrieve it',
    quoteFrom: 'policy',
  },
  'R10.3': {
    title: "Children's social care involvement",
    quote:
      "they will contact children's social care. They should also contact children's social care if they believe they may be involved, or have been involved with a young person in the past",
    quoteFrom: 'policy',
  },
  'R10.4': {
    title: "Refer to children's social care",
    quote:
      "wider issues which meet the threshold for children's social care involvement, then they will make a referral in line with our child protection procedures",
    quoteFrom: 'policy',
  },
  'R11.1': {
    title: 'Do not view imagery without good and clear reason',
    quote: 'Our staff will not view youth produced sexual imagery unless there is good and clear reason',
    quoteFrom: 'policy',
  },
  'R11.2': {
    title: 'When viewing is justified',
    quote: 'the only way to make a decision about whether to involve other agencies',
    quoteFrom: 'policy',
  },
  'R11.3': {
    title: 'Safeguards for viewing',
    quote: 'Never copy, print or share the imagery; this is illegal',
    quoteFrom: 'policy',
  },
  'R11.4': {
    title: 'Record the viewing',
    quote: 'who was present, why the image was viewed and any subsequent actions ... signed and dated',
    quoteFrom: 'policy',
  },
  'R11.5': {
    title: 'Support for staff who viewed',
    quote: 'appropriate emotional support may be required',
    quoteFrom: 'policy',
  },
  'R12.1': {
    title: 'Delete only after deciding not to involve other agencies',
    quote:
      'If our school decides that other agencies do not need to be involved, then consideration will be given to deleting imagery',
    quoteFrom: 'policy',
  },
  'R12.2': {
    title: 'Young people delete and confirm',
    quote: 'in most cases young people are asked to delete imagery and to confirm that they have deleted the imagery',
    quoteFrom: 'policy',
  },
  'R12.3': {
    title: 'A deadline for deletion',
    quote:
      'Young people will be given a deadline for deletion across all devices, online storage or social media sites',
    quoteFrom: 'policy',
  },
  'R12.4': {
    title: 'Possession is illegal',
    quote: 'reminded that possession of youth produced sexual imagery is illegal',
    quoteFrom: 'policy',
  },
  'R12.5': {
    title: 'Record every decision',
    quote: 'times, dates and reasons',
    quoteFrom: 'policy',
  },
  'R13.1': {
    title: 'Talking with the young people',
    quote:
      'it may be necessary to have a conversation with them ... If possible, our DSL will carry out this conversation',
    quoteFrom: 'policy',
  },
  'R13.3': {
    title: 'Identify without looking',
    quote: 'Identify, without looking, what the image contains',
    quoteFrom: 'policy',
  },
  'R14.1': {
    title: 'Every incident is recorded',
    quote:
      'All incidents relating to youth produced sexual imagery will be recorded in school. This includes incidents that have been referred to external agencies and those that have not',
    quoteFrom: 'policy',
  },
  'R14.2': {
    title: "Records meet Ofsted's questions",
    quote: 'evidence of tenacity in following up concerns with relevant agencies',
    quoteFrom: 'policy',
  },
  'SYNC.same': {
    title: 'One incident recorded as two cases (reading)',
    quote:
      'Where one disclosure became two cases, a key holder closes one as the same incident as the other: nothing recorded in it is changed or dropped, and what still applies is recorded in the case carried on',
    quoteFrom: 'app',
    reading: true,
  },
  'R14.3': {
    title: 'Not referring: reason and Headteacher sign-off',
    quote:
      "if our school decides not to refer incidents to the police or children's social care, we will record our reason for doing so and ensure that this is signed off by the Headteacher",
    quoteFrom: 'policy',
  },
  'R15.1': {
    title: 'Online reporting and removal',
    quote:
      'we will provide help and support with the removal of imagery from devices and social media, especially if they are distressed',
    quoteFrom: 'policy',
  },
  'R18.5': {
    title: 'Harm done or threatened is an immediate-referral trigger (reading)',
    quote: 'Harm already done or threatened (sexual abuse, threats) is an R4.5 trigger on its own.',
    quoteFrom: 'digest',
    reading: true,
  },
  R17: {
    title: 'The flowchart',
    quote:
      'Single agency response, or a multi-agency response based on an Early Help Assessment (as appropriate) ... Use risk assessment tools and WSCB procedures ... to identify level of risk',
    quoteFrom: 'policy',
  },
  'R17.police': {
    title: 'Police will be informed',
    quote: 'Refer to [the] MASH ... (Police will be informed)',
    quoteFrom: 'policy',
  },
  'R17.conflict': {
    title: 'Aggravated, 13-17, low or medium risk (reading)',
    quote:
      'for aggravated 13-17 at low/medium risk, the flowchart and R6.3 say no referral, R7.3 says "will be referred". Show both readings, recommend liaising with the MASH',
    quoteFrom: 'digest',
    reading: true,
  },
  'R17.under13': {
    title: 'Under-13s in experimental incidents (reading)',
    quote:
      'for an experimental incident with a child 12 or under, recommend at least liaising with the MASH, and a referral if the imagery involves sexual acts',
    quoteFrom: 'digest',
    reading: true,
  },
  'R17.protective': {
    title: 'Unclear: take the more protective route (reading)',
    quote: 'Where a branch is inferred or unclear, take the more protective route and say why',
    quoteFrom: 'digest',
    reading: true,
  },
  'UKCIS.transfer': {
    title: 'Child protection file to the next school, with receipt',
    quote:
      "child protection files go to a pupil's next school within 5 school days, separately from the main file, with confirmation of receipt (KCSIE, via UKCIS 2020/2024)",
    quoteFrom: 'national',
  },
  'SEC.3': {
    title: 'A key per case: destroying a case is destroying its key',
    quote: 'A key per case, wrapped by the data key, so destroying a case is destroying its key',
    quoteFrom: 'app',
  },
  'SEC.13': {
    title: 'Retention: kept until the 25th birthday, then reviewed',
    quote: "child protection records kept until the child's 25th birthday, then reviewed ... never delete silently",
    quoteFrom: 'app',
  },
  'SEC.13.hold': {
    title: 'Legal hold',
    quote: 'a legal hold stops review and destruction while it stands',
    quoteFrom: 'app',
  },
  'SEC.13.age': {
    title: 'Review date without a date of birth (reading)',
    quote:
      'from a stated age or year group, take the latest possible birth date, so the record is kept longer, never shorter',
    quoteFrom: 'app',
    reading: true,
  },
  'KCSIE.lado': {
    title: 'Allegations against adults who work with children: the LADO',
    quote:
      'An allegation that an adult who works or volunteers with children has harmed a child, or may have, is referred to the LADO (Local Authority Designated Officer); where it concerns the Headteacher, the chair of governors leads (KCSIE, Part four)',
    quoteFrom: 'national',
  },
  'UKCIS.ai': {
    title: 'Imagery made or altered with an app or AI',
    quote:
      'Nudes and semi-nudes made or altered with apps or AI (“nudified” or generated) are in scope: respond as to any other incident; making such imagery of an under-18 is illegal (UKCIS 2024)',
    quoteFrom: 'national',
  },
  'UKCIS.sextortion': {
    title: 'Financially motivated sexual extortion (“sextortion”)',
    quote:
      'Demanding money, gifts or more images under threat of sharing imagery is financially motivated sexual extortion, a form of child sexual abuse: tell the police now; the young person should not pay, should stop replying and keep the evidence; help them remove imagery with Report Remove (UKCIS 2024; NCA alert, April 2024)',
    quoteFrom: 'national',
  },
  'UKCIS.adult': {
    title: 'Adult involvement is child sexual abuse',
    quote: 'Any adult involvement is child sexual abuse: urgent police referral (UKCIS 2020/2024)',
    quoteFrom: 'national',
  },
} as const satisfies Record<string, RuleEntry>;

export type RuleId = keyof typeof RULES;

/** The labelled readings of RULES.md that can make a difference to a recommendation. */
export type ReadingId =
  | 'R6.7'
  | 'R2.4'
  | 'R17.conflict'
  | 'R17.under13'
  | 'R17.protective'
  | 'R18.5'
  | 'SEC.13.age'
  | 'SYNC.same';

export function ruleEntry(id: RuleId): RuleEntry {
  return RULES[id];
}
