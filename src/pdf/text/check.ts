// Owns findUndrawableText: every piece of the document's text the embedded fonts cannot draw, and
// where it is, so the export can say so before the DSL signs (a name is never dropped silently).
import type { Block, DocumentModel, UndrawableText } from '../model/types';
import { codePointsOf, normaliseText, undrawableGraphemes } from './drawable';

function around(text: string, grapheme: string): string {
  const normal = normaliseText(text);
  if (normal.length <= 120) return normal;
  const at = Math.max(0, normal.indexOf(grapheme));
  const start = Math.max(0, at - 50);
  return `${start > 0 ? '…' : ''}${normal.slice(start, at + 50)}…`;
}

function blockTexts(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
    case 'paragraph':
      return [b.text];
    case 'fields':
      return b.rows.flatMap((r) => [r.label, r.value]);
    case 'list':
      return b.items;
    case 'bars':
      return [b.caption, ...b.rows.flatMap((r) => [r.label, r.value])];
    case 'signature':
      return [b.caption, ...(b.mark.kind === 'typed' ? [b.mark.name] : [])];
    case 'entry':
      return [b.title, ...b.meta, ...b.lines, ...(b.why ? [b.why] : []), ...b.amendments];
  }
}

/** Each text of the model (cover, header, footer, every section) with characters the fonts cannot draw. */
export function findUndrawableText(model: Pick<DocumentModel, 'sections' | 'header' | 'footer'>): UndrawableText[] {
  const out: UndrawableText[] = [];
  const seen = new Set<string>();
  const check = (where: string, text: string) => {
    const bad = undrawableGraphemes(text);
    if (bad.length === 0) return;
    const key = `${where}\u0000${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({
      where,
      text: around(text, bad[0]!),
      characters: bad.map((g) => ({ grapheme: g, codePoints: codePointsOf(g) })),
    });
  };
  check('Page header', model.header);
  model.footer.forEach((f) => check('Page footer', f));
  for (const s of model.sections) {
    const section = s.id === 'cover' ? 'Cover' : s.title;
    check(section, s.title);
    for (const b of s.blocks) {
      // Where is never user text: it is printed in the notice, which must itself be drawable.
      const where = b.kind === 'entry' ? `${section}, entry ${/^(\d+)\./.exec(b.title)?.[1] ?? '?'}` : section;
      for (const t of blockTexts(b)) check(where, t);
    }
  }
  return out;
}
