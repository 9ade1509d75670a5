// The document model: everything the printed record says, as plain data, before any layout. The
// renderer only places it on pages; every word is decided here (pure, testable without a PDF).
import type { CaseEvent, Signature } from '../../domain/events';
import type { Role } from '../../domain/types';
import type { Redactions } from '../redaction';

export interface DocumentInput {
  establishment: { name: string; type: string };
  /** The case's whole event log, in order (the sharing copy is made from it here). */
  events: readonly CaseEvent[];
  /** The case's event-chain head, as storage computed it. Printed on every page. */
  chainHead: string;
  /** SHA-256 of the establishment's signing certificate (colon pairs), printed to check by phone. */
  certificateFingerprint: string;
  /** When the export was made, by this device's clock (ISO). */
  generatedAt: string;
  generatedBy: { name: string; role: Role };
  /** What is not for sharing; absent or empty for the full record. */
  redactions?: Redactions | null | undefined;
  /** Who the copy is for, and why (as logged at export). */
  recipient?: string | undefined;
  purpose?: string | undefined;
  /** Times are printed in this zone (default Europe/London). */
  timeZone?: string | undefined;
}

/** A drawn signature's strokes in its own box, or a typed name. Drawn as vectors, never an image. */
export type SignatureMark = Signature;

export interface FieldRow {
  label: string;
  value: string;
  /** Label above, value across the full width (hashes and fingerprints that must not break). */
  wide?: boolean;
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; style?: 'normal' | 'bold' | 'small' | 'notice' }
  | { kind: 'fields'; rows: FieldRow[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'signature'; caption: string; mark: SignatureMark }
  /** A bar chart drawn as a table: label, bar, value in words. `fraction` null draws no bar. */
  | { kind: 'bars'; caption: string; rows: { label: string; value: string; fraction: number | null }[] }
  | {
      kind: 'entry';
      /** "12. Disclosure recorded" */
      title: string;
      /** Who, when it happened, when it was recorded. */
      meta: string[];
      lines: string[];
      why?: string;
      /** Amendments made later to this entry, beside it. */
      amendments: string[];
    };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  /** Start the section on a new page (the chronology does). */
  newPage?: boolean;
}

export interface UndrawableText {
  /** Where in the record: "Chronology, entry 4" or "Cover". */
  where: string;
  /** The text as recorded (shortened around the first problem when long). */
  text: string;
  /** The graphemes the fonts cannot draw, with their code points. */
  characters: { grapheme: string; codePoints: string }[];
}

export interface DocumentMeta {
  title: string;
  establishment: { name: string; type: string };
  caseId: string;
  caseReference: string;
  policyVersion: string;
  /** The machine's stage, or null when the log does not replay. */
  stage: string | null;
  stageLabel: string;
  closed: boolean;
  youngPeople: string[];
  generatedAt: string;
  generatedBy: { name: string; role: Role };
  certificateFingerprint: string;
  /** SHA-256 of canonicalJson(events) of the log this document shows (the redacted one for a sharing copy). */
  recordHash: string;
  chainHead: string;
  eventCount: number;
  redacted: boolean;
  timeZone: string;
  /** The PDF's Title when it is not a case record (the report for a period). */
  documentTitle?: string | undefined;
}

export interface DocumentModel {
  meta: DocumentMeta;
  sections: Section[];
  /** Header text on every page. */
  header: string;
  /** Footer lines on every page, before "Page n of N". */
  footer: string[];
  /** Text with characters the embedded fonts cannot draw (each drawn as □); shown before signing. */
  undrawable: UndrawableText[];
}
