// The summary of decisions: what the DSL decided, why, and what the policy says, with rule ids.
import { closedAsSameIncident, sameIncidentStatus } from '../../domain/sameIncident';
import { currentDecision, referenceDate, type CaseRecord } from '../../domain/case';
import { routeName } from '../../domain/describeWords';
import { assess } from '../../domain/rules/assess';
import { RULES } from '../../domain/rules/catalogue';
import { isReferralDecision } from '../../domain/rules/routes';
import { overriddenRoutes, owedToPolicy, validSignOff } from '../../domain/owed';
import type { Reason } from '../../domain/reasons';
import type { RouteId } from '../../domain/types';
import { QUOTE_FROM_TEXT, ROUTE_TITLES, STRENGTH_TEXT } from './labels';
import { fields, h, list, none, p, row, who, when, type Ctx } from './parts';
import type { Block, Section } from './types';

/** "R2.1 Aggravated incidents: Aggravated because there was malice." */
export function reasonText(r: Reason): string {
  const title = RULES[r.rule]?.title;
  const flags = [
    r.reading ? 'a labelled reading of an unclear part of the policy' : '',
    r.unknown ? 'rests on an answer not known yet' : '',
  ].filter(Boolean);
  return `${r.rule}${title ? ` (${title})` : ''}: ${r.text}${flags.length ? ` [${flags.join('; ')}]` : ''}`;
}

/**
 * The words behind each rule the reasons cite, once each in the order first cited, labelled with
 * whose words they are: the policy's own (verbatim), the rules digest's, national guidance's or the app's.
 */
export function rulesCitedBlocks(reasons: readonly Reason[]): Block[] {
  const ids = [...new Set(reasons.map((r) => r.rule))];
  if (ids.length === 0) return [];
  return [
    h('The words behind the rules cited'),
    p(
      '“The policy says” introduces the policy’s own words. The rules digest is the policy written as numbered rules, with its labelled readings; national guidance and the app’s own design are not your policy.',
      'small',
    ),
    list(ids.map((id) => `${id} (${RULES[id].title}). ${QUOTE_FROM_TEXT[RULES[id].quoteFrom]}: “${RULES[id].quote}”`)),
  ];
}

export function routesText(routes: readonly RouteId[]): string {
  return routes.length ? routes.map((r) => ROUTE_TITLES[r] ?? routeName(r)).join('; ') : 'None';
}

export function signOffText(c: CaseRecord, ctx: Ctx, decisionId: string, routes: readonly RouteId[]): string {
  const signed = c.signOffs.filter((s) => s.decisionId === decisionId);
  if (signed.length > 0) {
    return signed
      .map(
        (s) =>
          `Signed off by ${s.signature.name} on ${when(ctx, s.at)}${s.inPlaceOfHeadteacher ? ` in place of the Headteacher (${s.inPlaceOfHeadteacher})` : ''}`,
      )
      .join('; ');
  }
  return isReferralDecision(routes)
    ? 'Not needed: the decision refers the incident (R14.3).'
    : 'Not yet signed off by the Headteacher (R14.3).';
}

/** R4.5, R14.3: a decision that goes against an act-now referral is shown as an override, with its consultation and sign-off. */
function overrideRows(c: CaseRecord, ctx: Ctx, d: NonNullable<ReturnType<typeof currentDecision>>) {
  const over = overriddenRoutes(c, d);
  const k = d.consultation;
  if (over.length === 0 && !k) return [];
  const signed = validSignOff(c, d);
  return [
    row(
      'OVERRIDE (R4.5)',
      over.length > 0
        ? `This decision goes against the policy: ${routesText(over)}, which the policy asked for at once.`
        : 'Recorded with a consultation.',
    ),
    row(
      'Consulted (R4.5, R7.4)',
      k
        ? `${k.who} at ${k.agency === 'mash' ? 'the MASH' : 'the police'}, ${when(ctx, k.at)}. They advised: ${k.advice}`
        : 'No consultation recorded.',
    ),
    row(
      'Override signed off (R14.3)',
      signed ? `${signed.signature.name}, ${when(ctx, signed.at)}` : 'Not signed off: the override does not stand.',
    ),
  ];
}

