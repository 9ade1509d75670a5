// One well-formed document of each kind the sync server takes (ciphertext is random bytes).
import { randomBytes, randomUUID } from 'node:crypto';

const b64 = (n: number) => randomBytes(n).toString('base64');
const hex64 = () => randomBytes(32).toString('hex');
const b64url = (n: number) => randomBytes(n).toString('base64url');

export function sampleDocs() {
  const caseId = randomUUID();
  return {
    event: {
      _id: `event:${randomUUID()}`,
      type: 'event',
      v: 1,
      chain: caseId,
      seq: 1,
      digest: hex64(),
      iv: b64(12),
      ct: b64(300),
    },
    log: { _id: `log:${randomUUID()}`, type: 'log', v: 1, seq: 1, digest: hex64(), iv: b64(12), ct: b64(120) },
    caseKey: { _id: `key:case:${caseId}`, type: 'key', v: 1, scope: 'case', of: caseId, iv: b64(12), ct: b64(48) },
    disclosure: {
      _id: `disclosure:${randomUUID()}`,
      type: 'disclosure',
      v: 1,
      sealedAt: '2026-03-02T09:15:00.000Z',
      keyFingerprint: hex64(),
      alg: 'ECDH-P256+HKDF-SHA256+A256GCM',
      epk: { kty: 'EC', crv: 'P-256', x: b64url(32), y: b64url(32) },
      salt: b64(33),
      iv: b64(12),
      ct: b64(900),
    },
    tombstone: {
      _id: `tombstone:${caseId}`,
      type: 'tombstone',
      v: 1,
      chain: caseId,
      seq: 7,
      digest: hex64(),
      iv: b64(12),
      ct: b64(1200),
    },
  };
}
