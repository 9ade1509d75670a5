// The vocabulary of integrity findings, shared by the checks and the errors that carry them.

export type TamperKind =
  | 'edited' // content or its digest changed
  | 'deleted' // an event (or a whole case) is missing from the middle
  | 'reordered' // an event sits at another position than the one it was recorded at
  | 'truncated' // the latest events are missing
  | 'moved' // ciphertext from another record was put here
  | 'inserted' // a record was added that was never written through the app
  | 'rolled-back'; // a record was put back to an earlier state

export type IntegrityProblem = {
  /** Which chain: a case, the establishment log, the device-wide head, or a public record. */
  scope: 'case' | 'establishment-log' | 'device' | 'settings' | 'keyring' | 'checkpoint';
  kind: TamperKind;
  caseId?: string;
  /** Position of the first bad event in its chain (1-based), when one can be named. */
  seq?: number;
  /** Plain English, names the record. */
  message: string;
};
