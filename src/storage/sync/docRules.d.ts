// Types for docRules.js (plain ES5 JavaScript, so that CouchDB can run the same function).
export function validateDocUpdate(
  newDoc: Record<string, unknown>,
  oldDoc: Record<string, unknown> | null,
  userCtx: { name?: string | null; roles?: string[] } | null,
): void;
