// Info dictionary keys the renderer writes and the verifier reads without extracting text. Like
// storage names, these must never change: PDFs already sent out carry them.
export const INFO_KEYS = {
  recordHash: 'YPSIRecordHash',
  chainHead: 'YPSIChainHead',
  caseReference: 'YPSICaseReference',
  redacted: 'YPSIRedacted',
} as const;
