#!/usr/bin/env node
// Sets up, and administers, the school's sync server: an Apache CouchDB 3 database that holds the
// tablets' encrypted records and nothing else (docs/SYNC.md). Run by the school's IT with the
// server's admin credential, which never reaches a tablet.
//
//   npm run sync:setup -- URL                     create the database, its rules and its members
//   npm run sync:setup -- add-tablet URL NAME     a CouchDB user for one tablet (prints its password once)
//   npm run sync:setup -- revoke-tablet URL NAME  that tablet is refused from now on
//   npm run sync:setup -- purge URL CASE_ID [DISCLOSURE_DOC ...]
//                                                erase a destroyed case's records from the server
//                                                (and the sealed disclosures it was opened from)
//
// URL is the database's address with the admin credential, e.g.
// https://admin:secret@couch.example.sch.uk:6984/ypsi-hillside, or without it and with
// COUCHDB_USER and COUCHDB_PASSWORD set.
import { randomBytes } from 'node:crypto';
import { validateDocUpdate } from '../src/storage/sync/docRules.js';

export const DESIGN_DOC_ID = '_design/ypsi-sync';
/** Bumped whenever docRules.js changes, so a re-run says whether it upgraded the rules. */
export const RULES_VERSION = 2;
const TABLET_NAME = /^[a-z0-9][a-z0-9-]{2,62}$/;
const DB_NAME = /^[a-z][a-z0-9_$()+/-]*$/;

export class SetupError extends Error {}

/** Splits URL into the server root, the database name and an Authorization header. */
export function parseTarget(url, env = process.env) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new SetupError(`"${url}" is not a URL. Give the database's address, e.g. https://couch.example.sch.uk:6984/ypsi-hillside`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new SetupError('The URL must start with https:// (or http:// on this machine only).');
  if (u.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
    throw new SetupError('Use https:// for a server on another machine: the tablets\u2019 credentials must not travel in the clear.');
  }
  const db = decodeURIComponent(u.pathname.replace(/^\/+|\/+$/g, ''));
  if (!db || !DB_NAME.test(db)) throw new SetupError('The URL must end with the database name (lower-case letters, digits, and _$()+-/; starting with a letter), e.g. /ypsi-hillside');
  const user = u.username ? decodeURIComponent(u.username) : env.COUCHDB_USER;
  const password = u.password ? decodeURIComponent(u.password) : env.COUCHDB_PASSWORD;
  if (!user || !password) throw new SetupError('Give the server admin\u2019s name and password in the URL (https://admin:secret@host/db) or in COUCHDB_USER and COUCHDB_PASSWORD.');
  const root = `${u.protocol}//${u.host}`;
  const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return { root, db, auth, display: `${root}/${db}` };
}

