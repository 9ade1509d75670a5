// Owns bulk seeding for benchmarks and tests: many cases through the real machine, encryption and chaining, a batch per transaction.
import { initialSnapshot } from '../domain/machine';
import { CURRENT_POLICY_VERSION } from '../domain/types';
import { GENESIS, newId } from './chain/chain';
import { commit } from './chain/commit';
import { type EventDraft, buildSteps, caseRows, newCaseKey, stamp } from './caseSteps';
import type { Session } from './keys/session';
import { prepareIndexWrite } from './summary-index/summaryIndex';

export type SeedOptions = {
  /** Drafts for case i (after 'case.opened'); default: a disclosure with made-up names. */
  events?: (i: number, session: Session) => EventDraft[];
  /** Cases per transaction. */
  batchSize?: number;
};

/**
 * Benchmarks and tests: `count` cases through the real encryption, chaining and machine, written
 * a batch per transaction. Returns the new case ids.
 */
export async function bulkSeedCases(session: Session, count: number, options: SeedOptions = {}): Promise<string[]> {
  const batchSize = options.batchSize ?? 250;
  const make = options.events ?? defaultSeedEvents;
  const ids: string[] = [];
  const year = new Date().getFullYear();
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const built = await Promise.all(
      Array.from({ length: n }, async (_, k) => {
        const i = start + k;
        const caseId = newId();
        const { key, wrapped } = await newCaseKey(session, caseId);
        const now = new Date().toISOString();
        const opened = stamp(session, {
          type: 'case.opened',
          caseId,
          reference: `SEED-${year}-${String(i + 1).padStart(5, '0')}`,
          policyVersion: CURRENT_POLICY_VERSION,
          actor: session.actor,
          occurredAt: now,
        });
        const events = [opened, ...make(i, session).map((e) => stamp(session, e))];
        const steps = await buildSteps(
          key,
          caseId,
          { head: { seq: 0, digest: GENESIS }, snapshot: initialSnapshot() },
          events,
        );
        return {
          caseId,
          rows: caseRows(caseId, wrapped, steps, opened.recordedAt, events[events.length - 1]!.recordedAt),
          appends: steps.appends,
          steps,
        };
      }),
    );
    const index = await commit(session, async () => {
      const idx = await prepareIndexWrite(
        session,
        built.map((b) => ({ caseId: b.caseId, head: b.steps.head, summary: b.steps.summary })),
        built.reduce((n, b) => n + b.appends.length, 0),
      );
      return {
        plan: {
          appends: built.flatMap((b) => b.appends),
          expect: built.map((b) => ({ chain: b.caseId, head: null })),
          write: async (d) => {
            await d.cases.bulkAdd(built.map((b) => b.rows.row));
            await d.snapshots.bulkPut(built.map((b) => b.rows.snapshot));
            await idx.write(d);
          },
        },
        result: idx,
      };
    });
    index.apply();
    ids.push(...built.map((b) => b.caseId));
  }
  return ids;
}

function defaultSeedEvents(i: number, session: Session): EventDraft[] {
  const at = new Date().toISOString();
  return [
    {
      type: 'disclosure.recorded',
      actor: session.actor,
      occurredAt: at,
      disclosure: {
        disclosedBy: `Seed pupil ${i}`,
        discloserRelation: 'young-person',
        disclosedTo: 'Seed teacher',
        disclosedAt: at,
        channel: 'in-person',
        account: `Seeded account number ${i}.`,
        platforms: ['Snapchat'],
        spreadNotes: '',
        imageryDescription: 'Seeded description.',
        actionsTaken: 'Told the DSL.',
      },
      persons: [
        {
          id: 'p1',
          name: `Seed pupil ${i}`,
          atEstablishment: true,
          involvement: ['pictured'],
          ageYears: 15,
          adult: 'no',
          worksWithChildren: 'no',
        },
      ],
    },
  ];
}
