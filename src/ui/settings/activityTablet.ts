// The activity log's words for a tablet revoked (docs/SYNC.md, "Revoking a tablet"): from this
// tablet, or on another tablet and noted here when this one saw its notice (kept through rotations).
import type { ActivityWhat } from '../data/vault';
import { formatDate } from '../format';

export function describeTabletRevoked(what: Extract<ActivityWhat, { type: 'tablet-revoked' }>): {
  title: string;
  lines: string[];
} {
  const there = what.elsewhere;
  if (!there)
    return {
      title: `Tablet ${what.tablet} revoked`,
      lines: ['The school’s server no longer accepts it; steps it makes from now on are refused'],
    };
  return {
    title: `Tablet ${what.tablet} revoked on another tablet, noted here`,
    lines: [
      `Revoked by ${there.by} on ${there.byTablet}, ${formatDate(there.at)}: its later steps are refused here too`,
    ],
  };
}