async function call(target, method, path, body) {
  const res = await fetch(`${target.root}${path}`, {
    method,
    headers: { Authorization: target.auth, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { error: 'not_json', reason: text.slice(0, 200) };
  }
  return { status: res.status, json };
}

function fail(what, r) {
  if (r.status === 401) return new SetupError(`${what}: the server did not accept the admin name and password.`);
  if (r.status === 403) return new SetupError(`${what}: that user is not a server admin.`);
  return new SetupError(`${what}: the server answered ${r.status} ${r.json?.error ?? ''} ${r.json?.reason ?? ''}`.trim());
}

const dbPath = (t) => `/${encodeURIComponent(t.db)}`;

/** The design document: the append-only rules as CouchDB's validate_doc_update. */
export function designDocument() {
  return {
    _id: DESIGN_DOC_ID,
    rulesVersion: RULES_VERSION,
    language: 'javascript',
    validate_doc_update: validateDocUpdate.toString(),
  };
}

async function readSecurity(t) {
  const r = await call(t, 'GET', `${dbPath(t)}/_security`);
  if (r.status !== 200) throw fail('Reading who may use the database', r);
  return r.json ?? {};
}

/** Tablets (CouchDB users) that are members, no database admins: only the server admin administers. */
async function writeSecurity(t, names) {
  const security = { admins: { names: [], roles: [] }, members: { names: [...new Set(names)].sort(), roles: [] } };
  const r = await call(t, 'PUT', `${dbPath(t)}/_security`, security);
  if (r.status !== 200) throw fail('Setting who may use the database', r);
  return security;
}

/** Creates (or brings up to date) the database, its rules and its security object. Safe to re-run. */
export async function setUpDatabase(t) {
  const lines = [];
  const up = await call(t, 'GET', '/');
  if (up.status !== 200) throw fail(`Reaching ${t.root}`, up);
  const exists = await call(t, 'GET', dbPath(t));
  if (exists.status === 404) {
    const made = await call(t, 'PUT', dbPath(t));
    if (made.status !== 201 && made.status !== 202) throw fail(`Creating the database ${t.db}`, made);
    lines.push(`Created the database ${t.display}.`);
  } else if (exists.status === 200) {
    lines.push(`The database ${t.display} exists already.`);
  } else {
    throw fail(`Looking for the database ${t.db}`, exists);
  }
  const current = await call(t, 'GET', `${dbPath(t)}/${DESIGN_DOC_ID}`);
  const doc = designDocument();
  if (current.status === 200 && current.json.validate_doc_update === doc.validate_doc_update) {
    lines.push('Its rules (append-only, ciphertext only) are already in place.');
  } else {
    const body = current.status === 200 ? { ...doc, _rev: current.json._rev } : doc;
    const put = await call(t, 'PUT', `${dbPath(t)}/${DESIGN_DOC_ID}`, body);
    if (put.status !== 201 && put.status !== 202) throw fail('Installing the rules (design document)', put);
    lines.push(current.status === 200 ? 'Updated its rules (append-only, ciphertext only).' : 'Installed its rules (append-only, ciphertext only).');
  }
  const security = await readSecurity(t);
  const members = Array.isArray(security.members?.names) ? security.members.names : [];
  await writeSecurity(t, members);
  lines.push(members.length ? `Members (tablets): ${members.join(', ')}.` : 'No tablet may use it yet: add one with add-tablet.');
  return lines;
}

function checkTabletName(name) {
  if (!name || !TABLET_NAME.test(name)) throw new SetupError('A tablet name is 3-63 lower-case letters, digits and hyphens, e.g. hillside-dsl-tablet-1. Use a name that says which tablet, never whose.');
}

/** Creates a CouchDB user for one tablet with a fresh random password, and makes it a member. */
export async function addTablet(t, name, password = randomBytes(24).toString('base64url')) {
  checkTabletName(name);
  const id = `org.couchdb.user:${name}`;
  const existing = await call(t, 'GET', `/_users/${encodeURIComponent(id)}`);
  if (existing.status === 200) throw new SetupError(`A user called ${name} exists already. Revoke it first, or choose another name.`);
  const put = await call(t, 'PUT', `/_users/${encodeURIComponent(id)}`, { _id: id, name, password, roles: [], type: 'user' });
  if (put.status !== 201 && put.status !== 202) throw fail(`Creating the user ${name}`, put);
  const security = await readSecurity(t);
  const members = Array.isArray(security.members?.names) ? security.members.names : [];
  await writeSecurity(t, [...members, name]);
  return { name, password };
}

/** Removes a tablet from the members and deletes its CouchDB user: the server refuses it from now on. */
export async function revokeTablet(t, name) {
  checkTabletName(name);
  const lines = [];
  const security = await readSecurity(t);
  const members = Array.isArray(security.members?.names) ? security.members.names : [];
  await writeSecurity(t, members.filter((m) => m !== name));
  lines.push(members.includes(name) ? `${name} is no longer a member of ${t.db}.` : `${name} was not a member of ${t.db}.`);
  const id = `org.couchdb.user:${name}`;
  const existing = await call(t, 'GET', `/_users/${encodeURIComponent(id)}`);
  if (existing.status === 200) {
    const del = await call(t, 'DELETE', `/_users/${encodeURIComponent(id)}?rev=${encodeURIComponent(existing.json._rev)}`);
    if (del.status !== 200 && del.status !== 202) throw fail(`Deleting the user ${name}`, del);
    lines.push(`Deleted the user ${name}: its password no longer opens anything.`);
  }
  return lines;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What `purge` erases for one destroyed case: every event record of its chain and its wrapped case
 * key, with every revision, and the sealed staff disclosures it was opened from (`docIds`: the
 * server sees only ciphertext, so the app names them in the command it shows; only `disclosure:`
 * documents are taken). The tombstone stays (it is the signed note that the case existed and was
 * destroyed). Refused unless the server holds the case's tombstone.
 */
export async function purgePlan(t, caseId, docIds = []) {
  if (!UUID.test(caseId ?? '')) throw new SetupError('Give the destroyed case\u2019s id (shown in the app under Retention, "Destroyed cases").');
  const wrong = docIds.find((id) => !/^disclosure:/.test(id) || !UUID.test(id.slice('disclosure:'.length)));
  if (wrong !== undefined) throw new SetupError(`Only a sealed disclosure (disclosure:<id>) is purged beside a case; "${wrong}" is not one. Copy the command from the app.`);
  // The destruction note, of any generation (tombstone:<case> or tombstone:<case>:<generation>).
  const tombs = await call(t, 'GET', `${dbPath(t)}/_all_docs?startkey=${encodeURIComponent(JSON.stringify(`tombstone:${caseId}`))}&endkey=${encodeURIComponent(JSON.stringify(`tombstone:${caseId}:\ufff0`))}`);
  const tomb = tombs.status === 200 ? { status: tombs.json.rows.length > 0 ? 200 : 404, json: tombs.json } : tombs;
  if (tomb.status === 404) throw new SetupError(`The server holds no tombstone for case ${caseId}: only a destroyed case is purged. Let the tablet that destroyed it sync first.`);
  if (tomb.status !== 200) throw fail('Reading the tombstone', tomb);
  const plan = {};
  let startkey = 'event:';
  for (;;) {
    const q = `startkey=${encodeURIComponent(JSON.stringify(startkey))}&endkey=${encodeURIComponent(JSON.stringify('event:\ufff0'))}&include_docs=true&conflicts=true&limit=500`;
    const page = await call(t, 'GET', `${dbPath(t)}/_all_docs?${q}`);
    if (page.status !== 200) throw fail('Listing the records', page);
    const rows = page.json.rows.filter((r) => r.id !== startkey || startkey === 'event:');
    for (const r of rows) {
      if (r.doc?.chain === caseId) plan[r.id] = [r.value.rev, ...(r.doc._conflicts ?? [])];
    }
    if (page.json.rows.length < 500) break;
    startkey = page.json.rows[page.json.rows.length - 1].id;
  }
  // Its wrapped key, every generation (key:case:<case> and key:case:<case>:<generation>).
  const keys = await call(t, 'GET', `${dbPath(t)}/_all_docs?startkey=${encodeURIComponent(JSON.stringify(`key:case:${caseId}`))}&endkey=${encodeURIComponent(JSON.stringify(`key:case:${caseId}:\ufff0`))}&include_docs=true&conflicts=true`);
  if (keys.status !== 200) throw fail('Listing the case keys', keys);
  for (const r of keys.json.rows) plan[r.id] = [r.value.rev, ...(r.doc?._conflicts ?? [])];
  // The sealed disclosures it was opened from (already purged, or never sent: nothing to do).
  for (const id of docIds) {
    const r = await call(t, 'GET', `${dbPath(t)}/${encodeURIComponent(id)}?conflicts=true`);
    if (r.status === 404) continue;
    if (r.status !== 200) throw fail('Reading the sealed disclosure', r);
    plan[id] = [r.json._rev, ...(r.json._conflicts ?? [])];
  }
  return plan;
}

/** Purges a destroyed case's records (CouchDB 3 `_purge`, admin only). */
export async function purgeCase(t, caseId, docIds = []) {
  const plan = await purgePlan(t, caseId, docIds);
  const ids = Object.keys(plan);
  if (ids.length === 0) return [`The server holds no records of case ${caseId} any more (its tombstone stays).`];
  // CouchDB 3 takes up to 100 documents per _purge request by default (purge_max_document_id_number).
  for (let i = 0; i < ids.length; i += 100) {
    const batch = Object.fromEntries(ids.slice(i, i + 100).map((id) => [id, plan[id]]));
    const r = await call(t, 'POST', `${dbPath(t)}/_purge`, batch);
    if (r.status !== 201 && r.status !== 202 && r.status !== 200) {
      if (r.status === 400 || r.status === 404 || r.status === 405) {
        throw new SetupError(`This server does not support _purge (it answered ${r.status}${r.json?.reason ? `: ${r.json.reason}` : ''}). Apache CouchDB 3 does; pouchdb-server does not. Nothing was purged after the first ${i} records.`);
      }
      throw fail('Purging', r);
    }
  }
  return [`Purged ${ids.length} records of case ${caseId} from the server (its tombstone stays). Purge the server's backups too, or let them expire (docs/SYNC.md).`];
}

const USAGE = `Usage:
  npm run sync:setup -- URL                     create the database, its rules and its members
  npm run sync:setup -- add-tablet URL NAME     a CouchDB user for one tablet (its password is shown once)
  npm run sync:setup -- revoke-tablet URL NAME  that tablet is refused from now on
  npm run sync:setup -- purge URL CASE_ID [DISCLOSURE_DOC ...]
                                                erase a destroyed case's records from the server
                                                (and the sealed disclosures the app names beside it)
URL: https://admin:secret@host:6984/database (or set COUCHDB_USER and COUCHDB_PASSWORD).`;

export async function main(argv) {
  const [first, ...rest] = argv;
  if (!first || first === '--help' || first === '-h') return { code: first ? 0 : 2, out: USAGE };
  try {
    if (first === 'add-tablet') {
      const t = parseTarget(rest[0] ?? '');
      const { name, password } = await addTablet(t, rest[1]);
      return {
        code: 0,
        out: `Added the tablet ${name} to ${t.display}.\nIts password (shown once; type it into that tablet's Settings, "Sync with the school's server"):\n${password}`,
      };
    }
    if (first === 'revoke-tablet') {
      const t = parseTarget(rest[0] ?? '');
      return { code: 0, out: (await revokeTablet(t, rest[1])).join('\n') };
    }
    if (first === 'purge') {
      const t = parseTarget(rest[0] ?? '');
      return { code: 0, out: (await purgeCase(t, rest[1], rest.slice(2))).join('\n') };
    }
    if (rest.length > 0) return { code: 2, out: USAGE };
    return { code: 0, out: (await setUpDatabase(parseTarget(first))).join('\n') };
  } catch (e) {
    if (e instanceof SetupError) return { code: 1, out: e.message };
    if (e instanceof TypeError && /fetch failed/.test(e.message)) return { code: 1, out: `Could not reach the server: ${e.cause?.code ?? e.message}.` };
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { code, out } = await main(process.argv.slice(2));
  (code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
  process.exitCode = code;
}
