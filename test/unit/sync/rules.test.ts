// The server's rules (docRules.js, run by CouchDB and by each tablet) for the records that joining
// and rotations add: the establishment's encrypted copy, enrolments, and generations of what the
// data key encrypts. Append-only for these too.
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateDocUpdate } from '../../../src/storage/sync/docRules.js';
import { ruleProblem } from '../../../src/storage/sync/docs';

const b64 = (n: number) => randomBytes(n).toString('base64');
const hex64 = () => randomBytes(32).toString('hex');
/** What CouchDB says when the rules refuse a write (they throw { forbidden }), or null. */
function refusal(write: () => void): string | null {
  try {
    write();
    return null;
  } catch (e) {
    return String((e as { forbidden?: unknown }).forbidden);
  }
}

describe('the rules for joining and rotations', () => {
  it('take an establishment copy, an enrolment, and each generation of a key, log entry and destruction note', () => {
    const caseId = randomUUID();
    const gen = randomUUID();
    const entry = randomUUID();
    for (const doc of [
      { _id: `estab:${randomUUID()}`, type: 'estab', v: 1, iv: b64(12), ct: b64(3000) },
      { _id: `enrol:${randomUUID()}`, type: 'enrol', v: 1, iv: b64(12), ct: b64(200) },
      { _id: `key:case:${caseId}:${gen}`, type: 'key', v: 1, scope: 'case', of: caseId, gen, iv: b64(12), ct: b64(48) },
      { _id: `log:${entry}:${gen}`, type: 'log', v: 1, seq: 3, digest: hex64(), gen, iv: b64(12), ct: b64(90) },
      {
        _id: `tombstone:${caseId}:${gen}`,
        type: 'tombstone',
        v: 1,
        chain: caseId,
        seq: 4,
        digest: hex64(),
        gen,
        iv: b64(12),
        ct: b64(900),
      },
    ])
      expect(ruleProblem(doc)).toBeNull();
  });

  it('refuse a generation the id does not name, a name in the clear, and any change to a stored copy', () => {
    const caseId = randomUUID();
    const gen = randomUUID();
    expect(
      ruleProblem({
        _id: `key:case:${caseId}:${randomUUID()}`,
        type: 'key',
        v: 1,
        scope: 'case',
        of: caseId,
        gen,
        iv: b64(12),
        ct: b64(48),
      }),
    ).toMatch(/does not match its case/);
    expect(
      ruleProblem({
        _id: `log:${randomUUID()}`,
        type: 'log',
        v: 1,
        seq: 1,
        digest: hex64(),
        gen,
        iv: b64(12),
        ct: b64(9),
      }),
    ).toMatch(/its generation/);
    expect(
      ruleProblem({ _id: `estab:${randomUUID()}`, type: 'estab', v: 1, name: 'Dana Shah', iv: b64(12), ct: b64(30) }),
    ).toMatch(/has a field "name"/);
    expect(ruleProblem({ _id: 'estab:hillside', type: 'estab', v: 1, iv: b64(12), ct: b64(30) })).toMatch(/opaque id/);
    const stored = { _id: `estab:${randomUUID()}`, type: 'estab', v: 1, iv: b64(12), ct: b64(30) };
    expect(refusal(() => validateDocUpdate({ ...stored, ct: b64(30) }, stored, { name: 'tablet', roles: [] }))).toMatch(
      /append-only/,
    );
    expect(
      refusal(() => validateDocUpdate({ ...stored, _deleted: true }, null, { name: 'tablet', roles: [] })),
    ).toMatch(/never deleted/);
  });
});
