// The bench harness: the real storage layer and the real home screen in a page of their own, so
// test/bench/bench.mjs can time them in Chromium through window.__bench. Built by
// test/bench/harness/vite.config.ts into dist-bench/ (never part of the production build).
// Every figure is taken here with performance.now(); the Node side only sequences and collects.
import '../../../src/ui/styles/index.css';
import Dexie, { type DBCore, type DBCoreMutateRequest, type Middleware } from 'dexie';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import * as storage from '../../../src/storage';
import { SCHEMA_V1, db, useDatabase } from '../../../src/storage/db';
import type { CaseSummary } from '../../../src/domain/summary';
import { HomePage } from '../../../src/ui/home/HomePage';
import { matches } from '../../../src/ui/home/search';

const PASSPHRASE = 'Copper kettle whistles at dawn';

const SETTINGS: storage.PublicSettings = {
  establishment: { name: 'Hillside Academy', type: 'school' },
  dsl: { name: 'Dana Shah', phone: '01902 555100' },
  deputies: [{ name: 'Dev Patel', phone: '01902 555101' }],
  headteacher: { name: 'Helen Okafor', phone: '01902 555102' },
  mash: { name: 'Wolverhampton MASH', phone: '01902 555392' },
  police: { emergency: '999', nonEmergency: '101' },
};

// 40 x 50 name pairs: a surname matches ~2% of cases, a full name ~1 in 2,000.
const FIRST =
  'Amara Ben Chloe Dylan Ella Finn Grace Harvey Isla Jack Kai Leah Mason Nia Oscar Poppy Quinn Ruby Sam Tia Umar Violet Will Xena Yusuf Zara Aidan Bea Cal Daisy Ezra Freya Gabe Hana Ivo Jade Kofi Lola Milo Nell'.split(
    ' ',
  );
const LAST =
  'Okafor Patel Nowak Smith Jones Khan Murphy Evans Wright Hughes Clarke Lewis Walker Hall Ward Price Bell Shaw Cole Reid Hunt Lowe Ellis Dunn Kerr Fox Lamb Moss Nash Pike Rowe Sharp Todd Vine Wood York Abbot Baird Carr Dale Eady Ford Gill Hale Ince Judd Kemp Lord Mohan Ng'.split(
    ' ',
  );
const nameOf = (i: number) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;

type Captured = { table: string; values: unknown[] };

let userId = '';
let session: storage.Session | null = null;
let summaries: CaseSummary[] = [];
const caseIds: string[] = [];
let seeded = 0;
let capturing = false;
let captured: Captured[] = [];
let home: { root: Root; el: HTMLElement } | null = null;

/** Records what each put/add writes, table by table, while `capturing` (one persisted step). */
const captureWrites: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'bench-capture',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      return {
        ...table,
        mutate: (req: DBCoreMutateRequest) => {
          if (capturing && (req.type === 'put' || req.type === 'add'))
            captured.push({ table: name, values: [...req.values] });
          return table.mutate(req);
        },
      };
    },
  }),
};

const since = (t0: number) => performance.now() - t0;

/** Resolves after the next frame has been painted (rAF runs just before paint; the task after it, after). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve();
      ch.port2.postMessage(null);
    }),
  );
}

/** Resolves when `check()` holds, looking after every DOM change under `el`. */
function when(el: HTMLElement, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => {
      mo.disconnect();
      reject(new Error('timed out waiting for the home screen to update'));
    }, timeoutMs);
    const mo = new MutationObserver(() => {
      if (!check()) return;
      mo.disconnect();
      clearTimeout(timer);
      resolve();
    });
    mo.observe(el, { childList: true, subtree: true, characterData: true });
  });
}

function requireSession(): storage.Session {
  if (!session || session.locked) throw new Error('bench: no unlocked session');
  return session;
}

function seedEvents(offset: number) {
  return (i: number, s: storage.Session): storage.EventDraft[] => {
    const n = offset + i;
    const at = new Date().toISOString();
    const name = nameOf(n);
    return [
      {
        type: 'disclosure.recorded',
        actor: s.actor,
        occurredAt: at,
        disclosure: {
          disclosedBy: name,
          discloserRelation: 'young-person',
          disclosedTo: 'Form tutor',
          disclosedAt: at,
          channel: 'in-person',
          account: `${name} said a picture was shared in a group chat (bench case ${n}).`,
          platforms: ['Snapchat'],
          spreadNotes: '',
          imageryDescription: 'Not viewed.',
          actionsTaken: 'Told the DSL.',
        },
        persons: [
          {
            id: 'p1',
            name,
            atEstablishment: true,
            involvement: ['pictured'],
            ageYears: 11 + (n % 7),
            adult: 'no',
            worksWithChildren: 'no',
          },
        ],
      },
    ];
  };
}

