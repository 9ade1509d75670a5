// The routes about particular people: the LADO for adults who work with children (KCSIE), and
// children's social care (R10.3, R10.4).
import { reason } from '../reasons';
import { isAdult } from './age';
import { youngPeople } from './triggers';
import { named, type AddRoute, type RouteFacts } from './routeParts';

/** KCSIE.lado: the LADO for an adult who works or volunteers with children (the chair of governors leads for the Headteacher). */
export function ladoRoutes(x: RouteFacts, add: AddRoute): void {
  const { facts, referenceDate } = x;
  // LADO (allegations against adults who work or volunteer with children): the source says nothing
  // of the LADO; KCSIE (national guidance) does, so its reasons cite KCSIE.lado, not R6.2.
  const adults = facts.persons.filter((p) => isAdult(p, referenceDate) === 'yes');
  for (const p of adults) {
    const works = p.worksWithChildren;
    if (works === 'staff' || works === 'volunteer' || works === 'elsewhere') {
      const lead = p.isHeadteacher ? 'chair-of-governors' : 'lado';
      add(
        'lado',
        'act-now',
        [
          reason(
            'KCSIE.lado',
            `${named(p)} is an adult who ${works === 'staff' ? 'works here' : works === 'volunteer' ? 'volunteers here' : 'works or volunteers with children'}: tell the LADO (Local Authority Designated Officer, who handles allegations against adults working with children) today.${
              p.isHeadteacher
                ? ' Because this is the Headteacher, the chair of governors leads, not the Headteacher.'
                : ''
            }`,
          ),
        ],
        { lead, persons: [p.id] },
      );
    } else if (works === 'unknown') {
      add(
        'lado',
        'consider',
        [
          reason(
            'KCSIE.lado',
            `Find out whether ${named(p)} works or volunteers with children; if so, the LADO must be told.`,
            { unknown: true },
          ),
        ],
        { persons: [p.id] },
      );
    }
  }
  // A member of staff or a volunteer whose age or adulthood is not known: at least consider the LADO.
  for (const p of facts.persons.filter(
    (x) =>
      isAdult(x, referenceDate) === 'unknown' &&
      (x.worksWithChildren === 'staff' || x.worksWithChildren === 'volunteer'),
  )) {
    add(
      'lado',
      'consider',
      [
        reason(
          'KCSIE.lado',
          `${named(p)} ${p.worksWithChildren === 'staff' ? 'works here' : 'volunteers here'} and their age is not recorded: if they are an adult, tell the LADO today${p.isHeadteacher ? ' (the chair of governors leads, because this is the Headteacher)' : ''}.`,
          { unknown: true },
        ),
      ],
      { lead: p.isHeadteacher ? 'chair-of-governors' : 'lado', persons: [p.id] },
    );
  }
}

/** R10.3, R10.4: children's social care contacted whatever the route, and referred when wider concerns meet the threshold. */
export function socialCareRoutes(x: RouteFacts, add: AddRoute): void {
  const { facts, referenceDate } = x;
  // R10.3: children's social care is, may be or has been involved: contact them, whatever the route.
  const yp = youngPeople(facts.persons, referenceDate);
  const known = yp.filter((p) => p.socialCare === 'current' || p.socialCare === 'past' || p.socialCare === 'possible');
  if (known.length > 0) {
    add(
      'social-care-contact',
      'recommended',
      [
        reason(
          'R10.3',
          `Children's social care is, may be or has been involved with ${known.map(named).join(', ')}: contact them, whatever the route, even if the school manages the incident.`,
        ),
      ],
      { persons: known.map((p) => p.id) },
    );
  }
  const unknownCare = yp.filter((p) => p.socialCare === undefined || p.socialCare === 'unknown');
  if (unknownCare.length > 0) {
    add('social-care-contact', 'consider', [
      reason(
        'R10.3',
        `Not yet known whether children's social care knows ${unknownCare.map(named).join(', ')}. If it does, contact them whatever the route.`,
        { unknown: true },
      ),
    ]);
  }
  // R10.4: wider concerns that meet the threshold.
  if (facts.widerConcernsMeetThreshold === 'yes') {
    add('social-care-referral', 'recommended', [
      reason(
        'R10.4',
        "Wider concerns meet the threshold: refer to children's social care under child protection procedures.",
      ),
    ]);
  } else if (facts.widerConcernsMeetThreshold === 'unknown') {
    add('social-care-referral', 'consider', [
      reason(
        'R10.4',
        "Not yet known whether wider concerns meet the threshold for children's social care; if they do, refer under child protection procedures.",
        { unknown: true },
      ),
    ]);
  }
}
