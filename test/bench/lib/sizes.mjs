// First-load and lazy JavaScript of a production build, gzip-compressed with zlib (default level 6,
// what a typical web server sends). First load = the module script and modulepreload links in
// index.html, plus anything they import statically; every other .js under assets/ is lazy.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const attr = (tag, name) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];

/** What index.html makes the browser fetch on a first visit, by kind. */
export function firstLoadUrls(html) {
  const scripts = [];
  const styles = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    if (/^<script/i.test(tag) && /type\s*=\s*["']module["']/i.test(tag) && attr(tag, 'src'))
      scripts.push(attr(tag, 'src'));
    if (/^<link/i.test(tag) && /rel\s*=\s*["']modulepreload["']/i.test(tag)) scripts.push(attr(tag, 'href'));
    if (/^<link/i.test(tag) && /rel\s*=\s*["']stylesheet["']/i.test(tag)) styles.push(attr(tag, 'href'));
  }
  return { scripts, styles };
}

/** Static imports of a built chunk ('./x.js' and 'assets/x.js' forms), as paths under dist. */
function staticImports(code, file, distDir) {
  const out = new Set();
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) {
    out.add(relative(distDir, join(dirname(file), m[1])));
  }
  return [...out];
}

// How a lazy chunk is named in the table: by file name, else by what it contains.
const LABELS = [
  [/^CaseRoutes-/, () => true, 'case screens'],
  [/^PolicyPage-/, () => true, 'policy text'],
  [/^InboxPage-/, () => true, 'inbox screen'],
  [/^SettingsPage-/, () => true, 'settings screen'],
  [/^ComponentGallery-/, () => true, 'component gallery (not linked)'],
  [/\.js$/, (c) => /PDFDocument|PDFName|pdf-lib/.test(c), 'PDF (pdf-lib)'],
  [/\.js$/, (c) => /fontkit/i.test(c), 'PDF fonts engine (fontkit)'],
  [/\.js$/, (c) => /SignedData|pkijs/i.test(c), 'PDF signing (pkijs)'],
  [/\.js$/, (c) => c.includes('ZxcvbnFactory'), 'passphrase meter: zxcvbn-ts core'],
  [/\.js$/, (c) => c.includes('azerty'), 'passphrase meter: zxcvbn-ts common dictionary'],
  [/\.js$/, (c) => c.includes('commonWords'), 'passphrase meter: zxcvbn-ts English dictionary'],
  [/\.ttf$|\.woff2?$/, () => true, 'font file'],
];

function labelOf(name, code) {
  for (const [re, test, label] of LABELS) if (re.test(name) && test(code)) return label;
  return '';
}

const gz = (buf) => gzipSync(buf).length;

/**
 * { firstLoad: [{ file, raw, gzip }], firstLoadGzip, css: [...], lazy: [{ file, label, raw, gzip }] }
 * for the build in distDir.
 */
export async function buildSizes(distDir) {
  const html = await readFile(join(distDir, 'index.html'), 'utf8');
  const { scripts, styles } = firstLoadUrls(html);
  const toPath = (url) => posix.normalize(url.replace(/^\//, '').replace(/[?#].*$/, ''));
  const queue = scripts.map(toPath);
  const first = new Set();
  while (queue.length > 0) {
    const file = queue.shift();
    if (first.has(file)) continue;
    first.add(file);
    const code = await readFile(join(distDir, file), 'utf8');
    queue.push(...staticImports(code, join(distDir, file), distDir));
  }
  const firstLoad = [];
  for (const file of first) {
    const buf = await readFile(join(distDir, file));
    firstLoad.push({ file, raw: buf.length, gzip: gz(buf) });
  }
  const css = [];
  for (const file of styles.map(toPath)) {
    const buf = await readFile(join(distDir, file));
    css.push({ file, raw: buf.length, gzip: gz(buf) });
  }
  const lazy = [];
  const assets = await readdir(join(distDir, 'assets'));
  for (const name of assets.sort()) {
    const file = `assets/${name}`;
    if (first.has(file) || !/\.(js|ttf|woff2?)$/.test(name)) continue;
    const buf = await readFile(join(distDir, file));
    const code = name.endsWith('.js') ? buf.toString('utf8') : '';
    lazy.push({ file, label: labelOf(name, code), raw: buf.length, gzip: gz(buf) });
  }
  lazy.sort((a, b) => b.gzip - a.gzip);
  return { firstLoad, firstLoadGzip: firstLoad.reduce((n, f) => n + f.gzip, 0), css, lazy };
}
