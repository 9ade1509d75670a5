// Owns case -> document model: the sharing copy's redaction, the record hash of the log shown, the
// cover and every section. Pure apart from WebCrypto's SHA-256 (no clock, no storage, no DOM).
import { alsoRecordedAsText, sameIncidentOf, sameIncidentStatus } from '../../domain/sameIncident';
import { applyEvent, emptyCase, referenceDate, type CaseRecord } from '../../domain/case';
import type { CaseEvent } from '../../domain/events';
import { replay, stageOf } from '../../domain/machine';
import { youngPeople } from '../../domain/rules/triggers';
import { ROLE_LABELS, STAGE_LABELS, type Stage } from '../../domain/stages';
import type { Person } from '../../domain/types';
import { hasRedactions, redactEvents } from '../redaction';
import { recordHash } from '../recordHash';
import { findUndrawableText } from '../text/check';
import { chronologySection } from './chronology';
import { decisionsSection } from './decisions';
import { DEFAULT_TIME_ZONE } from './format';
import { fields, h, list, p, personSummary, row, when, wideRow, type Ctx } from './parts';
import {
  closureSection,
  conversationsSection,
  deletionSection,
  devicesSection,
  parentsSection,
  referralsSection,
  removalsSection,
  riskSection,
  signOffsSection,
  socialCareSection,
  supportSection,
  viewingSection,
} from './response';
import { disclosureSection, peopleSection, reviewSection } from './review';
import type { DocumentInput, DocumentMeta, DocumentModel, Section } from './types';

export const DOCUMENT_TITLE = 'Record of the response to an incident of youth-produced sexual imagery';
export const NO_TRUSTED_TIMESTAMP = "There is no trusted timestamp: the signing time is this device's clock.";

function everyPerson(events: readonly CaseEvent[]): Map<string, Person> {
  const out = new Map<string, Person>();
  for (const e of events) {
    const persons =
      e.type === 'disclosure.recorded'
        ? e.persons
        : e.type === 'review.decided'
          ? e.facts.persons
          : e.type === 'facts.updated' || e.type === 'risk.assessed'
            ? e.facts.persons
            : undefined;
    for (const person of persons ?? []) out.set(person.id, person);
  }
  return out;
}

/** The machine's stage for the (unredacted) log; null when the log does not replay. */
function stageOfLog(events: readonly CaseEvent[]): Stage | null {
  try {
    return stageOf(replay(events));
  } catch {
    return null;
  }
}

/** "AB:CD:...": two halves of 16 pairs, so the line breaks between them and nowhere else. */
function splitFingerprint(f: string): string {
  const pairs = f.split(':');
  return pairs.length === 32 ? `${pairs.slice(0, 16).join(':')} ${pairs.slice(16).join(':')}` : f;
}

function coverSection(meta: DocumentMeta, input: DocumentInput, c: CaseRecord, ctx: Ctx): Section {
  const redactedNotice = meta.redacted
    ? [
        p(
          'REDACTED COPY FOR SHARING. What the Designated Safeguarding Lead marked as not for sharing is shown as [redacted]. The record hash on every page is over the redacted event log, so the holder of the case can recompute it from the same redaction.',
          'notice',
        ),
      ]
    : [];
  return {
    id: 'cover',
    title: meta.title,
    blocks: [
      ...redactedNotice,
      p(
        'CONFIDENTIAL: a child protection record. Keep it as securely as the paper file. Once saved, this PDF is not encrypted.',
        'bold',
      ),
      fields([
        row(
          'Establishment',
          `${meta.establishment.name}${meta.establishment.type.trim() ? ` (${meta.establishment.type})` : ''}`,
        ),
        row('Case reference', meta.caseReference || 'Not recorded'),
        row('Young people', meta.youngPeople.length ? meta.youngPeople.join('; ') : 'None recorded'),
        row(
          'Status',
          sameIncidentStatus(c) ?? (meta.closed || meta.stage === 'closed' ? 'Closed' : `Open: ${meta.stageLabel}`),
        ),
        // One disclosure accepted on two tablets apart (src/domain/sameIncident.ts): the other reference.
        ...sameIncidentOf(c).alsoRecordedAs.map((x) => row('Also recorded as', `${alsoRecordedAsText(x)}.`)),
        sameIncidentOf(c).conflict ? row('Same incident', sameIncidentOf(c).conflict!.text) : null,
        row('Opened', c.opened ? when(ctx, c.opened.at) : 'Not recorded'),
        row('Policy version', meta.policyVersion),
        row('Events recorded', String(meta.eventCount)),
        row(
          'Prepared',
          `${when(ctx, meta.generatedAt)} by ${meta.generatedBy.name} (${ROLE_LABELS[meta.generatedBy.role] ?? meta.generatedBy.role})`,
        ),
        input.recipient?.trim() ? row('Prepared for', input.recipient) : null,
        input.purpose?.trim() ? row('Purpose', input.purpose) : null,
        row('Times', `Shown in ${meta.timeZone} time.`),
      ]),
      h('Checking this record'),
      fields([
        wideRow('Record hash (SHA-256)', meta.recordHash),
        wideRow('Event-chain head', meta.chainHead || 'Not given'),
        wideRow(
          "Establishment's certificate fingerprint (SHA-256)",
          splitFingerprint(meta.certificateFingerprint) || 'Not given',
        ),
      ]),
      p(
        `This PDF carries a digital signature (PAdES) made with the establishment's own certificate. A PDF reader shows the signer's identity as unknown because the certificate is self-signed: check its fingerprint, above, by phone with the sender. ${NO_TRUSTED_TIMESTAMP}`,
      ),
      p(
        `The record hash is the SHA-256 of the case's ${meta.eventCount} events as canonical JSON (keys sorted, no spaces), so anyone holding the case can recompute it; the event-chain head ties this record to the tamper-evident log on the device. Both are printed at the foot of every page.`,
        'small',
      ),
    ],
  };
}

