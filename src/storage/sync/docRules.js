// The one schema of what may be stored on the school's sync server (docs/SYNC.md), written once
// and used twice: `npm run sync:setup` installs this function's source text as the database's
// `validate_doc_update`, and the tablet runs the same function on every document it pulls.
//
// It is deliberately ES5 with no reference to anything outside its own body: CouchDB 3 runs it in
// its JavaScript engine from `toString()` (older builds ship SpiderMonkey 1.8.5, so no const, let,
// arrow functions, template strings or String.prototype.startsWith).
//
// Every document is append-only (no update, no deletion, no attachment) and carries only opaque
// ids (UUIDs), sequence numbers, digests, sizes, one time (when a disclosure was sealed) and
// base64 ciphertext: there is no field in which a name, a date of birth or a note could travel in
// the clear (docs/SECURITY.md item 4).

/**
 * CouchDB's validate_doc_update: throws `{ forbidden: reason }` to refuse a write.
 * @param {Record<string, unknown>} newDoc
 * @param {Record<string, unknown> | null} oldDoc
 * @param {{ name?: string | null, roles?: string[] } | null} userCtx
 * @returns {void}
 */
export function validateDocUpdate(newDoc, oldDoc, userCtx) {
  var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  var HEX64 = /^[0-9a-f]{64}$/;
  var B64 = /^[A-Za-z0-9+/]*={0,2}$/;
  var B64URL = /^[A-Za-z0-9_-]+$/;
  var ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
  var MAX_SEQ = 100000000;
  // Largest ciphertext per type, in base64 characters (a case step, a sealed disclosure of at most
  // 64 KiB, a signed tombstone of at most 16 KiB, a wrapped AES-256 key, the establishment's
  // keyring and settings, an enrolment bundle, a tablet's credential or a revocation notice).
  var MAX_CT = { event: 2000000, log: 200000, key: 64, disclosure: 120000, tombstone: 40000, estab: 400000, enrol: 4000, tablet: 400000 };
  // Members each type may have, besides _id and _rev (and _revisions from a replicator).
  var FIELDS = {
    event: ['type', 'v', 'chain', 'seq', 'digest', 'iv', 'ct', 'dev'],
    log: ['type', 'v', 'seq', 'digest', 'iv', 'ct', 'gen'],
    key: ['type', 'v', 'scope', 'of', 'iv', 'ct', 'gen'],
    disclosure: ['type', 'v', 'sealedAt', 'keyFingerprint', 'alg', 'epk', 'salt', 'iv', 'ct'],
    tombstone: ['type', 'v', 'chain', 'seq', 'digest', 'iv', 'ct', 'gen'],
    estab: ['type', 'v', 'iv', 'ct'],
    enrol: ['type', 'v', 'iv', 'ct'],
    tablet: ['type', 'v', 'iv', 'ct'],
  };

  // Members a record may leave out: the tablet whose chain a step is on (steps sent before several
  // tablets could share a case did not name it); the generation (the data key's epoch) of a record
  // the data key encrypts or wraps. A rotation of the data key sends each such record again as a
  // new record, <type>:<id>:<generation>, so the server never has to change one (records sent
  // before generations existed have none).
  var OPTIONAL = { event: ['dev'], key: ['gen'], log: ['gen'], tombstone: ['gen'] };

  function refuse(reason) {
    throw { forbidden: reason };
  }
  function isInt(x, min, max) {
    return typeof x === 'number' && Math.floor(x) === x && x >= min && x <= max;
  }
  function b64(x, min, max) {
    return typeof x === 'string' && x.length >= min && x.length <= max && x.length % 4 === 0 && B64.test(x);
  }

  var roles = (userCtx && userCtx.roles) || [];
  var id = newDoc._id;
  if (typeof id === 'string' && id.indexOf('_design/') === 0) {
    // Only a server admin may write design documents (CouchDB enforces that too): the setup script.
    if (roles.indexOf('_admin') === -1) refuse('Only the server administrator may change the rules.');
    return;
  }
  if (oldDoc) refuse('Record ' + id + ' is already on the server, and records are never changed (append-only).');
  if (newDoc._deleted) refuse('Records are never deleted from the server (append-only); destroyed cases are purged by the administrator.');
  if (newDoc._attachments) refuse('Attachments are never accepted.');
  if (typeof id !== 'string') refuse('A record needs an id.');

  var type = newDoc.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(FIELDS, type)) refuse('Record ' + id + ' is of no known type.');
  var allowed = FIELDS[type];
  var keys = Object.keys(newDoc);
  for (var i = 0; i < keys.length; i++) {
    var k = keys[i];
    if (k.charAt(0) === '_') continue;
    if (allowed.indexOf(k) === -1) refuse('Record ' + id + ' has a field "' + k + '" that ' + type + ' records never have.');
  }
  var optional = OPTIONAL[type] || [];
  for (var j = 0; j < allowed.length; j++) {
    if (newDoc[allowed[j]] === undefined && optional.indexOf(allowed[j]) === -1) refuse('Record ' + id + ' lacks its "' + allowed[j] + '".');
  }
  if (newDoc.v !== 1) refuse('Record ' + id + ' is of an unknown format version.');
  if (!b64(newDoc.iv, 16, 16)) refuse('Record ' + id + ' has no valid IV.');
  if (!b64(newDoc.ct, 4, MAX_CT[type])) refuse('Record ' + id + ' has no valid ciphertext, or it is too large.');

  var parts = id.split(':');
  if (newDoc.gen !== undefined && (typeof newDoc.gen !== 'string' || !UUID.test(newDoc.gen))) refuse('Record ' + id + ' has no valid generation.');
  var genPart = newDoc.gen === undefined ? '' : ':' + newDoc.gen;
  if (type === 'event' || type === 'estab' || type === 'enrol' || type === 'tablet') {
    if (parts.length !== 2 || parts[0] !== type || !UUID.test(parts[1])) refuse('Record ' + id + ' has an id that is not "' + type + ':" and an opaque id.');
  }
  if (type === 'log') {
    if (parts.length !== (genPart ? 3 : 2) || parts[0] !== type || !UUID.test(parts[1]) || id !== 'log:' + parts[1] + genPart) refuse('Record ' + id + ' has an id that is not "log:", an opaque id and its generation.');
  }
  if (type === 'event' && newDoc.dev !== undefined) {
    if (typeof newDoc.dev !== 'string' || !UUID.test(newDoc.dev)) refuse('Record ' + id + ' names no valid tablet.');
  }
  if (type === 'event' || type === 'tombstone') {
    if (typeof newDoc.chain !== 'string' || !UUID.test(newDoc.chain)) refuse('Record ' + id + ' names no valid case.');
  }
  if (type === 'event' || type === 'log') {
    if (!isInt(newDoc.seq, 1, MAX_SEQ)) refuse('Record ' + id + ' has no valid position.');
  }
  if (type === 'event' || type === 'log' || type === 'tombstone') {
    if (typeof newDoc.digest !== 'string' || !HEX64.test(newDoc.digest)) refuse('Record ' + id + ' has no valid digest.');
  }
  if (type === 'tombstone') {
    if (id !== 'tombstone:' + newDoc.chain + genPart) refuse('Record ' + id + ' has an id that does not match its case.');
    if (!isInt(newDoc.seq, 0, MAX_SEQ)) refuse('Record ' + id + ' has no valid final position.');
  }
  if (type === 'key') {
    // A case key wrapped under the establishment's data key. A new generation (the data key's epoch)
    // is a new record, key:case:<case>:<epoch>, so a rotation adds records and never changes one.
    // The key holders' wraps travel inside the encrypted `estab` records.
    if (newDoc.scope !== 'case') refuse('Record ' + id + ' wraps a key of an unknown kind.');
    if (typeof newDoc.of !== 'string' || !UUID.test(newDoc.of)) refuse('Record ' + id + ' has an id that does not match its case.');
    if (id !== 'key:case:' + newDoc.of + genPart) refuse('Record ' + id + ' has an id that does not match its case.');
  }
  if (type === 'disclosure') {
    if (parts.length !== 2 || parts[0] !== 'disclosure' || !UUID.test(parts[1])) refuse('Record ' + id + ' has an id that is not "disclosure:" and an opaque id.');
    if (typeof newDoc.sealedAt !== 'string' || !ISO.test(newDoc.sealedAt)) refuse('Record ' + id + ' has no valid sealing time.');
    if (typeof newDoc.keyFingerprint !== 'string' || !HEX64.test(newDoc.keyFingerprint)) refuse('Record ' + id + ' names no valid key.');
    if (newDoc.alg !== 'ECDH-P256+HKDF-SHA256+A256GCM') refuse('Record ' + id + ' is sealed with an unknown algorithm.');
    if (!b64(newDoc.salt, 4, 64)) refuse('Record ' + id + ' has no valid salt.');
    var epk = newDoc.epk;
    if (!epk || typeof epk !== 'object' || Object.keys(epk).length !== 4 || epk.kty !== 'EC' || epk.crv !== 'P-256') refuse('Record ' + id + ' has no valid public key.');
    if (typeof epk.x !== 'string' || typeof epk.y !== 'string' || epk.x.length !== 43 || epk.y.length !== 43 || !B64URL.test(epk.x) || !B64URL.test(epk.y)) refuse('Record ' + id + ' has no valid public key.');
  }
}
