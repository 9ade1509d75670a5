// Screens place an error by what it is, never by what it says: storage and the PDF module give their
// errors a typed field or kind (ImportError.field, P12Error.field, RefusedError.field,
// StorageError.saysNotSaved), so rewording a message can never move it or silently change the screen.
// This reads every non-test file under src/ui and fails on any match against an error's or reason's text.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

/** What a message or reason text is called in the screens. */
const TEXT = String.raw`(?:\b(?:e|err|error|r|reason|x)\.(?:message|text)|\b(?:message|msg|errorText|reasonText)\b)`;

const CHECKS: [what: string, pattern: RegExp][] = [
  ['tests a message with a regular expression', new RegExp(String.raw`/[^/\n]+/[a-z]*\.test\(\s*${TEXT}\s*\)`)],
  ['tests text for words with a regular expression', /\/(?=[^/\n]*[a-z]{4,})[^/\n]+\/[a-z]*\.test\((?!\s*navigator\.)/],
  ['matches a message with a regular expression', new RegExp(String.raw`${TEXT}\s*\.\s*(?:match|matchAll|search)\(`)],
  ['looks for words in a message', new RegExp(String.raw`${TEXT}\s*\.\s*(?:includes|startsWith|endsWith|indexOf)\(`)],
  [
    'compares text with the start or end of a sentence',
    /\.(?:startsWith|endsWith|includes)\(\s*['"`][A-Z][a-z’']* [a-z]+ [a-z]+/,
  ],
];

/** Every place in `source` that matches an error's text, as "line N: what: code". */
function textMatches(source: string): string[] {
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

describe('screens never place an error by its text', () => {
  it('finds each kind of text match it forbids (so the scan below can fail)', () => {
    expect(textMatches(`fieldId: /password/i.test(message) ? 'p12-password' : 'p12-file',`)).not.toEqual([]);
    expect(textMatches(`e instanceof ImportError && /passphrase/i.test(e.message) ? 'a' : 'b'`)).not.toEqual([]);
    expect(textMatches(`text: /nothing (on this device )?was changed/i.test(message) ? message : 'x'`)).not.toEqual([]);
    expect(textMatches(`if (e.message.includes('differs')) field = 'dob';`)).not.toEqual([]);
    expect(textMatches(`const hit = message.match(/year group/);`)).not.toEqual([]);
    expect(textMatches(`const field = /differs/.test(m) ? 'dob' : 'age';`)).not.toEqual([]);
    expect(textMatches(`repairs.every((r) => r.startsWith('There was no summary index yet'))`)).not.toEqual([]);
    expect(textMatches(`r.text.startsWith('The date of birth')`)).not.toEqual([]);
  });

  it('lets a screen read typed fields and test its own input', () => {
    expect(textMatches(`const field = e instanceof ImportError && e.field === 'passphrase' ? 'a' : 'b';`)).toEqual([]);
    expect(textMatches(`if (!/^\\d{1,2}$/.test(d)) return null;`)).toEqual([]);
    expect(textMatches(`onChange={(v) => setReminder(v.includes('yes'))}`)).toEqual([]);
    expect(textMatches(`const isIpad = /iPad|Macintosh/.test(navigator.userAgent);`)).toEqual([]);
  });

  it('finds no screen that matches an error message or reason by its words', () => {
    const found = sourceFiles(join(root, 'src/ui')).flatMap((path) =>
      textMatches(readFileSync(path, 'utf8')).map((m) => `${relative(root, path)}: ${m}`),
    );
    expect(found).toEqual([]);
  });
});
