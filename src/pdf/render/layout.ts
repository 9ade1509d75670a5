// Owns the page layout: blocks of the document model into "units" (rows of text, signature boxes)
// and units onto A4 pages, so that headings stay with what follows and nothing crosses a margin.
import type { Block, DocumentModel, Section } from '../model/types';
import { withoutDirectionMark } from '../text/bidi';
import { toDrawable } from '../text/drawable';
import { wrapText } from './wrap';

export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { left: 56, right: 56, top: 64, bottom: 78 } as const;
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

export type FontName = 'regular' | 'bold';
export type Colour = 'text' | 'muted' | 'accent' | 'notice';

export interface TextStyle {
  font: FontName;
  size: number;
  lineHeight: number;
  colour: Colour;
}

export const STYLES = {
  title: { font: 'bold', size: 17, lineHeight: 22, colour: 'accent' },
  section: { font: 'bold', size: 13.5, lineHeight: 18, colour: 'accent' },
  heading: { font: 'bold', size: 10.5, lineHeight: 14.5, colour: 'text' },
  body: { font: 'regular', size: 9.5, lineHeight: 13, colour: 'text' },
  bold: { font: 'bold', size: 9.5, lineHeight: 13, colour: 'text' },
  small: { font: 'regular', size: 8.5, lineHeight: 11.5, colour: 'muted' },
  label: { font: 'bold', size: 8.5, lineHeight: 13, colour: 'muted' },
  notice: { font: 'bold', size: 10, lineHeight: 13.5, colour: 'notice' },
  entryTitle: { font: 'bold', size: 10, lineHeight: 14, colour: 'text' },
  footer: { font: 'regular', size: 7, lineHeight: 9, colour: 'muted' },
  caption: { font: 'regular', size: 8, lineHeight: 11, colour: 'muted' },
  typedSignature: { font: 'regular', size: 16, lineHeight: 20, colour: 'text' },
} as const satisfies Record<string, TextStyle>;

export type DrawOp =
  | { op: 'text'; x: number; dy: number; text: string; style: TextStyle }
  | { op: 'bar'; x: number; dy: number; width: number; height: number; colour: Colour }
  | { op: 'rule'; x: number; dy: number; width: number }
  | { op: 'box'; x: number; dy: number; width: number; height: number }
  | { op: 'strokes'; x: number; dy: number; width: number; height: number; path: string };

/** One row that is never split across pages; `keep` following units stay on its page. */
export interface Unit {
  height: number;
  ops: DrawOp[];
  spaceBefore: number;
  keep?: number;
  pageBreakBefore?: boolean;
}

export type MeasureFor = (style: TextStyle) => (text: string) => number;

/** Baseline of a line of text below the top of its row: the font's box centred in the line height. */
function baseline(style: TextStyle): number {
  // DejaVu Sans: ascender 0.928 em, descender 0.236 em.
  return (style.lineHeight - 1.164 * style.size) / 2 + 0.928 * style.size;
}