function noteDraft(s: storage.Session, i: number): storage.EventDraft {
  return {
    type: 'note.added',
    actor: s.actor,
    occurredAt: new Date().toISOString(),
    text: `Spoke with the pupil and their form tutor again (note ${i}); they feel supported and know who to talk to.`,
  };
}

/** Rough stored size of a row: string characters, typed-array bytes, 8 per number. */
function sizeOf(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (typeof v === 'number' || typeof v === 'boolean') return 8;
  if (v instanceof ArrayBuffer) return v.byteLength;
  if (ArrayBuffer.isView(v)) return v.byteLength;
  if (Array.isArray(v)) return v.reduce<number>((n, x) => n + sizeOf(x), 0);
  if (v && typeof v === 'object') return Object.entries(v).reduce<number>((n, [k, x]) => n + k.length + sizeOf(x), 0);
  return 0;
}

function unmountHome(): void {
  home?.root.unmount();
  home?.el.remove();
  home = null;
}

function mountHome(list: CaseSummary[]): HTMLElement {
  const el = document.createElement('main');
  document.getElementById('root')!.append(el);
  const root = createRoot(el);
  flushSync(() =>
    root.render(
      <MemoryRouter>
        <HomePage summaries={list} inboxCount={0} onNewCase={() => Promise.resolve('bench')} lastBackupAt={null} />
      </MemoryRouter>,
    ),
  );
  home = { root, el };
  return el;
}

function statusText(): string {
  return home?.el.querySelector('[role="status"]')?.textContent ?? '';
}

function typeQuery(q: string): void {
  const input = home?.el.querySelector<HTMLInputElement>('#search');
  if (!input) throw new Error('bench: the home screen has no search box');
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, q);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const foundText = (n: number) => `${n} case${n === 1 ? '' : 's'} found`;

type PdfApi = {
  buildDocumentModel?: (input: unknown) => Promise<unknown>;
  renderSignedPdf?: (model: unknown, signer: unknown) => Promise<Uint8Array>;
  createEstablishmentSigner?: (name: string) => Promise<{ fingerprint: string }>;
};
// Empty when src/pdf/index.ts does not exist: then the PDF row says so.
const pdfModules = import.meta.glob('../../../src/pdf/index.ts');

