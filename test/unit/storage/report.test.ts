// The report's storage side (issue 7): cases read through the real encryption and snapshots come
// back only as anonymised rows; a case that cannot be read is counted, not fatal; exports are logged.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/domain/report/build';
import { shownText } from '../../../src/domain/report/suppression';
import { schoolYearPeriod } from '../../../src/domain/report/period';
import { reportRowOf } from '../../../src/domain/report/row';
import { appendEvent, bulkSeedCases, type EventDraft } from '../../../src/storage';
import { db } from '../../../src/storage/db';
import { readLog } from '../../../src/storage/chain/log';
import { logReportExport, readReportRows } from '../../../src/storage/files/report';
import type { Session } from '../../../src/storage/keys/session';
import { KNOWN_CASES, seedEvents, seedRecord } from '../../builders/reportCases';
import { unlock } from '../../../src/storage/keys/keyring';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from './harness';

const SECRET = {
  names: ['Zebedee Quillfeather', 'Marisol Vantongeren', 'Ottoline Brackwater'],
  free: 'Lighthouse-orchid-7731 said it on Snapchat-handle-qx99',
  dateOfBirth: '2011-04-17',
};

/** The seeded cases as drafts the DSL records (case.opened comes from the seeding itself). */
function drafts(i: number, session: Session): EventDraft[] {
  return (
    seedEvents(KNOWN_CASES[i]!, SECRET, `case-${i}`)
      .filter((e) => e.type !== 'case.opened')
      // Sign-offs are recorded afterwards by someone else: whoever decides never signs (R14.3).
      .filter((e) => e.type !== 'signoff.signed')
      .map(({ id: _id, recordedAt: _r, ...e }) => ({ ...e, actor: session.actor }) as EventDraft)
  );
}

let device: Device;
beforeAll(async () => {
  device = await setUpDevice('report-storage');
  const ids = await bulkSeedCases(device.session, KNOWN_CASES.length, { events: drafts });
  // The deputy signs in the Headteacher's place (R14.3 allows it with a reason), through the app's own API.
  const deputy = await unlock(device.users.deputy, PASSPHRASES.deputy);
  for (const [i, caseId] of ids.entries()) {
    for (const e of seedEvents(KNOWN_CASES[i]!, SECRET, `case-${i}`)) {
      if (e.type !== 'signoff.signed') continue;
      const { id: _id, recordedAt: _r, ...draft } = e;
      await appendEvent(deputy, caseId, {
        ...draft,
        actor: deputy.actor,
        inPlaceOfHeadteacher: 'The Headteacher is away.',
      } as EventDraft);
    }
  }
  device.session = await unlock(device.users.dsl, PASSPHRASES.dsl);
});

describe('reading cases for the report', () => {
  it('returns one anonymised row per case, the same the domain makes from the record, with no name or free text', async () => {
    const { rows, unreadable } = await readReportRows(device.session);
    expect(unreadable).toBe(0);
    expect(rows).toHaveLength(KNOWN_CASES.length);
    const json = JSON.stringify(rows);
    for (const secret of [...SECRET.names, SECRET.free, SECRET.dateOfBirth, 'Zebedee', 'Lighthouse', 'case-'])
      expect(json).not.toContain(secret);
    // Same figures as the records built directly through the machine.
    const expected = KNOWN_CASES.map((spec, i) => seedRecord(spec, SECRET, `case-${i}`)).map(({ record, stage }) =>
      reportRowOf(record, stage)!,
    );
    expect(rows.map((r) => r.day).sort()).toEqual(expected.map((r) => r.day).sort());
    expect(rows.map((r) => r.initialReviewAt).sort()).toEqual(expected.map((r) => r.initialReviewAt).sort());
  });

  it('gives the known figures for the school year, and only the rows in a period when asked', async () => {
    const { rows } = await readReportRows(device.session, schoolYearPeriod(2025));
    expect(rows).toHaveLength(9);
    const report = buildReport(rows, schoolYearPeriod(2025), '2026-09-10');
    expect(shownText(report.cases)).toBe('9');
    expect(report.durations[0]).toMatchObject({ medianMinutes: 75, longestMinutes: 600 });
  });

  it('counts a case that cannot be read (damaged or destroyed) and still reports the rest', async () => {
    await useCopyOf(device);
    const d = db();
    const [first, second, third] = await d.cases.toArray();
    // One snapshot gone (as a destroyed case might leave it), one replaced by another case's.
    await d.snapshots.delete(first!.id);
    await d.snapshots.put({ ...(await d.snapshots.get(third!.id))!, caseId: second!.id });
    const { rows, unreadable } = await readReportRows(device.session);
    expect(unreadable).toBe(2);
    expect(rows).toHaveLength(KNOWN_CASES.length - 2);
    expect(buildReport(rows, schoolYearPeriod(2025), '2026-09-10', unreadable).notes.at(-1)).toMatch(
      /^2 cases on this device could not be read/,
    );
  });

  it('logs every export in the establishment log: format, period, for whom', async () => {
    await useCopyOf(device);
    await logReportExport(device.session, {
      fileId: crypto.randomUUID(),
      format: 'csv',
      period: { from: '2025-09-01', to: '2026-08-31' },
      to: 'Local authority audit',
    });
    const last = (await readLog(device.session)).at(-1);
    expect(last).toMatchObject({
      type: 'export.made',
      kind: 'report-csv',
      to: 'Local authority audit',
      why: 'Report for 2025-09-01 to 2026-08-31',
      caseIds: [],
    });
    await expect(
      logReportExport(device.session, {
        fileId: crypto.randomUUID(),
        format: 'csv',
        period: { from: '1 Sept', to: '2026-08-31' },
        to: 'x',
      }),
    ).rejects.toThrow(/period/);
  });

  it('the Headteacher reads the report too (for the governors) and the export is logged as theirs', async () => {
    await useCopyOf(device);
    const head = await unlock(device.users.head, PASSPHRASES.head);
    const { rows } = await readReportRows(head, schoolYearPeriod(2025));
    expect(rows).toHaveLength(9);
    await logReportExport(head, {
      fileId: crypto.randomUUID(),
      format: 'pdf',
      period: { from: '2025-09-01', to: '2026-08-31' },
      to: 'Governing board',
      reportHash: 'a'.repeat(64),
    });
    expect((await readLog(head)).at(-1)).toMatchObject({
      kind: 'report-pdf',
      actor: { role: 'headteacher' },
      recordHash: 'a'.repeat(64),
    });
  });
});
