// R7.4, R10.3: the liaisons the policy recommends (the MASH's advice, children's social care), and
// the contact with social care the decision chose.
import { seqOf, type Stamp } from '../case';
import { onsetOf } from './decision';
import type { OwedFacts, OwedItem } from './items';

/** R7.4, R10.3: liaisons the policy recommends now, with no record made after their causes arose; and a contact the decision chose. */
export function liaisonOwed(f: OwedFacts, sofar: readonly OwedItem[]): OwedItem[] {
  const { c, d, a } = f;
  const out: OwedItem[] = [];
  for (const r of d ? a.routes : []) {
    if (r.strength !== 'act-now' && r.strength !== 'recommended') continue;
    const onset = onsetOf(c, r.route);
    const after = (s: Stamp) => seqOf(s) > onset;
    if (r.route === 'mash-advice') {
      const liaised =
        (c.advice ?? []).some((x) => x.agency === 'mash' && after(x)) ||
        c.referrals.some((x) => x.agency === 'mash' && after(x)) ||
        c.decisions.some((x) => x.consultation?.agency === 'mash' && after(x));
      if (!liaised) {
        out.push({
          kind: 'liaison',
          rule: 'R7.4',
          text: 'Liaising with the MASH for advice is recommended: record who you spoke to and what they advised.',
          step: 'referrals',
          route: r.route,
          blocks: ['close'],
        });
      }
    }
    if (r.route === 'social-care-contact') {
      const contacted =
        c.socialCareContacts.some(after) ||
        (c.advice ?? []).some((x) => x.agency === 'social-care' && after(x)) ||
        c.referrals.some((x) => (x.agency === 'social-care' || x.agency === 'mash') && after(x));
      if (!contacted) {
        out.push({
          kind: 'liaison',
          rule: 'R10.3',
          text: "Children's social care is, may be or has been involved: contact them before the case is closed, whatever the route.",
          step: 'social-care',
          route: r.route,
          blocks: ['close'],
        });
      }
    }
  }
  // The decision chose a contact with social care: recorded (R10.3).
  if (d?.routes.includes('social-care-contact') && ![...sofar, ...out].some((x) => x.route === 'social-care-contact')) {
    if (
      c.socialCareContacts.length === 0 &&
      !(c.advice ?? []).some((x) => x.agency === 'social-care') &&
      !c.referrals.some((r) => r.agency === 'social-care' || r.agency === 'mash')
    ) {
      out.push({
        kind: 'liaison',
        rule: 'R10.3',
        text: "Contact with children's social care is not recorded.",
        step: 'social-care',
        route: 'social-care-contact',
        blocks: ['close'],
      });
    }
  }
  return out;
}
