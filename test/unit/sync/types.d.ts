// pouchdb-adapter-memory ships no types: a PouchDB plugin (tests only).
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
