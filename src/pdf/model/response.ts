// The response after the decision: referrals, risk assessments, parents, conversations, viewing,
// deletion, devices, social care, removals, support, sign-offs and closure, each as recorded.
import type { CaseRecord } from '../../domain/case';
import { ROLE_LABELS } from '../../domain/stages';
import {
  AGENCY_TEXT,
  GROUND_TEXT,
  NEXT_STEP_TEXT,
  PARENTS_TEXT,
  REMOVAL_SERVICE_TEXT,
  SAFEGUARD_TEXT,
  yesNo,
} from './labels';
import { formatDate, orNot } from './format';
import { fields, h, none, p, personName, row, stampText, when, type Ctx } from './parts';
import type { Block, Section } from './types';
import type { ViewingSafeguards } from '../../domain/events';

const section = (id: string, title: string, blocks: Block[], empty = 'None recorded.'): Section => ({
  id,
  title,
  blocks: blocks.length ? blocks : [none(empty)],
});

export function referralsSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks: Block[] = [];
  for (const r of c.referrals) {
    blocks.push(h(`${AGENCY_TEXT[r.agency] ?? r.agency}: ${r.to}`));
    blocks.push(
      fields([
        row('Reference number', orNot(r.reference, 'None given')),
        r.phone ? row('Phone', r.phone) : null,
        r.note ? row('Note', r.note) : null,
        row('Referred', stampText(ctx, r)),
        row('Outcome', r.outcome ? r.outcome.text : 'Awaited'),
        r.outcome ? row('Next step', NEXT_STEP_TEXT[r.outcome.nextStep] ?? r.outcome.nextStep) : null,
        r.outcome ? row('Outcome recorded', stampText(ctx, r.outcome)) : null,
      ]),
    );
  }
  return section('referrals', 'Referrals', blocks, 'No referral has been recorded.');
}

export function riskSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks: Block[] = [];
  for (const r of c.riskAssessments) {
    blocks.push(h(`${r.tool}: ${r.level} risk`));
    const answers = Object.entries(r.answers).filter(([, v]) => v.trim());
    blocks.push(fields([...answers.map(([k, v]) => row(k, v)), row('Recorded', stampText(ctx, r))]));
  }
  return section('risk', 'Risk assessments', blocks);
}

export function parentsSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks: Block[] = [];
  for (const [personId, x] of Object.entries(c.parents)) {
    blocks.push(h(`Parents and carers of ${personName(ctx, personId)}`));
    blocks.push(
      fields([
        row('Decision', PARENTS_TEXT[x.decision] ?? x.decision),
        x.informedBy ? row('Informed by', x.informedBy) : null,
        x.reason ? row('Reason', x.reason) : null,
        x.agreedWith && x.agreedWith !== 'none'
          ? row('Decided with (R9.2)', x.agreedWith === 'mash' ? 'The MASH' : 'The police')
          : null,
        row('Recorded', stampText(ctx, x)),
      ]),
    );
  }
  return section('parents', 'Parents and carers', blocks);
}

export function conversationsSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks: Block[] = [];
  for (const x of c.conversations) {
    blocks.push(h(`Conversation with ${personName(ctx, x.personId)}`));
    blocks.push(
      fields([
        row('Conducted by', x.conductedBy),
        row('Summary', orNot(x.summary)),
        row('Recorded', stampText(ctx, x)),
      ]),
    );
  }
  return section('conversations', 'Conversations with the young people (R13.1)', blocks);
}

export function viewingSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks: Block[] = [];
  c.viewings.forEach((v, i) => {
    blocks.push(h(`Viewing ${i + 1}`));
    const j = v.justification;
    if (j) {
      blocks.push(
        fields([
          row('Grounds (R11.2)', j.grounds.map((g) => GROUND_TEXT[g] ?? g).join('; ') || 'None recorded'),
          row('Why', orNot(j.reason)),
          ...(Object.keys(SAFEGUARD_TEXT) as (keyof ViewingSafeguards)[]).map((k) =>
            row(SAFEGUARD_TEXT[k], yesNo(j.safeguards[k])),
          ),
          j.factsNotFromYoungPeople !== undefined
            ? row('The facts could not be had from the young people', yesNo(j.factsNotFromYoungPeople))
            : null,
          row('Justified', stampText(ctx, j)),
        ]),
      );
    } else {
      blocks.push(p('No justification was recorded before this viewing.', 'small'));
    }
    const r = v.record;
    if (r) {
      blocks.push(
        fields([
          row('Recorded after the fact (unavoidable)', r.unavoidable ? 'Yes' : 'No'),
          row('Viewer', orNot(r.viewer)),
          row('Witness', orNot(r.witness, 'None')),
          row('Present', r.present.length ? r.present.join('; ') : 'Not recorded'),
          row('Why it was viewed (R11.4)', orNot(r.why)),
          row('Actions afterwards', orNot(r.actions)),
          row('Recorded', stampText(ctx, r)),
        ]),
      );
      blocks.push({ kind: 'signature', caption: `Viewer: ${r.viewerSignature.name}`, mark: r.viewerSignature });
      if (r.witness.trim())
        blocks.push({ kind: 'signature', caption: `Witness: ${r.witnessSignature.name}`, mark: r.witnessSignature });
    } else {
      blocks.push(p('The viewing itself has not been recorded.', 'small'));
    }
  });
  return section('viewing', 'Viewing record (R11)', blocks, 'The imagery has not been viewed: no viewing is recorded.');
}

