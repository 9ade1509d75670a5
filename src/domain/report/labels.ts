// The words a report shows for each closed value of a ReportRow.
import type { ReferralAgency, ReferralNextStep } from '../events';
import { type DueKind } from '../summary';
import { type RouteId, type Sex, type Typology } from '../types';
import { type YearGroup, type NonReferralState } from './row';

export const TYPOLOGY_LABELS: Record<Typology | 'none', string> = {
  experimental: 'Experimental',
  aggravated: 'Aggravated',
  none: 'No decision yet',
};

export const REPORT_ROUTE_LABELS: Record<RouteId, string> = {
  'mash-referral': 'Referred to the MASH',
  police: 'Police told',
  'social-care-contact': "Children's social care contacted",
  'social-care-referral': "Referred to children's social care",
  lado: 'LADO told',
  'risk-assessment': 'Risks assessed',
  'mash-advice': 'MASH asked for advice',
  'school-manage': 'Managed by the school',
};

export const SEX_LABELS: Record<Sex, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other or prefer not to say',
  'not-known': 'Not known',
  'not-recorded': 'Not recorded',
};

export const AGENCY_LABELS: Record<ReferralAgency, string> = {
  mash: 'The MASH',
  police: 'The police',
  'social-care': "Children's social care",
  lado: 'The LADO',
  'chair-of-governors': 'The chair of governors',
};

export const OUTCOME_LABELS: Record<ReferralNextStep | 'awaited', string> = {
  'agency-leads': 'The agency leads',
  'return-to-school': 'Returned to the school to manage',
  'no-further-action': 'No further action',
  awaited: 'Outcome not yet recorded',
};

export const NON_REFERRAL_LABELS: Record<NonReferralState, string> = {
  signed: 'Signed off by the Headteacher',
  awaiting: 'Awaiting Headteacher sign-off',
  'superseded-unsigned': 'Replaced by a later decision before sign-off',
};

export const DUE_LABELS: Record<DueKind, string> = {
  escalation: 'Escalated: referral to make',
  'unsigned-decision': 'Decision not to refer awaiting sign-off',
  'referral-outcome': 'Referral outcome to record',
  'deletion-deadline': 'Deletions to confirm',
  'device-collection': 'Device held for the police',
  'new-decision': 'A new decision is needed',
  'act-now': 'Referral to make now',
  liaison: 'Liaison with an agency to record',
};

export function yearGroupLabel(y: YearGroup | null): string {
  return y === null ? 'Not recorded' : y === 0 ? 'Reception' : `Year ${y}`;
}
