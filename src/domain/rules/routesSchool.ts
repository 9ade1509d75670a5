// The school's own response: the further risk assessment when not referred at R6 (R8), and managing
// the incident in school when the policy allows it (R7.1, R7.3, R17, R14.3, R6.9).
import { reason, type Reason } from '../reasons';
import type { AddRoute, RouteFacts } from './routeParts';

/** R8, R7.1, R7.3, R17: the further risk assessment when not referred at R6, and the school managing the incident when it may. */
export function schoolRoutes(x: RouteFacts, add: AddRoute, schoolMayManage: boolean): void {
  const { typology, triggers, immediateReferral } = x;
  // R8: the further risk assessment when the case is not referred at R6.
  if (immediateReferral !== 'yes') {
    add('risk-assessment', 'recommended', [
      reason(
        'R8',
        'Before deciding to manage this in school, the DSL reviews the facts further, including talking with the young people, and assesses the risks.',
      ),
    ]);
  }

  if (schoolMayManage) {
    const reasons: Reason[] = [];
    const under13 = triggers.find((t) => t.id === 'R17.under13');
    if (typology === 'experimental' && under13?.applies) {
      reasons.push(
        reason(
          'R17.under13',
          'A child 12 or under is involved and cannot consent in law (R3.1). Only after liaising with the MASH, and if they agree: a single-agency response or Early Help.',
          {
            reading: 'R17.under13',
          },
        ),
      );
    } else if (typology === 'experimental') {
      reasons.push(
        reason(
          'R17',
          'Experimental, with none of the immediate-referral triggers: a single-agency response, or a multi-agency response through an Early Help assessment.',
        ),
      );
      reasons.push(
        reason('R7.3', 'Experimental incidents (consensual, no malice) may be managed directly by the school.'),
      );
    } else {
      reasons.push(
        reason(
          'R17',
          'The flowchart allows a single-agency or Early Help response for aggravated incidents at low or medium risk; see the conflict with R7.3 under "liaise with the MASH".',
          { reading: 'R17.conflict' },
        ),
      );
    }
    reasons.push(
      reason(
        'R7.1',
        'Only if the DSL is confident they know enough to assess the risks and can manage them within pastoral support and discipline.',
      ),
    );
    reasons.push(reason('R14.3', 'Not referring is recorded with its reason and signed off by the Headteacher.'));
    reasons.push(reason('R6.9', 'Re-check the triggers whenever new facts arrive; escalate at once if any applies.'));
    add('school-manage', 'option', reasons);
  }
}
