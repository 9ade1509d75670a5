// Who may do what is decided in one place: src/domain/permissions.ts (`may(role, action)`). No other
// source file compares a role with a role name, lists roles, or switches on one; the role names
// themselves are defined once, in src/domain/types.ts. This reads every source file to prove it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_ROLES, ROLES } from '../../../src/domain/types';
import { may, whoMay } from '../../../src/domain/permissions';

const root = resolve(__dirname, '../../..');
const ALLOWED = new Set(['src/domain/permissions.ts', 'src/domain/types.ts']);

const NAME = `['"\`](?:${ROLES.join('|')})['"\`]`;
const CHECKS: [what: string, pattern: RegExp][] = [
  ['compares a role with a role name', new RegExp(`\\brole\\s*[!=]==?\\s*${NAME}`)],
  ['compares a role name with a role', new RegExp(`${NAME}\\s*[!=]==?\\s*[\\w.?!]*\\brole\\b`)],
  ['lists roles', new RegExp(`${NAME}\\s*,\\s*${NAME}`)],
  ['switches on a role', new RegExp(`case\\s+${NAME}\\s*:`)],
  ['looks a role up in a list', /\.includes\([^)]*\brole\)/],
];

/** Every role check in `source`, as "line N: what". */
function roleChecks(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, i) => {
    for (const [what, pattern] of CHECKS) if (pattern.test(line)) found.push(`line ${i + 1}: ${what}: ${line.trim()}`);
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the permission table is the only list of roles', () => {
  it('finds the kinds of role check it forbids (so the scan below can fail)', () => {
    expect(roleChecks(`if (actor.role === 'headteacher') return;`)).toHaveLength(1);
    expect(roleChecks(`const ok = 'deputy-dsl' !== session.user.role;`)).toHaveLength(1);
    expect(roleChecks(`const MANAGERS = ['dsl', 'deputy-dsl'];`)).toHaveLength(1);
    expect(roleChecks(`  case 'headteacher':`)).toHaveLength(1);
    expect(roleChecks(`if (!DESTROYERS.includes(req.by.role)) refuse();`)).toHaveLength(1);
    // Not role checks: a person who works here, and asking the table.
    expect(roleChecks(`if (p.worksWithChildren === 'staff') return;`)).toEqual([]);
    expect(roleChecks(`if (!may(actor.role, 'destroy-case')) refuse();`)).toEqual([]);
  });

  it('no source file outside src/domain/permissions.ts and src/domain/types.ts checks a role by name', () => {
    const offenders = sourceFiles(join(root, 'src')).flatMap((path) => {
      const file = relative(root, path).split('\\').join('/');
      if (ALLOWED.has(file)) return [];
      return roleChecks(readFileSync(path, 'utf8')).map((found) => `${file} ${found}`);
    });
    expect(offenders).toEqual([]);
  });

  it('grants establishment actions only to key holders, and names who may in words', () => {
    const actions = [
      'manage-key-holders',
      'change-settings',
      'set-signing-certificate',
      'export-backup',
      'accept-disclosure',
      'transfer-case',
      'destroy-case',
      'agree-to-destruction',
      'sign-off-as-headteacher',
    ] as const;
    const granted = ROLES.filter((role) => actions.some((action) => may(role, action)));
    expect(granted.every((role) => (KEY_ROLES as readonly string[]).includes(role))).toBe(true);
    expect(whoMay('destroy-case')).toBe('the DSL or a deputy');
    expect(whoMay('agree-to-destruction')).toBe('the DSL, a deputy or the Headteacher');
    expect(whoMay('record:disclosure.recorded')).toBe('the DSL, a deputy or a member of staff');
    expect(whoMay('sign-off-as-headteacher')).toBe('the Headteacher');
  });
});
