// What the app's session loads after the first paint to hear that the database is being upgraded
// or deleted by another tab (db.ts onVersionChange). Its own module, imported only on demand, so
// a build that also holds storage/db.ts statically (the bench harness: the whole storage layer and
// the session) still splits it: db.ts itself is never both imported on demand and statically.
export { onVersionChange, type VersionChangeInfo } from './db';
