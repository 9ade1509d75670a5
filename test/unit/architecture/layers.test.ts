// The layer rules in .oxlintrc.json, tried for real: every "never" import fails the lint and the
// allowed ones pass. The probes run on a copy of the config in a temporary folder laid out like src/,
// so the suite never writes into the source tree.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const oxlint = join(root, 'node_modules/.bin/oxlint');

interface Probe {
  file: string;
  specifier: string;
}

const forbidden: Probe[] = [
  // src/domain is pure: nothing from any other layer, wherever in domain the file sits.
  { file: 'src/domain/rules/probe.ts', specifier: '../storage' },
  { file: 'src/domain/rules/probe.ts', specifier: '../../storage/db' },
  { file: 'src/domain/rules/probe.ts', specifier: '../../ui/App' },
  { file: 'src/domain/probe.ts', specifier: '../storage' },
  { file: 'src/domain/probe.ts', specifier: '../ui' },
  { file: 'src/domain/probe.ts', specifier: '../pdf' },
  { file: 'src/domain/probe.ts', specifier: '../pdf/model/build' },
  { file: 'src/domain/probe.ts', specifier: '../pwa/updateController' },
  { file: 'src/domain/probe.ts', specifier: '../codec/canonical' },
  { file: 'src/domain/probe.ts', specifier: 'react' },
  { file: 'src/domain/probe.ts', specifier: 'react-dom/client' },
  { file: 'src/domain/probe.ts', specifier: '@xstate/react' },
  { file: 'src/domain/probe.ts', specifier: 'dexie' },
  { file: 'src/domain/probe.ts', specifier: 'workbox-window' },
  // src/storage never reaches up into the screens or the service worker.
  { file: 'src/storage/probe.ts', specifier: '../ui' },
  { file: 'src/storage/probe.ts', specifier: '../ui/App' },
  { file: 'src/storage/crypto/probe.ts', specifier: '../../ui/case/ResponsePages' },
  { file: 'src/storage/probe.ts', specifier: '../pwa/updateController' },
  { file: 'src/storage/probe.ts', specifier: 'react' },
  // src/pdf turns a case into a document: no screens, no storage (shared encodings are in src/codec).
  { file: 'src/pdf/probe.ts', specifier: '../ui/App' },
  { file: 'src/pdf/probe.ts', specifier: '../storage' },
  { file: 'src/pdf/probe.ts', specifier: '../storage/canonical' },
  { file: 'src/pdf/sign/probe.ts', specifier: '../../storage/crypto/encoding' },
  { file: 'src/pdf/sign/probe.ts', specifier: '../../ui' },
  { file: 'src/pdf/probe.ts', specifier: 'dexie' },
  // src/codec is a pure leaf.
  { file: 'src/codec/probe.ts', specifier: '../domain/types' },
  { file: 'src/codec/probe.ts', specifier: '../storage/db' },
  { file: 'src/codec/probe.ts', specifier: '../pdf' },
  { file: 'src/codec/probe.ts', specifier: '../ui/App' },
];

const allowed: Probe[] = [
  { file: 'src/domain/rules/probe.ts', specifier: '../types' },
  { file: 'src/domain/probe.ts', specifier: 'xstate' },
  { file: 'src/storage/probe.ts', specifier: '../domain/machine' },
  { file: 'src/storage/probe.ts', specifier: '../codec/canonical' },
  { file: 'src/storage/probe.ts', specifier: 'dexie' },
  { file: 'src/pdf/probe.ts', specifier: '../domain/types' },
  { file: 'src/pdf/sign/probe.ts', specifier: '../../codec/encoding' },
  { file: 'src/codec/probe.ts', specifier: './encoding' },
  { file: 'src/ui/probe.ts', specifier: '../storage' },
];

let dir = '';
let flagged = new Set<string>();

/** Each probe becomes its own file (`probe-<n>.ts` in the probe's folder) and one oxlint run lints them all. */
function probePath(probe: Probe, n: number): string {
  return join(dirname(probe.file), `probe-${n}.ts`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ypsi-layers-'));
  const config = JSON.parse(readFileSync(join(root, '.oxlintrc.json'), 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  writeFileSync(join(dir, '.oxlintrc.json'), JSON.stringify(config));
  const all = [...forbidden, ...allowed];
  all.forEach((probe, n) => {
    const path = join(dir, probePath(probe, n));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `import '${probe.specifier}';\n`);
  });
  const run = spawnSync(oxlint, ['-c', '.oxlintrc.json', '-f', 'unix', 'src'], { cwd: dir, encoding: 'utf8' });
  if (run.error) throw run.error;
  flagged = new Set(
    run.stdout
      .split('\n')
      .filter((line) => line.includes('no-restricted-imports'))
      .map((line) => line.split(':')[0]!),
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('architecture lint (.oxlintrc.json)', () => {
  it.each(forbidden.map((probe, n) => ({ ...probe, n })))('refuses $specifier from $file', (probe) => {
    expect(flagged.has(probePath(probe, probe.n))).toBe(true);
  });

  it.each(allowed.map((probe, n) => ({ ...probe, n: forbidden.length + n })))(
    'lets $file import $specifier',
    (probe) => {
      expect(flagged.has(probePath(probe, probe.n))).toBe(false);
    },
  );
});