export function blockUnits(
  block: Block,
  m: MeasureFor,
  strokesPath: (mark: Block & { kind: 'signature' }, w: number, h: number) => string,
): Unit[] {
  const lines = (text: string, style: TextStyle, width: number) => wrapText(toDrawable(text), width, m(style));
  const textUnits = (text: string, style: TextStyle, x: number, width: number, spaceBefore = 0, bar?: Colour): Unit[] =>
    lines(text, style, width).map((line, i) => ({
      height: style.lineHeight,
      spaceBefore: i === 0 ? spaceBefore : 0,
      ops: [
        ...(bar
          ? [{ op: 'bar' as const, x: MARGIN.left, dy: 0, width: 2.5, height: style.lineHeight, colour: bar }]
          : []),
        { op: 'text' as const, x, dy: baseline(style), text: line, style },
      ],
    }));
  const left = MARGIN.left;

  switch (block.kind) {
    case 'heading': {
      const u = textUnits(block.text, STYLES.heading, left, CONTENT_WIDTH, 9);
      u.at(-1)!.keep = 2;
      return u;
    }
    case 'paragraph': {
      if (block.style === 'notice')
        return textUnits(block.text, STYLES.notice, left + 10, CONTENT_WIDTH - 10, 6, 'notice');
      const style = block.style === 'bold' ? STYLES.bold : block.style === 'small' ? STYLES.small : STYLES.body;
      return textUnits(block.text, style, left, CONTENT_WIDTH, 5);
    }
    case 'list': {
      const indent = 12;
      return block.items.flatMap((item) => {
        const u = textUnits(item, STYLES.body, left + indent, CONTENT_WIDTH - indent, 2);
        u[0]!.ops.push({ op: 'text', x: left + 2, dy: baseline(STYLES.body), text: '•', style: STYLES.body });
        return u;
      });
    }
    case 'fields': {
      const labelWidth = 158;
      const gap = 10;
      const valueX = left + labelWidth + gap;
      const valueWidth = CONTENT_WIDTH - labelWidth - gap;
      return block.rows.flatMap((r) => {
        if (r.wide) {
          const label = lines(r.label, STYLES.label, CONTENT_WIDTH).map((line, i): Unit => ({
            height: STYLES.label.lineHeight,
            spaceBefore: i === 0 ? 3 : 0,
            ops: [
              ...(i === 0 ? [{ op: 'rule' as const, x: left, dy: 0, width: CONTENT_WIDTH }] : []),
              { op: 'text', x: left, dy: baseline(STYLES.body), text: line, style: STYLES.label },
            ],
          }));
          label.at(-1)!.keep = 1;
          return [...label, ...textUnits(r.value, STYLES.body, left, CONTENT_WIDTH)];
        }
        const ls = lines(r.label, STYLES.label, labelWidth);
        const vs = lines(r.value, STYLES.body, valueWidth);
        const n = Math.max(ls.length, vs.length);
        const units: Unit[] = [];
        for (let i = 0; i < n; i++) {
          const ops: DrawOp[] = [];
          if (i === 0) ops.push({ op: 'rule', x: left, dy: 0, width: CONTENT_WIDTH });
          if (ls[i]) ops.push({ op: 'text', x: left, dy: baseline(STYLES.body), text: ls[i]!, style: STYLES.label });
          if (vs[i]) ops.push({ op: 'text', x: valueX, dy: baseline(STYLES.body), text: vs[i]!, style: STYLES.body });
          units.push({ height: STYLES.body.lineHeight, spaceBefore: i === 0 ? 3 : 0, ops });
        }
        // A label never ends a page without the first line of its answer.
        if (units.length > 1) units[0]!.keep = Math.min(units.length - 1, ls.length);
        return units;
      });
    }
    case 'bars': {
      // Label | bar | value: the value is always in words beside the bar, so the chart never relies on the bar alone.
      const labelWidth = 170;
      const valueWidth = 110;
      const gap = 8;
      const barX = left + labelWidth + gap;
      const barMax = CONTENT_WIDTH - labelWidth - valueWidth - 2 * gap;
      const valueX = barX + barMax + gap;
      const caption = textUnits(block.caption, STYLES.small, left, CONTENT_WIDTH, 6);
      const rows = block.rows.flatMap((r) => {
        const ls = lines(r.label, STYLES.body, labelWidth);
        const vs = lines(r.value, STYLES.body, valueWidth);
        const n = Math.max(ls.length, vs.length);
        const units: Unit[] = [];
        for (let i = 0; i < n; i++) {
          const ops: DrawOp[] = [];
          if (i === 0) {
            ops.push({ op: 'rule', x: left, dy: 0, width: CONTENT_WIDTH });
            if (r.fraction !== null && r.fraction > 0)
              ops.push({
                op: 'bar',
                x: barX,
                dy: 3,
                width: Math.max(1, Math.min(1, r.fraction) * barMax),
                height: STYLES.body.lineHeight - 5,
                colour: 'accent',
              });
          }
          if (ls[i]) ops.push({ op: 'text', x: left, dy: baseline(STYLES.body), text: ls[i]!, style: STYLES.body });
          if (vs[i]) ops.push({ op: 'text', x: valueX, dy: baseline(STYLES.body), text: vs[i]!, style: STYLES.bold });
          units.push({ height: STYLES.body.lineHeight + (i === 0 ? 2 : 0), spaceBefore: i === 0 ? 2 : 0, ops });
        }
        return units;
      });
      if (caption.length) caption.at(-1)!.keep = 1;
      return [...caption, ...rows];
    }
    case 'signature': {
      const width = 220;
      const height = 72;
      const ops: DrawOp[] = [{ op: 'box', x: left, dy: 0, width, height }];
      if (block.mark.kind === 'drawn') {
        const path = strokesPath(block, width, height);
        if (path) ops.push({ op: 'strokes', x: left, dy: 0, width, height, path });
        else
          ops.push({
            op: 'text',
            x: left + 8,
            dy: height / 2,
            text: 'No strokes were recorded for this signature.',
            style: STYLES.caption,
          });
      } else {
        const typed = lines(block.mark.name, STYLES.typedSignature, width - 16);
        typed.slice(0, 3).forEach((line, i) =>
          ops.push({
            op: 'text',
            x: left + 8,
            dy: 8 + i * 20 + baseline(STYLES.typedSignature),
            text: line,
            style: STYLES.typedSignature,
          }),
        );
      }
      const kind =
        block.mark.kind === 'drawn'
          ? 'Signature drawn on the tablet, reproduced from its recorded strokes'
          : 'Typed signature';
      const caption = lines(`${block.caption}. ${kind}.`, STYLES.caption, CONTENT_WIDTH);
      caption.forEach((line, i) =>
        ops.push({
          op: 'text',
          x: left,
          dy: height + 2 + i * STYLES.caption.lineHeight + baseline(STYLES.caption),
          text: line,
          style: STYLES.caption,
        }),
      );
      const typedOverflow =
        block.mark.kind === 'typed' ? lines(block.mark.name, STYLES.typedSignature, width - 16).slice(3) : [];
      // A typed name longer than the box continues below it rather than being cut.
      const extra = typedOverflow.length
        ? textUnits(typedOverflow.map(withoutDirectionMark).join(' '), STYLES.body, left, CONTENT_WIDTH)
        : [];
      return [{ height: height + 4 + caption.length * STYLES.caption.lineHeight, spaceBefore: 8, ops }, ...extra];
    }
    case 'entry': {
      const indent = 12;
      const title = textUnits(block.title, STYLES.entryTitle, left, CONTENT_WIDTH, 10);
      const meta = block.meta.flatMap((t) => textUnits(t, STYLES.small, left + indent, CONTENT_WIDTH - indent));
      const body = block.lines.flatMap((t) => textUnits(t, STYLES.body, left + indent, CONTENT_WIDTH - indent, 1));
      const why = block.why
        ? textUnits(`Why: ${block.why}`, STYLES.body, left + indent, CONTENT_WIDTH - indent, 1)
        : [];
      const amendments = block.amendments.flatMap((t) =>
        textUnits(t, STYLES.small, left + indent + 8, CONTENT_WIDTH - indent - 8, 3, 'notice'),
      );
      title.at(-1)!.keep = Math.min(meta.length + 1, meta.length + body.length + why.length);
      return [...title, ...meta, ...body, ...why, ...amendments];
    }
  }
}

