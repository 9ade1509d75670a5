// The Trusted Types allow-list names exactly the policies the app creates, and never 'default'
// (docs/SECURITY.md item 12; issue 12 finding 7): a 'default' policy would be applied to every
// plain string given to an HTML or script sink, so allowing one the app never makes leaves room
// for someone else's.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import headers from './security-headers.json';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the Trusted Types policy list', () => {
  const directive = headers.contentSecurityPolicy.find((d) => d.startsWith('trusted-types '));
  const allowed = (directive ?? '').split(/\s+/).slice(1);

  it('is there, with Trusted Types required for scripts', () => {
    expect(headers.contentSecurityPolicy).toContain("require-trusted-types-for 'script'");
    expect(allowed.length).toBeGreaterThan(0);
  });

  it('does not allow a "default" policy, nor duplicates', () => {
    expect(allowed).not.toContain('default');
    expect(allowed).not.toContain("'allow-duplicates'");
  });

  it('names exactly the policies the app creates', () => {
    const created = new Set(
      sourceFiles(join(__dirname, '..')).flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/createPolicy\(\s*'([^']+)'/g)].map((m) => m[1]!),
      ),
    );
    expect([...created].sort()).toEqual([...allowed].sort());
  });
});
