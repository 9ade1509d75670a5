// Reads a PouchDB database's IndexedDB raw (every object store, every row, no PouchDB in between):
// what someone holding the tablet could read of the local replication database.
export async function rawPouchDump(name: string): Promise<string> {
  const all = await indexedDB.databases();
  const found = all.filter((d) => d.name === name || d.name === `_pouch_${name}`);
  if (found.length === 0) throw new Error(`no IndexedDB database for ${name}: ${all.map((d) => d.name).join(', ')}`);
  const parts: string[] = [];
  for (const { name: dbName } of found) {
    const idb = await new Promise<IDBDatabase>((ok, ko) => {
      const req = indexedDB.open(dbName!);
      req.onsuccess = () => ok(req.result);
      req.onerror = () => ko(req.error);
    });
    for (const store of Array.from(idb.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((ok, ko) => {
        const req = idb.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => ok(req.result);
        req.onerror = () => ko(req.error);
      });
      parts.push(JSON.stringify(rows));
    }
    idb.close();
  }
  return parts.join('\n');
}
