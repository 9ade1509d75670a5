// Owns turning a stored value that fails its schema into a DamagedRecordError, apart from schemas.ts
// so the lock screen's reads (lockScreen.ts) use it without the domain's rules (issue 14 item 6).
import type { z } from 'zod';
import { DamagedRecordError } from './errors';

/** Parses a stored value or throws DamagedRecordError naming what was read and the first issue. */
export function parseRow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new DamagedRecordError(what, `${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}