/** Builds the document model for the full record, or for a sharing copy when `redactions` names anything. */
export async function buildDocumentModel(input: DocumentInput): Promise<DocumentModel> {
  const redacted = hasRedactions(input.redactions);
  const events = redacted ? redactEvents(input.events, input.redactions!) : [...input.events];
  const c = events.reduce(applyEvent, emptyCase());
  const persons = everyPerson(events);
  const ctx: Ctx = { timeZone: input.timeZone ?? DEFAULT_TIME_ZONE, persons, referenceDate: referenceDate(c) };
  const stage = stageOfLog(input.events);
  const meta: DocumentMeta = {
    title: DOCUMENT_TITLE,
    establishment: { name: input.establishment.name, type: input.establishment.type },
    caseId: c.id,
    caseReference: c.reference,
    policyVersion: c.policyVersion,
    stage,
    stageLabel: stage ? STAGE_LABELS[stage] : 'Not known (the log does not replay)',
    closed: c.closed,
    youngPeople: youngPeople(c.facts.persons, ctx.referenceDate).map((yp) => personSummary(ctx, yp)),
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    certificateFingerprint: input.certificateFingerprint,
    recordHash: await recordHash(events),
    chainHead: input.chainHead,
    eventCount: events.length,
    redacted,
    timeZone: ctx.timeZone,
  };
  const sections: Section[] = [
    coverSection(meta, input, c, ctx),
    decisionsSection(c, ctx),
    disclosureSection(c, ctx),
    peopleSection(c, ctx),
    reviewSection(c, ctx, events),
    referralsSection(c, ctx),
    riskSection(c, ctx),
    parentsSection(c, ctx),
    conversationsSection(c, ctx),
    viewingSection(c, ctx),
    deletionSection(c, ctx),
    devicesSection(c, ctx),
    socialCareSection(c, ctx),
    removalsSection(c, ctx),
    supportSection(c, ctx),
    signOffsSection(c, ctx),
    closureSection(c, ctx),
    chronologySection(events, [...persons.values()], ctx, c),
  ];
  const header = `${meta.establishment.name} · Case ${meta.caseReference || 'without reference'} · Confidential${redacted ? ' · REDACTED COPY' : ''}`;
  const footer = [
    `Record hash (SHA-256): ${meta.recordHash}`,
    `Event-chain head: ${meta.chainHead || 'not given'}`,
    ...(redacted ? ['Redacted copy for sharing: the record hash is over the redacted event log.'] : []),
  ];
  const model: DocumentModel = { meta, sections, header, footer, undrawable: [] };
  model.undrawable = findUndrawableText(model);
  if (model.undrawable.length > 0) {
    sections[0]!.blocks.push(
      h('Characters this document cannot draw'),
      p(
        'Some recorded text contains characters the embedded fonts cannot draw. Each is shown as □; the text as recorded is kept in the case on the device.',
        'notice',
      ),
      list(model.undrawable.map((u) => `${u.where}: ${u.characters.map((x) => x.codePoints).join(', ')}`)),
    );
  }
  return model;
}