export function deletionSection(c: CaseRecord, ctx: Ctx): Section {
  const d = c.deletion;
  if (!d) return section('deletion', 'Deletion (R12)', [], 'No deletion has been planned.');
  const confirmed = (personId: string, where: string) =>
    d.confirmations.find((x) => x.personId === personId && x.where === where);
  const blocks: Block[] = [
    fields([
      row('Deadline (R12.3)', formatDate(d.deadline)),
      row('Reminded that possession is illegal (R12.4)', yesNo(d.illegalityReminderGiven)),
      row('Planned', stampText(ctx, d)),
    ]),
    h('Confirmations (R12.2)'),
    fields(
      d.items.map((i) => {
        const x = confirmed(i.personId, i.where);
        return row(
          `${personName(ctx, i.personId)}: ${i.where}`,
          x ? `Confirmed: ${x.how} (${stampText(ctx, x)})` : 'Not confirmed yet',
        );
      }),
    ),
  ];
  return section('deletion', 'Deletion (R12)', blocks);
}

export function devicesSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks: Block[] = [];
  for (const d of c.devices) {
    blocks.push(h(d.description));
    blocks.push(
      fields([
        d.ownerPersonId ? row('Belongs to', personName(ctx, d.ownerPersonId)) : null,
        row('Switched off', yesNo(d.switchedOff)),
        row('Locked away (R10.2)', yesNo(d.lockedAway)),
        row('Where', orNot(d.where)),
        row('Secured', stampText(ctx, d.secured)),
        row(
          'Collected by the police',
          d.collected
            ? `${d.collected.collectedBy}${d.collected.reference ? `, reference ${d.collected.reference}` : ''} (${stampText(ctx, d.collected)})`
            : 'Not yet',
        ),
      ]),
    );
  }
  return section('devices', 'Devices secured', blocks);
}

export function socialCareSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks = c.socialCareContacts.map((x) =>
    fields([row('Contacted', x.to), row('Outcome', orNot(x.outcome)), row('Recorded', stampText(ctx, x))]),
  );
  return section('social-care', "Children's social care (R10.3)", blocks);
}

export function removalsSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks = c.removals.map((x) =>
    fields([
      row(
        'Service',
        x.service === 'platform' && x.platform
          ? `${REMOVAL_SERVICE_TEXT.platform}: ${x.platform}`
          : (REMOVAL_SERVICE_TEXT[x.service] ?? x.service),
      ),
      row('Note', orNot(x.note)),
      row('Recorded', stampText(ctx, x)),
    ]),
  );
  return section('removals', 'Online reporting and removal (R15)', blocks);
}

export function supportSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks = c.supportOffered.map((x) =>
    fields([row('Offered to', x.to), x.note ? row('Note', x.note) : null, row('Recorded', stampText(ctx, x))]),
  );
  return section('support', 'Support offered to staff (R11.5)', blocks);
}

export function signOffsSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks: Block[] = [];
  for (const s of c.signOffs) {
    const decision = c.decisions.find((d) => d.decisionId === s.decisionId);
    blocks.push(
      fields([
        row(
          'Decision signed',
          decision ? `The decision of ${when(ctx, decision.at)}: ${decision.typology}` : `Decision ${s.decisionId}`,
        ),
        row('Signed by', `${s.signature.name} (${ROLE_LABELS[s.by.role] ?? s.by.role})`),
        s.inPlaceOfHeadteacher ? row('In place of the Headteacher', s.inPlaceOfHeadteacher) : null,
        row('Signed', when(ctx, s.at)),
        row('Recorded', stampText(ctx, s)),
      ]),
    );
    blocks.push({ kind: 'signature', caption: `Signature of ${s.signature.name}`, mark: s.signature });
  }
  return section('signoffs', 'Sign-offs (R14.3)', blocks);
}

export function closureSection(c: CaseRecord, ctx: Ctx): Section {
  const blocks: Block[] = [];
  for (const x of c.escalations)
    blocks.push(fields([row('Escalated', orNot(x.reason)), row('Recorded', stampText(ctx, x))]));
  for (const x of c.closures)
    blocks.push(fields([row('Closed', orNot(x.summary)), row('Recorded', stampText(ctx, x))]));
  for (const x of c.reopenings)
    blocks.push(fields([row('Reopened', orNot(x.reason)), row('Recorded', stampText(ctx, x))]));
  return section('closure', 'Escalation, closure and reopening', blocks);
}
