// The integrity checks' entry: the record hash printed on an exported record. The quick check at unlock is in
// quickVerify.ts (only what is new since the last checkpoint), the full one that names the first bad event in fullVerify.ts.
import type { CaseEvent } from '../../domain/events';
import { canonicalJson } from '../../codec/canonical';
import { sha256Hex } from '../crypto';

export type { IntegrityProblem, TamperKind } from './integrityTypes';

/** SHA-256 of the canonical JSON of an event log: the record hash printed on an exported record. */
export async function recordHash(events: readonly CaseEvent[]): Promise<string> {
  return sha256Hex(canonicalJson(events));
}

// The checks, for callers that import them from here.
export { quickVerify } from './quickVerify';
export { fullVerify } from './fullVerify';
export type { VerifyReport } from './verifyShared';
