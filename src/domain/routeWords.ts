// The words for the policy's routes (R6, R7): one title and one plain explanation for each, said
// the same way on every screen and in the PDF record (issue 14 item 5). Wording only: which routes
// apply, and how strongly, is decided in rules/routes.ts. The period report counts what was done
// and says it in the past tense (report.ts REPORT_ROUTE_LABELS).
import type { RouteId } from './types';

export interface RouteWords {
  /** What to do, as the screens list it and the PDF records it ("Tell the LADO"). */
  title: string;
  /** One or two sentences a DSL reads under the title. */
  explain: string;
}

export const ROUTE_WORDS: Record<RouteId, RouteWords> = {
  'mash-referral': {
    title: 'Refer to the MASH now',
    explain:
      "The MASH (Multi-Agency Safeguarding Hub) is the front door to children's social care, with the police and health. Phone them now. Police will be informed.",
  },
  police: { title: 'Tell the police', explain: 'Call 999 if someone is in danger now; otherwise 101.' },
  'social-care-contact': {
    title: "Contact children's social care",
    explain:
      "Children's social care already knows, may know, or has known this young person: tell them, whatever the route.",
  },
  'social-care-referral': {
    title: "Refer to children's social care",
    explain: 'Wider concerns meet the threshold for child protection procedures.',
  },
  lado: {
    title: 'Tell the LADO',
    explain:
      'The LADO (Local Authority Designated Officer) handles allegations against adults who work or volunteer with children.',
  },
  'risk-assessment': {
    title: 'Assess the risks',
    explain: 'Apply the local risk tool, and review the facts further, including talking with the young people.',
  },
  'mash-advice': {
    title: 'Ask the MASH for advice',
    explain:
      'Liaise with the MASH when in doubt. The police cannot give general advice: once names or specifics are given, they must record and investigate.',
  },
  'school-manage': {
    title: 'The school may manage this',
    explain:
      'A single-agency response, or a multi-agency response through an Early Help assessment (local support for the family, below the threshold for social care).',
  },
};

/** A route's title ("The school may manage this"). */
export const routeTitle = (route: RouteId): string => ROUTE_WORDS[route].title;
