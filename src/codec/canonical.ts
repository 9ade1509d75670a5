// Canonical JSON for hashing: one value, one byte string, whatever order its keys were built in.
// Pure (no DOM, no storage, no UI): storage (event chain) and pdf (record hash) both use it.

/**
 * Serialises `value` with object keys sorted (UTF-16 code unit order, as RFC 8785 JCS) and no
 * whitespace; numbers and strings are written as JSON.stringify writes them (which JCS follows).
 *
 * Throws TypeError instead of silently changing the value: non-finite numbers, undefined or holes
 * inside arrays (JSON.stringify would write null), bigint, functions, symbols, cycles, and objects
 * that are not plain (Date, Map, class instances: JSON.stringify would write `{}` or call toJSON).
 * Object members whose value is undefined are omitted, as JSON storage would drop them anyway.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set<object>(), '$');
}

function write(value: unknown, ancestors: Set<object>, path: string): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${path}`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: ${typeof value} at ${path} is not JSON`);
  }
  if (value === null) return 'null';
  if (ancestors.has(value)) throw new TypeError(`canonicalJson: cycle at ${path}`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const parts: string[] = [];
      for (let i = 0; i < value.length; i++) {
        if (!(i in value) || value[i] === undefined) throw new TypeError(`canonicalJson: undefined at ${path}[${i}]`);
        parts.push(write(value[i], ancestors, `${path}[${i}]`));
      }
      return `[${parts.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`canonicalJson: ${path} is not a plain object`);
    }
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${write(member, ancestors, `${path}.${key}`)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
