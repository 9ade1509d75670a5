// The PDF record and the screens say each route in the same words (issue 14 item 5): both read
// src/domain/routeWords.ts, so "The school may manage this" on the review screen is "The school
// may manage this" in the record, never "The school manages it".
import { describe, expect, it } from 'vitest';
import { buildDocumentModel, type DocumentModel } from '../../../src/pdf';
import { ROUTE_TITLES } from '../../../src/pdf/model/labels';
import { routesText } from '../../../src/pdf/model/decisions';
import { ROUTE_WORDS } from '../../../src/domain/routeWords';
import { ROUTE_IDS } from '../../../src/domain/types';
import { ROUTE_LABELS } from '../../../src/ui/policy/labels';
import { fullCase, inputFor } from './cases';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 3).toString(16).padStart(2, '0').toUpperCase()).join(':');

function texts(model: DocumentModel): string {
  return JSON.stringify({ sections: model.sections, header: model.header, footer: model.footer, meta: model.meta });
}

describe('route words', () => {
  it('are the same on the screens and in the PDF, for every route', () => {
    for (const route of ROUTE_IDS) {
      expect(ROUTE_TITLES[route]).toBe(ROUTE_WORDS[route].title);
      expect(ROUTE_LABELS[route].title).toBe(ROUTE_WORDS[route].title);
      expect(routesText([route])).toBe(ROUTE_LABELS[route].title);
    }
  });

  it('print the school-managed route as the screens show it in a decided case’s record', async () => {
    // The full case's decision is experimental: risk assessment, and the school may manage it.
    const model = await buildDocumentModel(inputFor(fullCase().events, FINGERPRINT));
    const text = texts(model);
    expect(text).toContain('The school may manage this');
    expect(text).toContain('Assess the risks');
    expect(text).not.toContain('The school manages it');
  });
});
