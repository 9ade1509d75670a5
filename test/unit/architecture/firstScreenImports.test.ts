// What the first screen's code reaches before anyone unlocks (issue 14 item 6), read from the source:
// the entry that runs before the first paint (src/main.tsx) pulls in no library (React, Dexie,
// zod, XState arrive after the paint, src/inSlices.ts), and storage's lock-screen entry
// (src/storage/lockScreen.ts) reaches none of the domain's rules, the case machine or the whole row
// schema file, so the lock screen's reads never wait for them. Static imports only: type-only
// imports are erased, and a dynamic import() loads when it runs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

/** The specifiers a module imports or re-exports at load time (not `import type`, not import()). */
function staticSpecifiers(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(m[1]!);
  // The clause of an import or re-export: names, braces, "* as x", never "=", "(" or ";".
  const statement = /^\s*(import|export)\s+(type\s+)?([^;=()'"]*?)\s+from\s+['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(statement)) {
    const [, , typeOnly, clause, specifier] = m;
    if (typeOnly) continue;
    // import { type A, type B } from '...': every name a type, so the import is erased.
    const names = /^\{([^}]*)\}$/.exec((clause ?? '').trim())?.[1];
    if (names !== undefined && names.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    found.push(specifier!);
  }
  return found;
}

function resolveRelative(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && !candidate.endsWith('/') && /\.(tsx?|css)$/.test(candidate)) return candidate;
  }
  return null;
}

/** Every source file and every package `entry` reaches by static imports (paths relative to the repository). */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [resolve(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    const name = relative(root, file);
    if (files.has(name)) continue;
    files.add(name);
    if (file.endsWith('.css')) continue;
    for (const specifier of staticSpecifiers(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const next = resolveRelative(file, specifier);
      if (!next) throw new Error(`${name}: cannot resolve ${specifier}`);
      queue.push(next);
    }
  }
  return { files, packages };
}

describe('the first screen loads only what it needs first (issue 14 item 6)', () => {
  it('the entry that runs before the first paint imports no library: React, Dexie, zod and XState load after it', () => {
    const { files, packages } = reach('src/main.tsx');
    expect([...packages]).toEqual([]);
    expect(files).toContain('src/inSlices.ts');
    expect([...files].filter((f) => f.startsWith('src/domain/'))).toEqual([]);
  });

  it("storage's lock-screen entry reaches none of the domain's rules, the case machine or the whole row schema file", () => {
    const { files, packages } = reach('src/storage/lockScreen.ts');
    for (const heavy of [
      'src/domain/gates.ts',
      'src/domain/machine.ts',
      'src/domain/case.ts',
      'src/domain/rules/catalogue.ts',
      'src/storage/schemas.ts',
      'src/storage/keys/keyring.ts',
    ]) {
      expect(files, `${heavy} is reached from the lock screen's reads`).not.toContain(heavy);
    }
    expect([...packages].sort()).toEqual(['dexie', 'zod']);
  });

  it('the reader sees through type-only imports and re-exports, and follows the rest', () => {
    expect(
      staticSpecifiers(
        [
          "import type { A } from './a';",
          "import { type B, type C } from './b';",
          "import { type D, e } from './d';",
          "export { f } from './f';",
          "export type { G } from './g';",
          "import './styles.css';",
          "const lazy = () => import('./lazy');",
        ].join('\n'),
      ).sort(),
    ).toEqual(['./d', './f', './styles.css']);
  });
});
