// The policy's rules R1 to R9 (the incident, the initial review, referral, managing in school) for
// the rule catalogue (catalogue.ts, which says whose words each quote is).
import type { RuleEntry } from './catalogue';

export const RULES_R1_TO_R9 = {
  'R1.3': {
    title: 'Every incident is a safeguarding concern',
    quote: 'avoid unnecessary criminalisation of children',
    quoteFrom: 'policy',
  },
  'R2.1': {
    title: 'Aggravated incidents',
    quote:
      'adult involvement or criminal or abusive behaviour by minors such as sexual abuse, extortion, threats, malicious conduct ... or creation or sending or showing of images without the knowledge or against the will of a minor',
    quoteFrom: 'policy',
  },
  'R2.2': {
    title: 'Experimental incidents',
    quote:
      'youths taking pictures of themselves to share with established boy or girlfriends, to create romantic interest in other youth ... no apparent malice or lack of willing participation',
    quoteFrom: 'policy',
  },
  'R2.3': {
    title: 'The DSL makes the final classification',
    quote: 'professional judgement',
    quoteFrom: 'policy',
  },
  'R2.4': {
    title: 'Sharing without consent (reading)',
    quote:
      'sharing without consent is aggravated; if the DSL records experimental with no consent, the app asks them to reconsider',
    quoteFrom: 'digest',
    reading: true,
  },
  'R3.1': {
    title: 'The law',
    quote: 'Children under 13 cannot consent in law.',
    quoteFrom: 'digest',
  },
  'R4.1': {
    title: 'Refer to the DSL as soon as possible',
    quote: 'The incident will be referred to the Designated Safeguarding Lead (DSL) ... as soon as possible',
    quoteFrom: 'policy',
  },
  'R4.2': {
    title: 'The initial review meeting',
    quote: 'The DSL will hold an initial review meeting with appropriate school staff',
    quoteFrom: 'policy',
  },
  'R4.4': {
    title: 'Parents informed early',
    quote: 'Parents will be informed at an early stage',
    quoteFrom: 'policy',
  },
  'R4.5': {
    title: 'Harm or risk of harm: refer immediately',
    quote:
      "At any point in the process if there is a concern a child/young person has been harmed or is at risk of harm a referral should be made to children's social care and/or the police immediately",
    quoteFrom: 'policy',
  },
  'R4.6': {
    title: 'Disclosures',
    quote: 'All members of staff ... will be made aware of how to recognise and refer any disclosures',
    quoteFrom: 'policy',
  },
  'R5.1': {
    title: 'Initial review: immediate risk, typology',
    quote: 'Whether there is an immediate risk to a young person',
    quoteFrom: 'policy',
  },
  'R5.3': {
    title: 'Is viewing necessary?',
    quote: 'in most cases, imagery should not be viewed',
    quoteFrom: 'policy',
  },
  'R5.2': {
    title: 'Referral to the MASH and/or police?',
    quote: 'If a referral should be made to ... (MASH) and/or the police',
    quoteFrom: 'policy',
  },
  'R6.1': {
    title: 'Aged 12 or under',
    quote: 'The young person (people) involved is/are 12 years old or under',
    quoteFrom: 'policy',
  },
  'R6.2': {
    title: 'An adult is involved',
    quote: 'The incident also involves an adult (18 and above)',
    quoteFrom: 'policy',
  },
  'R6.3': {
    title: 'Aged 13-17 and assessed as high risk',
    quote: 'If older young people (13-17) are involved, a risk assessment identifies the incident as high risk',
    quoteFrom: 'policy',
  },
  'R6.4': {
    title: 'Coercion, blackmail, grooming or capacity to consent',
    quote:
      'reason to believe that a young person has been coerced, blackmailed or groomed, or if there are concerns about their capacity to consent',
    quoteFrom: 'policy',
  },
  'R6.5': {
    title: 'Unusual or violent content',
    quote:
      'the content depicts sexual acts which are unusual for the young person’s developmental stage, or are violent',
    quoteFrom: 'policy',
  },
  'R6.6': {
    title: 'Immediate risk of harm',
    quote: 'a young person is at immediate risk of harm owing to the sharing of the imagery',
    quoteFrom: 'policy',
  },
  'R6.7': {
    title: 'Triggers on their own (reading)',
    quote:
      'The app treats R6.2, R6.4, R6.5 and R6.6 as triggers on their own, and R6.1 and R6.3 as triggers for aggravated incidents',
    quoteFrom: 'digest',
    reading: true,
  },
  'R6.8': {
    title: 'Police may be involved',
    quote: 'There may be police involvement at this stage if [the] MASH consider it appropriate',
    quoteFrom: 'policy',
  },
  'R6.9': {
    title: 'Re-check when new facts arrive',
    quote: 'we may choose to escalate the incident at any time if further information/concerns come to light',
    quoteFrom: 'policy',
  },
  'R7.1': {
    title: 'Managing in school',
    quote: 'the DSL is confident that they have enough information to assess the risks',
    quoteFrom: 'policy',
  },
  'R7.2': {
    title: 'The decision to manage in school',
    quote: 'The decision will be made by the DSL with input from the Headteacher',
    quoteFrom: 'policy',
  },
  'R7.3': {
    title: 'Experimental may be managed in school; aggravating factors will be referred',
    quote:
      'it may be more appropriate for our school to manage the incident directly. In contrast, any incidents with aggravating factors ... will be referred to the MASH (and/or police)',
    quoteFrom: 'policy',
  },
  'R7.4': {
    title: 'Any doubt: liaise with the MASH',
    quote: 'If we have any doubts about whether to involve other agencies ... liaise with the MASH',
    quoteFrom: 'policy',
  },
  R8: {
    title: 'Further risk assessment',
    quote: 'the DSL will conduct a further review ... to establish the facts and assess the risks',
    quoteFrom: 'policy',
  },
  'R9.1': {
    title: 'Parents informed unless that puts the young person at risk',
    quote: 'unless informing the parent will put the child/young person at risk of harm',
    quoteFrom: 'policy',
  },
  'R9.2': {
    title: 'Not informing parents is decided with the MASH or police',
    quote:
      'Any decision not to inform the parents would generally be made in conjunction with other services such as the MASH and/or the police',
    quoteFrom: 'policy',
  },
  'R9.3': {
    title: 'Supporting the young person to tell',
    quote: 'support the young people to inform their parents themselves',
    quoteFrom: 'policy',
  },
  'R10.1': {
    title: 'Police: 101 (999 in an emergency)',
    quote: 'contact should be made by dialling 101',
    quoteFrom: 'policy',
  },
} as const satisfies Record<string, RuleEntry>;