export function decisionsSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks: Block[] = [];
  const d = currentDecision(c);
  if (!d) {
    blocks.push(p('No initial review decision has been recorded yet.'));
  } else {
    blocks.push(
      fields([
        row('Decided', `${when(ctx, d.at)}, recorded by ${who(d.by)}`),
        row('Typology decided', d.typology),
        row('The app proposed', d.proposedTypology),
        d.typologyReason ? row('Why the DSL decided otherwise (R2.3)', d.typologyReason) : null,
        d.noConsentReconsidered ? row('Reconsidered: shared without consent (R2.4)', d.noConsentReconsidered) : null,
        row('Routes chosen', routesText(d.routes)),
        row('Routes the app recommended', routesText(d.recommendedRoutes)),
        d.routeReason ? row('Why the routes differ (R7.2)', d.routeReason) : null,
        ...overrideRows(c, ctx, d),
        row('Rationale (R7.2)', d.rationale),
        row('Headteacher sign-off (R14.3)', signOffText(c, ctx, d.decisionId, d.routes)),
      ]),
    );
  }

  // What the case still owes the policy (issue 11), from the current facts and the whole record.
  const owed = owedToPolicy(c).filter((x) => x.kind !== 'evidence');
  blocks.push(h('What the case still owes the policy'));
  blocks.push(
    closedAsSameIncident(c)
      ? p(
          `Nothing further: ${sameIncidentStatus(c)}. The incident is recorded in that case from here on; everything recorded in this one is above and in the chronology (R14.1).`,
        )
      : c.closed && owed.length === 0
        ? p('Nothing: the case was closed with everything the policy asks for recorded.')
        : owed.length === 0
          ? p('Nothing is outstanding: everything the policy asks for so far is recorded.')
          : list(owed.map((x) => `${x.rule}${RULES[x.rule]?.title ? ` (${RULES[x.rule].title})` : ''}: ${x.text}`)),
  );

  const a = assess(c.facts, { confirmedTypology: d?.typology ?? null, referenceDate: referenceDate(c) });
  blocks.push(h('What the policy says on the facts as now recorded'));
  blocks.push(
    p(
      `Typology the app proposes: ${a.proposed.typology}${a.proposed.basis === 'unknowns' ? ' (only answers not known yet stand in the way of another reading)' : ''}.`,
    ),
  );
  blocks.push(a.proposed.reasons.length ? list(a.proposed.reasons.map(reasonText)) : none('No reasons recorded.'));
  blocks.push(
    p(
      `Routes for the ${a.routes.typology} typology${a.routes.schoolMayManage ? '; the school may manage it' : ''}. Immediate referral: ${a.routes.immediateReferral}.`,
    ),
  );
  for (const r of a.routes.routes) {
    blocks.push(
      p(`${ROUTE_TITLES[r.route]}: ${STRENGTH_TEXT[r.strength]}${r.phone ? ` (phone ${r.phone})` : ''}`, 'bold'),
    );
    blocks.push(r.reasons.length ? list(r.reasons.map(reasonText)) : none('No reasons recorded.'));
  }
  if (a.proposedRoutes) {
    blocks.push(
      p(
        `Had the proposed typology (${a.proposed.typology}) been kept, the routes would be: ${a.proposedRoutes.routes.map((r) => `${ROUTE_TITLES[r.route]} (${STRENGTH_TEXT[r.strength]})`).join('; ') || 'none'}.`,
      ),
    );
  }

  if (c.decisions.length > 1) {
    blocks.push(h('Earlier decisions'));
    blocks.push(
      list(
        c.decisions
          .slice(0, -1)
          .map(
            (x) =>
              `${when(ctx, x.at)}: ${x.typology}; routes: ${routesText(x.routes)}. ${signOffText(c, ctx, x.decisionId, x.routes)}`,
          ),
      ),
    );
  }
  blocks.push(...rulesCitedBlocks([...a.proposed.reasons, ...a.routes.routes.flatMap((r) => r.reasons)]));
  return { id: 'decisions', title: 'Summary of decisions and reasons', blocks };
}
