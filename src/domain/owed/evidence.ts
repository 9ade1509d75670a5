// R10.2, R12: deletion confirmed or refused, devices held for the police, and what holds back any
// deletion while police involvement is still possible.
import { ALL, type OwedFacts, type OwedItem } from './items';

/** R12.5, R12.4: every deletion item confirmed. Once the decision refers, an unfinished plan must not be finished (never delete what may be evidence, R12.1), so it does not hold the case open. */
export function deletionOwed(f: OwedFacts): OwedItem[] {
  const { c, refers } = f;
  const out: OwedItem[] = [];
  if (c.deletion && !refers) {
    const plan = c.deletion;
    for (const i of plan.items) {
      if (plan.confirmations.some((x) => x.personId === i.personId && x.where === i.where)) continue;
      const refused = (plan.refusals ?? []).some((x) => x.personId === i.personId && x.where === i.where);
      const name = c.facts.persons.find((p) => p.id === i.personId)?.name || 'A young person';
      out.push({
        kind: 'deletion',
        rule: refused ? 'R12.4' : 'R12.5',
        text: refused
          ? `${name} refused to delete the imagery (${i.where}). Refusing is an offence the police may become involved in: follow it up, and escalate if needed.`
          : `Deletion not yet confirmed: ${name}, ${i.where}.`,
        step: 'deletion',
        ref: `${i.personId}|${i.where}`,
        since: plan.at,
        due: plan.deadline,
        blocks: ['close'],
      });
    }
  }
  return out;
}

/** R10.2: each device still held for the police. */
export function devicesOwed(f: OwedFacts): OwedItem[] {
  const { c } = f;
  const out: OwedItem[] = [];
  for (const dev of c.devices) {
    if (!dev.collected)
      out.push({
        kind: 'device',
        rule: 'R10.2',
        text: `The device "${dev.description}" is still held for the police.`,
        step: 'devices',
        ref: dev.id,
        since: dev.secured.at,
        blocks: ALL,
      });
  }
  return out;
}

/** R12.1: while police involvement is still possible, nothing is deleted. */
export function evidenceOwed(f: OwedFacts): OwedItem[] {
  const { c, d, a, refers } = f;
  const out: OwedItem[] = [];
  if (!d)
    out.push({
      kind: 'evidence',
      rule: 'R12.1',
      text: 'No decision has been recorded yet.',
      step: 'review',
      blocks: ['delete'],
    });
  if (d && refers)
    out.push({
      kind: 'evidence',
      rule: 'R12.1',
      text: 'The current decision refers the case to other agencies.',
      step: 'review',
      blocks: ['delete'],
    });
  for (const r of c.referrals) {
    if (
      (r.agency === 'mash' || r.agency === 'police' || r.agency === 'social-care') &&
      r.outcome?.nextStep === 'agency-leads'
    ) {
      out.push({
        kind: 'evidence',
        rule: 'R12.1',
        text: `The referral to ${r.to} is led by that agency.`,
        step: 'referrals',
        ref: r.id,
        blocks: ['delete'],
      });
    } else if ((r.agency === 'mash' || r.agency === 'police' || r.agency === 'social-care') && !r.outcome) {
      out.push({
        kind: 'evidence',
        rule: 'R12.1',
        text: `The referral to ${r.to} has no outcome yet.`,
        step: 'referrals',
        ref: r.id,
        blocks: ['delete'],
      });
    }
  }
  const ir = a.immediateReferral;
  if (d && ir !== 'no') {
    out.push({
      kind: 'evidence',
      rule: 'R12.1',
      text: `An immediate-referral trigger is ${ir === 'yes' ? 'present' : 'not yet ruled out'}.`,
      step: 'review',
      blocks: ['delete'],
    });
  }
  return out;
}
