// Owns the record hash: SHA-256 of the case's canonical event log, so anyone holding the case (or
// the sharing copy's log) can recompute the hash printed on every page of its PDF.
import type { CaseEvent } from '../domain/events';
import { canonicalJson } from '../codec/canonical';
import { sha256Hex } from '../codec/digest';

/** Lower-case hex SHA-256 of canonicalJson(events): the events array, in log order. Pure (WebCrypto). */
export function recordHash(events: readonly CaseEvent[]): Promise<string> {
  return sha256Hex(canonicalJson(events));
}