const api = {
  /** Switches to database `name` (capturing writes if asked) and runs the real first-run set-up: one DSL. */
  async setUp(name: string = storage.DB_NAME, options: { capture?: boolean } = {}) {
    if (session) storage.lock(session);
    session = null;
    unmountHome();
    const d = useDatabase(name);
    if (options.capture) d.use(captureWrites);
    caseIds.length = 0;
    seeded = 0;
    const t0 = performance.now();
    const result = await storage.setUp({
      settings: SETTINGS,
      users: [{ name: 'Dana Shah', role: 'dsl', passphrase: PASSPHRASE }],
    });
    userId = result.users[0]!.userId;
    return { ms: since(t0) };
  },

  /** A fresh session: the real unlock (PBKDF2-HMAC-SHA-256 at the stored iterations). */
  async unlock() {
    if (session) storage.lock(session);
    session = null;
    const t0 = performance.now();
    session = await storage.unlock(userId, PASSPHRASE);
    return { ms: since(t0) };
  },

  /** The iterations stored in the DSL's keyring row, and a bare PBKDF2-SHA-256 derivation at that count (the floor under unlock). */
  async kdfReference() {
    const row = (await db().keyring.get(userId)) as
      | { holder?: { privateKey?: { kdf?: { iterations?: number } } } }
      | undefined;
    const iterations = row?.holder?.privateKey?.kdf?.iterations ?? NaN;
    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(PASSPHRASE), 'PBKDF2', false, [
      'deriveBits',
    ]);
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const t0 = performance.now();
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
    return { iterations, ms: since(t0) };
  },

  lock() {
    if (session) storage.lock(session);
    session = null;
  },

  /** `count` more cases through bulkSeedCases (real machine, encryption and chaining). */
  async seed(count: number) {
    const s = requireSession();
    const offset = seeded;
    const t0 = performance.now();
    const ids = await storage.bulkSeedCases(s, count, { events: seedEvents(offset) });
    const ms = since(t0);
    caseIds.push(...ids);
    seeded += count;
    return { ms, total: seeded };
  },

  /**
   * Rotation of the data key (docs/SECURITY.md item 1) at the stored size: a throwaway deputy is
   * added (untimed: one PBKDF2), then removed (timed: the rotation re-wraps every case key, re-keys
   * the log, index and settings, recomputes the device head, one transaction). Phases from its progress.
   */
  async rotation() {
    const s = requireSession();
    const extra = await storage.addUser(
      s,
      { name: 'Bench Deputy', role: 'deputy-dsl', passphrase: 'A long bench deputy passphrase' },
      PASSPHRASE,
    );
    const phases: Record<string, number> = {};
    let phase = 'reading';
    const t0 = performance.now();
    let last = t0;
    const r = await storage.removeUser(s, extra.userId, 'Bench', (p) => {
      if (p.phase === phase) return;
      const now = performance.now();
      phases[phase] = (phases[phase] ?? 0) + (now - last);
      last = now;
      phase = p.phase;
    });
    return { ms: since(t0), caseKeys: r.caseKeys, phases };
  },

  async quickVerify() {
    const t0 = performance.now();
    const r = await storage.quickVerify(requireSession());
    return { ms: since(t0), ok: r.ok, eventsChecked: r.eventsChecked, casesChecked: r.casesChecked };
  },

  /**
   * `steps` appendEvent calls on one case (after one untimed warm-up), each followed by a plain
   * Dexie write of exactly the rows that step wrote (same tables and indexes, one transaction),
   * and by a single put of one blob of the same total size. Needs setUp(name, { capture: true }).
   */
  async persistSteps(steps: number) {
    const s = requireSession();
    const caseId = caseIds[0];
    if (!caseId) throw new Error('bench: seed a case first');
    await Dexie.delete('bench-plain');
    const plain = new Dexie('bench-plain');
    plain.version(1).stores(SCHEMA_V1);
    await plain.open();
    const step: number[] = [];
    const put: number[] = [];
    const blob: number[] = [];
    let rows = 0;
    let bytes = 0;
    for (let i = 0; i <= steps; i++) {
      captured = [];
      capturing = true;
      const t0 = performance.now();
      await storage.appendEvent(s, caseId, noteDraft(s, i));
      const stepMs = since(t0);
      capturing = false;
      const writes = captured;
      const tables = [...new Set(writes.map((w) => w.table))];
      const t1 = performance.now();
      await plain.transaction('rw', tables, async () => {
        for (const w of writes) await plain.table(w.table).bulkPut(w.values);
      });
      const putMs = since(t1);
      const size = sizeOf(writes.map((w) => w.values));
      const t2 = performance.now();
      await plain.table('meta').put({ key: `blob-${i}`, bytes: new Uint8Array(size) });
      const blobMs = since(t2);
      if (i === 0) continue; // warm-up
      step.push(stepMs);
      put.push(putMs);
      blob.push(blobMs);
      rows = writes.reduce((n, w) => n + w.values.length, 0);
      bytes = size;
    }
    plain.close();
    await Dexie.delete('bench-plain');
    return { step, put, blob, rows, bytes };
  },

  /**
   * Home screen open, after a fresh unlock. First as the session's first open: listSummaries reads
   * the summary index, checks it against every case head and decrypts it (once per session); then
   * as every later visit of the home screen in that session: listSummaries answers from the
   * session's copy in memory (kept current by each step). Both are timed to the painted list.
   */
  async homeOpen() {
    unmountHome();
    await api.unlock();
    const s = requireSession();
    await afterPaint();
    const t0 = performance.now();
    const first = await storage.listSummaries(s);
    const firstListMs = since(t0);
    void mountHome(first.summaries).offsetHeight;
    await afterPaint();
    const firstMs = since(t0);
    if (first.indexRepairs.length > 0)
      throw new Error(`bench: the summary index needed repair: ${first.indexRepairs.join(' ')}`);
    unmountHome();
    await afterPaint();
    const t1 = performance.now();
    const list = await storage.listSummaries(s);
    const listMs = since(t1);
    const el = mountHome(list.summaries);
    void el.offsetHeight; // layout now, inside the timing
    await afterPaint();
    const ms = since(t1);
    summaries = list.summaries;
    const shown = statusText();
    if (!shown.includes(`${summaries.length} in all`))
      throw new Error(`bench: the home screen says "${shown}" for ${summaries.length} cases`);
    return {
      ms,
      listMs,
      renderMs: ms - listMs,
      firstMs,
      firstListMs,
      count: summaries.length,
      unreadable: list.unreadable.length,
    };
  },

  /** The queries both search figures use, and how many cases each finds now. */
  searchQueries() {
    const qs = [nameOf(7).split(' ')[1]!, nameOf(7), caseIds.length > 0 ? 'SEED-' : 'x', 'no such pupil'];
    return qs.map((q) => ({ q, found: summaries.filter((x) => matches(x, q)).length }));
  },

  /** matches() over every decrypted summary: ms per query, sampled `samples` times per query. */
  searchFilter(samples: number) {
    const out: number[] = [];
    for (const { q } of api.searchQueries()) {
      for (let k = 0; k < samples; k++) {
        let iterations = 0;
        let found = 0;
        const t0 = performance.now();
        do {
          found += summaries.filter((x) => matches(x, q)).length;
          iterations++;
        } while (performance.now() - t0 < 15);
        out.push(since(t0) / iterations);
        if (found < 0) throw new Error('unreachable');
      }
    }
    return out;
  },

  /** Typing a query into the rendered home screen until "N cases found" is painted. */
  async searchUi(samples: number) {
    if (!home) throw new Error('bench: open the home screen first');
    const el = home.el;
    const out: number[] = [];
    const queries = api.searchQueries();
    for (let k = 0; k < samples; k++) {
      for (const { q, found } of queries) {
        typeQuery('');
        await when(el, () => statusText().includes(' in all'));
        await afterPaint();
        const t0 = performance.now();
        typeQuery(q);
        await when(el, () => statusText() === foundText(found));
        await afterPaint();
        out.push(since(t0));
      }
    }
    typeQuery('');
    await when(el, () => statusText().includes(' in all'));
    return out;
  },

  unmountHome() {
    unmountHome();
    summaries = [];
  },

  /** PDF export and sign (loadCase, buildDocumentModel, renderSignedPdf) for cases of the given sizes. */
  async pdf(eventCounts: number[], runs: number) {
    const loader = Object.values(pdfModules)[0];
    if (!loader) return { absent: 'PDF module absent (src/pdf/index.ts)' };
    const s = requireSession();
    const t0 = performance.now();
    const pdf = (await loader()) as PdfApi;
    const loadMs = since(t0);
    if (!pdf.buildDocumentModel || !pdf.renderSignedPdf || !pdf.createEstablishmentSigner) {
      return { absent: 'PDF module has no buildDocumentModel/renderSignedPdf/createEstablishmentSigner' };
    }
    const t1 = performance.now();
    const signer = await pdf.createEstablishmentSigner(SETTINGS.establishment.name);
    const signerMs = since(t1);
    const sizes: { events: number; ms: number[]; firstMs: number; bytes: number }[] = [];
    for (const count of eventCounts) {
      const [caseId] = await storage.bulkSeedCases(s, 1, {
        events: (i, sess) => [
          ...seedEvents(900_000 + count)(i, sess),
          ...Array.from({ length: count - 2 }, (_, k) => noteDraft(sess, k)),
        ],
      });
      const ms: number[] = [];
      let firstMs = 0;
      let bytes = 0;
      for (let r = 0; r <= runs; r++) {
        const t = performance.now();
        const loaded = await storage.loadCase(s, caseId!);
        const model = await pdf.buildDocumentModel({
          establishment: { name: SETTINGS.establishment.name, type: SETTINGS.establishment.type },
          events: loaded.events,
          chainHead: loaded.head.digest,
          certificateFingerprint: signer.fingerprint,
          generatedAt: new Date().toISOString(),
          generatedBy: { name: s.user.name, role: s.user.role },
        });
        const out = await pdf.renderSignedPdf(model, signer);
        const took = since(t);
        if (loaded.events.length !== count)
          throw new Error(`bench: the PDF case has ${loaded.events.length} events, not ${count}`);
        bytes = out.byteLength;
        if (r === 0) firstMs = took; // includes fetching the fonts
        else ms.push(took);
      }
      sizes.push({ events: count, ms, firstMs, bytes });
    }
    return { loadMs, signerMs, sizes };
  },
};

declare global {
  interface Window {
    __bench: typeof api;
  }
}
window.__bench = api;
