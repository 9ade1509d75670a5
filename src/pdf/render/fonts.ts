// Owns where the embedded fonts come from: DejaVu Sans and DejaVu Sans Bold (Latin with all
// diacritics, Greek, Cyrillic), shipped as assets beside this module so the service worker
// precaches them and export works offline. See src/pdf/fonts/LICENSE-DejaVu.txt.

export interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

// Written out in full so Vite sees them and emits (and precaches) the files.
const REGULAR_URL = new URL('../fonts/DejaVuSans.ttf', import.meta.url);
const BOLD_URL = new URL('../fonts/DejaVuSans-Bold.ttf', import.meta.url);

async function load(url: URL): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    // Tests and scripts under Node, where fetch() cannot read files. The specifier is a variable
    // so bundlers leave this import alone; a browser never takes this branch.
    const fsModule = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsModule)) as { readFile(u: URL): Promise<Uint8Array> };
    return new Uint8Array(await fs.readFile(url));
  }
  const res = await fetch(url);
  if (!res.ok)
    throw new Error(
      `The font for the PDF could not be loaded (${res.status}): is the app fully installed for offline use?`,
    );
  return new Uint8Array(await res.arrayBuffer());
}

let cached: Promise<FontBytes> | null = null;

/** The font files, fetched once per page load. */
export function loadFonts(): Promise<FontBytes> {
  cached ??= Promise.all([load(REGULAR_URL), load(BOLD_URL)]).then(([regular, bold]) => ({ regular, bold }));
  cached.catch(() => {
    cached = null;
  });
  return cached;
}
