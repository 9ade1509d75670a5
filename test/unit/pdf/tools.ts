// The Debian tools the PDF tests check against (qpdf, poppler-utils), run on files in a temp dir.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[]): Run {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error)
    throw new Error(`${cmd} could not be run (${r.error.message}): install qpdf and poppler-utils (.ci/run does).`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'ypsi-pdf-'));
  write(name: string, bytes: Uint8Array): string {
    const p = join(this.path, name);
    writeFileSync(p, bytes);
    return p;
  }
  files(prefix: string): string[] {
    return readdirSync(this.path).filter((f) => f.startsWith(prefix));
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export const pdfText = (file: string): string =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
export const pageCount = (file: string): number =>
  Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]).stdout)?.[1] ?? NaN);
export const pdfsig = (file: string): string => {
  const r = run('pdfsig', [file]);
  return r.stdout + r.stderr;
};

export interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word pdftotext finds, with its box, page by page. */
export function wordBoxes(file: string): WordBox[][] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return html
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => ({
          text: m[5]!,
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
          yMax: Number(m[4]),
        }),
      ),
    );
}

/** Words that stick out of the text area or sit on top of each other (a little slack for glyph boxes). */
export function layoutFaults(pages: WordBox[][], left: number, right: number): string[] {
  const faults: string[] = [];
  pages.forEach((words, p) => {
    for (const w of words)
      if (w.xMin < left - 0.5 || w.xMax > right + 0.5) faults.push(`page ${p + 1}: "${w.text}" outside the margins`);
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < words.length; j++) {
        const a = words[i]!;
        const b = words[j]!;
        const x = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
        const y = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
        if (x > 0.5 && y > 1) faults.push(`page ${p + 1}: "${a.text}" overlaps "${b.text}"`);
      }
    }
  });
  return faults;
}
