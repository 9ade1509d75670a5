// The answers the Referrals page offers: to whom, advice from whom, and what happens after an outcome.
import type { AdviceAgency, ReferralAgency, ReferralNextStep } from '../../../domain/events';

export const AGENCIES: { value: ReferralAgency; label: string }[] = [
  { value: 'mash', label: 'The MASH (children’s social care front door)' },
  { value: 'police', label: 'The police' },
  { value: 'social-care', label: "Children's social care (direct)" },
  { value: 'lado', label: 'The LADO (allegation against an adult who works with children)' },
  { value: 'chair-of-governors', label: 'The chair of governors (the allegation is about the Headteacher)' },
];

export const ADVICE_FROM: { value: AdviceAgency; label: string }[] = [
  { value: 'mash', label: 'The MASH' },
  { value: 'police', label: 'The police' },
  { value: 'social-care', label: "Children's social care" },
  { value: 'lado', label: 'The LADO' },
];

export const NEXT: { value: ReferralNextStep; label: string }[] = [
  { value: 'agency-leads', label: 'The agency leads; the school supports' },
  { value: 'return-to-school', label: 'Returned to the school to manage' },
  { value: 'no-further-action', label: 'No further action by the agency' },
];
