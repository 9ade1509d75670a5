// Owns drawing the document model with pdf-lib: embedded, subsetted fonts; text and vector strokes
// only (no image is ever embedded); header, footer with the record hash and chain head, and
// "Page n of N" on every page; the record hash in the Info dictionary for the verifier.
import {
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  LineCapStyle,
  degrees,
  drawText,
  rgb,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import { EmbeddedFont } from './pdfFont';
import { INFO_KEYS } from '../infoKeys';
import type { DocumentModel } from '../model/types';
import { visualOrder } from '../text/bidi';
import { toDrawable } from '../text/drawable';
import { shapeArabic } from '../text/shape';
import { loadFonts, type FontBytes } from './fonts';
import {
  CONTENT_WIDTH,
  MARGIN,
  PAGE,
  STYLES,
  documentUnits,
  paginate,
  type Colour,
  type DrawOp,
  type TextStyle,
} from './layout';
import { strokesToSvgPath } from './strokes';
import { wrapText } from './wrap';

const COLOURS: Record<Colour, RGB> = {
  text: rgb(0.07, 0.07, 0.07),
  muted: rgb(0.3, 0.3, 0.3),
  accent: rgb(0.114, 0.231, 0.325), // the app's theme colour #1d3b53
  notice: rgb(0.6, 0.12, 0.05),
};
const RULE = rgb(0.78, 0.78, 0.78);

export interface RenderOptions {
  /** The font files; by default the ones shipped beside this module. */
  fonts?: FontBytes;
}

interface Fonts {
  regular: EmbeddedFont;
  bold: EmbeddedFont;
}

/**
 * Draws one line of (drawable) text, wrapped in logical order: Arabic shaped into its joining
 * forms, then put in visual order (right-to-left runs reversed), one glyph per character.
 */
function text(page: PDFPage, font: EmbeddedFont, line: string, x: number, y: number, size: number, color: RGB): void {
  page.pushOperators(
    ...drawText(font.encode(visualOrder(shapeArabic(line))), {
      color,
      font: font.keyOn(page),
      size,
      rotate: degrees(0),
      xSkew: degrees(0),
      ySkew: degrees(0),
      x,
      y,
    }),
  );
}

function measurer(fonts: Fonts) {
  const caches = new Map<string, Map<string, number>>();
  return (style: TextStyle) => {
    const key = `${style.font}/${style.size}`;
    let cache = caches.get(key);
    if (!cache) caches.set(key, (cache = new Map()));
    const font = fonts[style.font];
    return (text: string) => {
      let w = cache.get(text);
      if (w === undefined) {
        // Measured as drawn: Arabic joining forms are narrower or wider than the letters.
        w = font.widthOfTextAtSize(shapeArabic(text), style.size);
        if (cache.size < 20_000) cache.set(text, w);
      }
      return w;
    };
  };
}

function draw(page: PDFPage, fonts: Fonts, op: DrawOp, top: number): void {
  const y = top - op.dy;
  switch (op.op) {
    case 'text':
      if (op.text) text(page, fonts[op.style.font], op.text, op.x, y, op.style.size, COLOURS[op.style.colour]);
      return;
    case 'bar':
      page.drawRectangle({ x: op.x, y: y - op.height, width: op.width, height: op.height, color: COLOURS[op.colour] });
      return;
    case 'rule':
      page.drawLine({ start: { x: op.x, y }, end: { x: op.x + op.width, y }, thickness: 0.4, color: RULE });
      return;
    case 'box':
      page.drawRectangle({
        x: op.x,
        y: y - op.height,
        width: op.width,
        height: op.height,
        borderColor: RULE,
        borderWidth: 0.6,
      });
      return;
    case 'strokes':
      page.drawSvgPath(op.path, {
        x: op.x,
        y,
        borderColor: rgb(0.05, 0.1, 0.35),
        borderWidth: 1.1,
        borderLineCap: LineCapStyle.Round,
      });
      return;
  }
}

interface Running {
  header: string[];
  footer: string[];
  /** The content area between them (header and footer grow with long names; content never runs under them). */
  area: { top: number; bottom: number };
}

const HEADER_TOP = 34;
const FOOTER_BASE = 26;

function running(model: DocumentModel, measure: ReturnType<typeof measurer>): Running {
  const header = wrapText(toDrawable(model.header), CONTENT_WIDTH, measure(STYLES.caption));
  const footer = model.footer.flatMap((f) => wrapText(toDrawable(f), CONTENT_WIDTH, measure(STYLES.footer)));
  const headerBottom = HEADER_TOP + header.length * STYLES.caption.lineHeight + 12;
  const footerTop = FOOTER_BASE + (footer.length + 1) * STYLES.footer.lineHeight + 12;
  return {
    header,
    footer,
    area: { top: PAGE.height - Math.max(MARGIN.top, headerBottom), bottom: Math.max(MARGIN.bottom, footerTop) },
  };
}

function drawRunning(page: PDFPage, fonts: Fonts, r: Running, n: number, total: number): void {
  r.header.forEach((line, i) =>
    text(
      page,
      fonts.regular,
      line,
      MARGIN.left,
      PAGE.height - HEADER_TOP - i * STYLES.caption.lineHeight,
      STYLES.caption.size,
      COLOURS.muted,
    ),
  );
  const lh = STYLES.footer.lineHeight;
  // The footer grows upwards from the foot of the page; the page number sits last.
  let y = FOOTER_BASE + r.footer.length * lh;
  page.drawLine({
    start: { x: MARGIN.left, y: y + lh - 1 },
    end: { x: PAGE.width - MARGIN.right, y: y + lh - 1 },
    thickness: 0.4,
    color: RULE,
  });
  for (const line of r.footer) {
    text(page, fonts.regular, line, MARGIN.left, y, STYLES.footer.size, COLOURS.muted);
    y -= lh;
  }
  const pageLabel = `Page ${n} of ${total}`;
  const size = 8;
  text(
    page,
    fonts.bold,
    pageLabel,
    PAGE.width - MARGIN.right - fonts.bold.widthOfTextAtSize(pageLabel, size),
    y,
    size,
    COLOURS.text,
  );
}

/** Lays out and draws the model; returns the document, not yet saved (signing adds its field first). */
export async function buildPdfDocument(model: DocumentModel, options: RenderOptions = {}): Promise<PDFDocument> {
  const fontBytes = options.fonts ?? (await loadFonts());
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {
    regular: new EmbeddedFont(doc, fontBytes.regular),
    bold: new EmbeddedFont(doc, fontBytes.bold),
  };
  const measure = measurer(fonts);
  const units = documentUnits(model, measure, (b, w, h) =>
    b.mark.kind === 'drawn' ? strokesToSvgPath(b.mark, w, h) : '',
  );
  const run = running(model, measure);
  const pages = paginate(units, run.area);
  pages.forEach((placed, i) => {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    for (const { unit, top } of placed) for (const op of unit.ops) draw(page, fonts, op, top);
    drawRunning(page, fonts, run, i + 1, pages.length);
  });
  // Subset the fonts to the glyphs every page used.
  fonts.regular.embed();
  fonts.bold.embed();

  const m = model.meta;
  const when = new Date(Date.parse(m.generatedAt));
  // Names stay out of the metadata: readers and search indexes show it without opening the record.
  doc.setTitle(m.documentTitle ?? `Case ${m.caseReference}: response record${m.redacted ? ' (redacted copy)' : ''}`);
  doc.setAuthor(m.establishment.name);
  doc.setSubject(m.title);
  doc.setCreator('YPSI Response');
  doc.setProducer('YPSI Response (pdf-lib)');
  doc.setLanguage('en-GB');
  if (!Number.isNaN(when.getTime())) {
    doc.setCreationDate(when);
    doc.setModificationDate(when);
  }
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of(INFO_KEYS.recordHash), PDFString.of(m.recordHash));
  info.set(
    PDFName.of(INFO_KEYS.chainHead),
    /^[\x20-\x27\x2a-\x5b\x5d-\x7e]*$/.test(m.chainHead)
      ? PDFString.of(m.chainHead)
      : PDFHexString.fromText(m.chainHead),
  );
  info.set(PDFName.of(INFO_KEYS.caseReference), PDFHexString.fromText(m.caseReference));
  info.set(PDFName.of(INFO_KEYS.redacted), PDFString.of(m.redacted ? 'yes' : 'no'));
  return doc;
}

/** The record as an unsigned PDF (a preview; export signs it with signPdf or renderSignedPdf). */
export async function renderPdf(model: DocumentModel, options: RenderOptions = {}): Promise<Uint8Array> {
  const doc = await buildPdfDocument(model, options);
  return doc.save({ useObjectStreams: false });
}
