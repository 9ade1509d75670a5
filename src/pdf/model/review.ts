// The disclosure, the people involved and the initial review meetings, with every answer given.
import type { CaseRecord } from '../../domain/case';
import type { CaseEvent, CaseEventOf } from '../../domain/events';
import { sexOf, TRI_FACT_KEYS, type IncidentFacts, type Person } from '../../domain/types';
import {
  CHANNEL_TEXT,
  DISCLOSER_TEXT,
  FACT_LABELS,
  INVOLVEMENT_TEXT,
  REVIEW_QUESTIONS,
  SOCIAL_CARE_TEXT,
  WORKS_WITH_CHILDREN_TEXT,
  triText,
} from './labels';
import { orNot } from './format';
import { ageText, fields, h, none, row, stampText, when, type Ctx } from './parts';
import { knownDateText } from '../../domain/describe';
import { SEX_WORDS } from '../../domain/describeWords';
import type { Block, Section } from './types';
import { routesText, signOffText } from './decisions';

export function disclosureSection(c: CaseRecord, ctx: Ctx): Section {
  const d = c.disclosure;
  if (!d) return { id: 'disclosure', title: 'Disclosure', blocks: [none('No disclosure has been recorded.')] };
  return {
    id: 'disclosure',
    title: 'Disclosure',
    blocks: [
      fields([
        row('Who told', `${orNot(d.disclosedBy)} (${DISCLOSER_TEXT[d.discloserRelation] ?? d.discloserRelation})`),
        row('Who was told', orNot(d.disclosedTo)),
        row('When it was told', when(ctx, d.disclosedAt)),
        row('When the imagery was made or shared, as the discloser knew it', knownDateText(d.incidentDate)),
        row('How', CHANNEL_TEXT[d.channel] ?? d.channel),
        row('In their own words', orNot(d.account)),
        row('What the imagery shows, as described (never viewed to write this, R13.3)', orNot(d.imageryDescription)),
        row('Platforms', d.platforms.length ? d.platforms.join(', ') : 'None recorded'),
        row('How far it spread', orNot(d.spreadNotes)),
        row('Actions taken', orNot(d.actionsTaken)),
        row('Recorded by', stampText(ctx, d)),
      ]),
    ],
  };
}

function personRows(ctx: Ctx, person: Person): Block {
  return fields([
    row('Age', ageText(ctx, person)),
    row('Date of birth', knownDateText(person.dateOfBirth)),
    row('Sex, as the school records it', SEX_WORDS[sexOf(person)]),
    row('At this establishment', person.atEstablishment ? 'Yes' : 'No'),
    row(
      'Involvement',
      person.involvement.length ? person.involvement.map((i) => INVOLVEMENT_TEXT[i] ?? i).join(', ') : 'Not recorded',
    ),
    row('Adult', triText(person.adult)),
    person.adult !== 'no'
      ? row(
          'Works or volunteers with children',
          WORKS_WITH_CHILDREN_TEXT[person.worksWithChildren] ?? person.worksWithChildren,
        )
      : null,
    person.onlineContact ? row('Online contact', 'Met online; identity and age cannot be checked') : null,
    person.isHeadteacher ? row('The Headteacher', 'Yes') : null,
    person.sen ? row('Special educational needs', triText(person.sen)) : null,
    person.socialCare ? row("Children's social care", SOCIAL_CARE_TEXT[person.socialCare] ?? person.socialCare) : null,
    person.otherVulnerabilities?.trim() ? row('Other vulnerabilities', person.otherVulnerabilities) : null,
  ]);
}

export function peopleSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks: Block[] = [];
  for (const person of c.facts.persons) {
    blocks.push(h(person.name.trim() || 'Unnamed person'));
    blocks.push(personRows(ctx, person));
  }
  return { id: 'people', title: 'People involved', blocks: blocks.length ? blocks : [none()] };
}

function factRows(facts: IncidentFacts): Block {
  return fields([
    row('When the imagery was made or shared (ages are worked out on this date)', knownDateText(facts.incidentDate)),
    ...TRI_FACT_KEYS.map((k) => row(FACT_LABELS[k], triText(facts[k]))),
    row('How far it has spread', facts.spread),
    row('Local risk tool', facts.riskTool ? `${facts.riskTool.tool}: ${facts.riskTool.level} risk` : 'Not applied yet'),
  ]);
}

export function reviewSection(c: CaseRecord, ctx: Ctx, events: readonly CaseEvent[]): Section {
  const decided = events.filter((e): e is CaseEventOf<'review.decided'> => e.type === 'review.decided');
  const blocks: Block[] = [];
  decided.forEach((e, i) => {
    const d = e.decision;
    blocks.push(h(`${decided.length > 1 ? `Decision ${i + 1}: ` : ''}${when(ctx, e.occurredAt)}`));
    blocks.push(
      fields([
        row('Attended by', d.attendees.length ? d.attendees.join('; ') : 'Not recorded'),
        ...REVIEW_QUESTIONS.map((q) => row(`${q.rule} ${q.label}`, orNot(d.answers[q.key], 'Not answered'))),
      ]),
    );
    blocks.push(h('Typology: proposed and decided'));
    blocks.push(
      fields([
        row('The app proposed', d.proposedTypology),
        row('The DSL decided', d.typology),
        d.typologyReason ? row('Why (R2.3)', d.typologyReason) : null,
        d.noConsentReconsidered ? row('Reconsidered: shared without consent (R2.4)', d.noConsentReconsidered) : null,
      ]),
    );
    blocks.push(h('Routes: recommended and chosen'));
    blocks.push(
      fields([
        row('Recommended', routesText(d.recommendedRoutes)),
        row('Chosen', routesText(d.routes)),
        d.routeReason ? row('Why they differ (R7.2)', d.routeReason) : null,
        row('Rationale (R7.2)', orNot(d.rationale)),
        row('Headteacher sign-off (R14.3)', signOffText(c, ctx, d.decisionId, d.routes)),
        row('Recorded by', stampText(ctx, { eventId: e.id, by: e.actor, at: e.occurredAt, recordedAt: e.recordedAt })),
      ]),
    );
    blocks.push(h('The facts as answered at this meeting'));
    blocks.push(factRows(e.facts));
  });
  return {
    id: 'review',
    title: 'Initial review meeting',
    blocks: blocks.length ? blocks : [none('No initial review decision has been recorded yet.')],
  };
}
