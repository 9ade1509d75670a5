// pouchdb-browser and pouchdb-adapter-indexeddb ship no types; the part used is typed in pouch.ts.
declare module 'pouchdb-browser' {
  const PouchDB: unknown;
  export default PouchDB;
}
declare module 'pouchdb-adapter-indexeddb' {
  const plugin: unknown;
  export default plugin;
}
