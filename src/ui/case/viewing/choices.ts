// The viewing steps' choices (grounds R11.2, safeguards R11.3), their labels, and where each answer is shown.
import type { ViewingGround, ViewingSafeguards } from '../../../domain/events';
import { choiceId } from '../../components';
import { type FieldIds } from '../../data/useStep';
import { signatureNameId } from '../../signature/SignaturePad';

export type Path = 'consider' | 'record' | 'unavoidable' | 'support';

export const GROUNDS: { value: ViewingGround; label: string; hint?: string }[] = [
  { value: 'only-way-to-decide', label: 'It is the only way to decide whether to involve other agencies' },
  { value: 'report-takedown', label: 'It is necessary to report the image for take-down, or to support a report' },
  {
    value: 'unavoidable',
    label: 'It is unavoidable',
    hint: 'If it has already been seen, choose “It was seen unavoidably” above instead.',
  },
  {
    value: 'device-search',
    label: 'A device must be searched for the imagery',
    hint: 'Searching a device is viewing (R12.2): the same safeguards apply, and it is recorded here.',
  },
];

export const GROUND_LABELS: Record<ViewingGround, string> = {
  'only-way-to-decide': 'The only way to decide whether to involve other agencies',
  'report-takedown': 'Necessary to report for take-down',
  unavoidable: 'Unavoidable',
  'device-search': 'Searching a device (R12.2)',
};

/** R11.3 (and R11.1), one checkbox each, in the order a DSL goes through them. */
export const SAFEGUARDS: { key: keyof ViewingSafeguards; label: string }[] = [
  { key: 'discussedWithHeadteacher', label: 'The decision to view has been discussed with the Headteacher' },
  {
    key: 'viewerAuthorised',
    label:
      'The person viewing is the DSL, or a member of the safeguarding team with delegated authority from the Headteacher',
  },
  {
    key: 'secondStaffPresent',
    label:
      'Another member of staff will be present, ideally the Headteacher or a senior leader (they need not view it)',
  },
  {
    key: 'onPremises',
    label: 'It will be viewed on the premises, ideally in the Headteacher’s or a senior leader’s office',
  },
  { key: 'sameSexWherePossible', label: 'The viewer is the same sex as the young person, where possible' },
  { key: 'noCopyPrintShare', label: 'Nobody will copy, print or share the imagery: that is illegal' },
  {
    key: 'noSignificantDistress',
    label: 'Viewing will not cause the young person significant distress or harm (R11.1)',
  },
];

export const SAFEGUARD_LABELS = Object.fromEntries(SAFEGUARDS.map((s) => [s.key, s.label])) as Record<
  keyof ViewingSafeguards,
  string
>;

/** Where this page shows each answer the viewing steps' reasons can name (src/domain/reasons.ts). */
export const VIEWING_FIELDS = {
  grounds: 'grounds',
  reason: 'viewing-reason',
  factsNotFromYoungPeople: 'facts-not-from-yp',
  ...(Object.fromEntries(SAFEGUARDS.map((g, i) => [`safeguards.${g.key}`, choiceId('safeguards', i)])) as Record<
    `safeguards.${keyof ViewingSafeguards}`,
    string
  >),
  viewer: 'viewer',
  why: 'why',
  actions: 'actions',
  witness: 'witness',
  viewerSignature: signatureNameId('viewer-signature'),
  witnessSignature: signatureNameId('witness-signature'),
  to: 'support-to',
} satisfies FieldIds;

export const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** What the page can record next; recording a justified viewing is offered once one waits for its record. */
export function pathItems(hasPending: boolean): { value: Path; label: string; hint: string }[] {
  return [
    {
      value: 'consider',
      label: 'Viewing is being considered',
      hint: 'Before anyone views it: the grounds, the reason and every safeguard (R11.2, R11.3).',
    },
    ...(hasPending
      ? [
          {
            value: 'record' as const,
            label: 'Record a viewing that was justified',
            hint: 'After the viewing: who was present, why, what followed, and the viewer’s and witness’s signatures (R11.4).',
          },
        ]
      : []),
    {
      value: 'unavoidable',
      label: 'It was seen unavoidably',
      hint: 'A young person showed it to staff, or it was found on a school device or network. Record it after the fact (R11.4).',
    },
    {
      value: 'support',
      label: 'Support offered to staff who viewed',
      hint: 'Offer support to anyone who viewed it, including unavoidably (R11.5).',
    },
  ];
}

/** The button that records each step. */
export const PATH_BUTTON: Record<Path, string> = {
  consider: 'Record why viewing is justified',
  record: 'Record the viewing',
  unavoidable: 'Record the viewing after the fact',
  support: 'Record the support offered',
};