export function sectionUnits(
  section: Section,
  isFirst: boolean,
  m: MeasureFor,
  strokesPath: Parameters<typeof blockUnits>[2],
): Unit[] {
  const style = isFirst ? STYLES.title : STYLES.section;
  const title = wrapText(toDrawable(section.title), CONTENT_WIDTH, m(style)).map((line): Unit => ({
    height: style.lineHeight,
    spaceBefore: 0,
    ops: [{ op: 'text', x: MARGIN.left, dy: baseline(style), text: line, style }],
  }));
  title[0]!.spaceBefore = isFirst ? 0 : 16;
  if (section.newPage && !isFirst) title[0]!.pageBreakBefore = true;
  const last = title.at(-1)!;
  last.height += 4;
  last.ops.push({ op: 'rule', x: MARGIN.left, dy: style.lineHeight + 1, width: CONTENT_WIDTH });
  last.keep = 2;
  return [...title, ...section.blocks.flatMap((b) => blockUnits(b, m, strokesPath))];
}

export interface PlacedUnit {
  unit: Unit;
  /** Top of the unit, in PDF points from the bottom of the page. */
  top: number;
}

/** Units onto pages, top to bottom; a unit moves to a new page with the `keep` units after it. */
export function paginate(
  units: Unit[],
  area: { top: number; bottom: number } = { top: PAGE.height - MARGIN.top, bottom: MARGIN.bottom },
): PlacedUnit[][] {
  const { top, bottom } = area;
  const pages: PlacedUnit[][] = [[]];
  let y = top;
  const atTop = () => pages.at(-1)!.length === 0;
  const newPage = () => {
    pages.push([]);
    y = top;
  };
  units.forEach((unit, i) => {
    if (unit.pageBreakBefore && !atTop()) newPage();
    let need = (atTop() ? 0 : unit.spaceBefore) + unit.height;
    for (let k = 1; k <= (unit.keep ?? 0) && i + k < units.length; k++)
      need += units[i + k]!.spaceBefore + units[i + k]!.height;
    // Keeping together never asks for more than a page: then it simply flows.
    if (y - need < bottom && !atTop() && need <= top - bottom) newPage();
    else if (y - (atTop() ? 0 : unit.spaceBefore) - unit.height < bottom && !atTop()) newPage();
    if (!atTop()) y -= unit.spaceBefore;
    pages.at(-1)!.push({ unit, top: y });
    y -= unit.height;
  });
  return pages;
}

export function documentUnits(
  model: DocumentModel,
  m: MeasureFor,
  strokesPath: Parameters<typeof blockUnits>[2],
): Unit[] {
  return model.sections.flatMap((s, i) => sectionUnits(s, i === 0, m, strokesPath));
}
