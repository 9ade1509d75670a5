// The policy's rule ids (../shared/policy/RULES.md), each with a title and a short quote of the
// source, so every reason the app shows can be traced to the paragraph that makes it.

export interface RuleEntry {
  title: string;
  /** A short quote of the source's own words (wscb-ypsi-policy-guidance.txt), or of RULES.md for readings. */
  quote: string;
  /** A labelled protective reading: the policy is unclear here and the app takes the protective route. */
  reading?: boolean;
}

export const RULES = {
  'R1.3': { title: 'Every incident is a safeguarding concern', quote: 'avoid unnecessary criminalisation of children' },
  'R2.1': {
    title: 'Aggravated incidents',
    quote:
      'adult involvement or criminal or abusive behaviour by minors such as sexual abuse, extortion, threats, malicious conduct ... or creation or sending or showing of images without the knowledge or against the will of a minor',
  },
  'R2.2': {
    title: 'Experimental incidents',
    quote: 'pictures of themselves for an established partner, to create romantic interest ... no criminal intent',
  },
  'R2.3': { title: 'The DSL makes the final classification', quote: 'professional judgement' },
  'R2.4': {
    title: 'Sharing without consent (reading)',
    quote: 'sharing without consent is aggravated; if the DSL records experimental with no consent, the app asks them to reconsider',
    reading: true,
  },
  'R3.1': { title: 'The law', quote: 'children under 13 cannot consent in law' },
  'R4.1': { title: 'Refer to the DSL as soon as possible', quote: 'The incident will be referred to the Designated Safeguarding Lead (DSL) ... as soon as possible' },
  'R4.2': { title: 'The initial review meeting', quote: 'The DSL will hold an initial review meeting with appropriate school staff' },
  'R4.4': { title: 'Parents informed early', quote: 'Parents will be informed at an early stage' },
  'R4.5': {
    title: 'Harm or risk of harm: refer immediately',
    quote:
      "At any point in the process if there is a concern a child/young person has been harmed or is at risk of harm a referral should be made to children's social care and/or the police immediately",
  },
  'R4.6': { title: 'Disclosures', quote: 'All members of staff ... will be made aware of how to recognise and refer any disclosures' },
  'R5.1': { title: 'Initial review: immediate risk, typology', quote: 'Whether there is an immediate risk to a young person' },
  'R5.3': { title: 'Is viewing necessary?', quote: 'in most cases, imagery should not be viewed' },
  'R5.2': { title: 'Referral to the MASH and/or police?', quote: 'If a referral should be made to ... (MASH) and/or the police' },
  'R6.1': { title: 'Aged 12 or under', quote: 'The young person (people) involved is/are 12 years old or under' },
  'R6.2': { title: 'An adult is involved', quote: 'The incident also involves an adult (18 and above)' },
  'R6.3': {
    title: 'Aged 13-17 and assessed as high risk',
    quote: 'If older young people (13-17) are involved, a risk assessment identifies the incident as high risk',
  },
  'R6.4': {
    title: 'Coercion, blackmail, grooming or capacity to consent',
    quote:
      'reason to believe that a young person has been coerced, blackmailed or groomed, or if there are concerns about their capacity to consent',
  },
  'R6.5': {
    title: 'Unusual or violent content',
    quote: 'the content depicts sexual acts which are unusual for the young person’s developmental stage, or are violent',
  },
  'R6.6': {
    title: 'Immediate risk of harm',
    quote: 'a young person is at immediate risk of harm owing to the sharing of the imagery',
  },
  'R6.7': {
    title: 'Triggers on their own (reading)',
    quote:
      'The app treats R6.2, R6.4, R6.5 and R6.6 as triggers on their own, and R6.1 and R6.3 as triggers for aggravated incidents',
    reading: true,
  },
  'R6.8': { title: 'Police may be involved', quote: 'There may be police involvement at this stage if [the] MASH consider it appropriate' },
  'R6.9': {
    title: 'Re-check when new facts arrive',
    quote: 'we may choose to escalate the incident at any time if further information/concerns come to light',
  },
  'R7.1': { title: 'Managing in school', quote: 'the DSL is confident that they have enough information to assess the risks' },
  'R7.2': { title: 'The decision to manage in school', quote: 'The decision will be made by the DSL with input from the Headteacher' },
  'R7.3': {
    title: 'Aggravating factors will be referred',
    quote: 'any incidents with aggravating factors ... will be referred to the MASH (and/or police)',
  },
  'R7.4': { title: 'Any doubt: liaise with the MASH', quote: 'If we have any doubts about whether to involve other agencies ... liaise with the MASH' },
  'R8': { title: 'Further risk assessment', quote: 'the DSL will conduct a further review ... to establish the facts and assess the risks' },
  'R9.1': { title: 'Parents informed unless that puts the young person at risk', quote: 'unless informing the parent will put the child/young person at risk of harm' },
  'R9.2': {
    title: 'Not informing parents is decided with the MASH or police',
    quote: 'Any decision not to inform the parents would generally be made in conjunction with other services such as the MASH and/or the police',
  },
  'R9.3': { title: 'Supporting the young person to tell', quote: 'support the young people to inform their parents themselves' },
  'R10.1': { title: 'Police: 101 (999 in an emergency)', quote: 'contact should be made by dialling 101' },
  'R10.2': {
    title: 'Securing devices',
    quote: 'The device should be turned off and placed under lock and key until the police are able to come and retrieve it',
  },
  'R10.3': {
    title: "Children's social care involvement",
    quote: "If children's social care is, may be, or has been involved with a young person, contact them, whatever the route",
  },
  'R10.4': { title: "Refer to children's social care", quote: "wider issues meet the threshold: refer to children's social care under child protection procedures" },
  'R11.1': { title: 'Do not view imagery without good and clear reason', quote: 'Our staff will not view youth produced sexual imagery unless there is good and clear reason' },
  'R11.2': { title: 'When viewing is justified', quote: 'the only way to make a decision about whether to involve other agencies' },
  'R11.3': { title: 'Safeguards for viewing', quote: 'Never copy, print or share the imagery; this is illegal' },
  'R11.4': { title: 'Record the viewing', quote: 'who was present, why the image was viewed and any subsequent actions ... signed and dated' },
  'R11.5': { title: 'Support for staff who viewed', quote: 'appropriate emotional support may be required' },
  'R12.1': {
    title: 'Delete only after deciding not to involve other agencies',
    quote: 'decided that other agencies do not need to be involved ... never delete what may be evidence while police involvement is possible',
  },
  'R12.2': { title: 'Young people delete and confirm', quote: 'young people are asked to delete and to confirm deletion' },
  'R12.3': { title: 'A deadline for deletion', quote: 'Young people will be given a deadline for deletion across all devices, online storage or social media sites' },
  'R12.4': { title: 'Possession is illegal', quote: 'reminded that possession of youth produced sexual imagery is illegal' },
  'R12.5': { title: 'Record every decision', quote: 'times, dates and reasons' },
  'R13.1': { title: 'Talking with the young people', quote: 'a conversation, by the DSL if possible' },
  'R13.3': { title: 'Identify without looking', quote: 'identify, without looking, what the image contains' },
  'R14.1': { title: 'Every incident is recorded', quote: 'All incidents ... will be recorded, whether referred or not' },
  'R14.2': { title: "Records meet Ofsted's questions", quote: 'tenacity in following up with other agencies' },
  'R14.3': {
    title: 'Not referring: reason and Headteacher sign-off',
    quote: "If we decide not to refer an incident to the police or children's social care, we will record our reason for doing so and ensure that this is signed off by the Headteacher",
  },
  'R15.1': { title: 'Online reporting and removal', quote: 'help young people remove imagery from devices and social media' },
  'R18.5': {
    title: 'Harm done or threatened is an immediate-referral trigger (reading)',
    quote: 'Harm already done or threatened (sexual abuse, threats) is an R4.5 trigger on its own.',
    reading: true,
  },
  'R17': {
    title: 'The flowchart',
    quote: 'Use risk assessment tools ... to identify level of risk; single agency response, or multi-agency response based on an Early Help Assessment (as appropriate)',
  },
  'R17.police': { title: 'Police will be informed', quote: 'Refer to MASH (Police will be informed)' },
  'R17.conflict': {
    title: 'Aggravated, 13-17, low or medium risk (reading)',
    quote: 'the flowchart and R6.3 say no referral, R7.3 says "will be referred": show both readings, recommend liaising with the MASH',
    reading: true,
  },
  'R17.under13': {
    title: 'Under-13s in experimental incidents (reading)',
    quote: 'for an experimental incident with a child 12 or under, recommend at least liaising with the MASH, and a referral if the imagery involves sexual acts',
    reading: true,
  },
  'R17.protective': {
    title: 'Unclear: take the more protective route (reading)',
    quote: 'Where a branch is inferred or unclear, take the more protective route and say why',
    reading: true,
  },
  'UKCIS.transfer': {
    title: "Child protection file to the next school, with receipt",
    quote: "child protection files go to a pupil's next school within 5 school days, separately from the main file, with confirmation of receipt (KCSIE, via UKCIS 2020/2024)",
  },
  'SEC.3': {
    title: 'A key per case: destroying a case is destroying its key',
    quote: 'A key per case, wrapped by the data key, so destroying a case is destroying its key',
  },
  'SEC.13': {
    title: 'Retention: kept until the 25th birthday, then reviewed',
    quote: "child protection records kept until the child's 25th birthday, then reviewed ... never delete silently",
  },
  'SEC.13.hold': {
    title: 'Legal hold',
    quote: 'a legal hold stops review and destruction while it stands',
  },
  'SEC.13.age': {
    title: 'Review date without a date of birth (reading)',
    quote: 'from a stated age or year group, take the latest possible birth date, so the record is kept longer, never shorter',
    reading: true,
  },
  'UKCIS.adult': {
    title: 'Adult involvement is child sexual abuse',
    quote: 'Any adult involvement is child sexual abuse: urgent police referral (UKCIS 2020/2024)',
  },
} as const satisfies Record<string, RuleEntry>;

export type RuleId = keyof typeof RULES;

/** The labelled readings of RULES.md that can make a difference to a recommendation. */
export type ReadingId = 'R6.7' | 'R2.4' | 'R17.conflict' | 'R17.under13' | 'R17.protective' | 'R18.5' | 'SEC.13.age';

export function ruleEntry(id: RuleId): RuleEntry {
  return RULES[id];
}
