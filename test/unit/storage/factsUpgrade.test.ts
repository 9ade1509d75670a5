// Issue 11, item 7: a case saved before the national-guidance questions were asked still opens, and
// reads those answers as "not known yet", never no; every other answer is kept as it was.
import { describe, expect, it } from 'vitest';
import { persist, replay, restore } from '../../../src/domain/machine';
import { PersistedSnapshotSchema, parseRow } from '../../../src/storage/schemas';
import { DamagedRecordError } from '../../../src/storage/errors';
import { experimentalFlow } from '../../builders/flows';
import { resetBuilders } from '../../builders/events';

type Persisted = { context: { facts: Record<string, unknown> } };

function savedBeforeTheQuestions(): Persisted {
  resetBuilders();
  const p = persist(replay(experimentalFlow())) as Persisted;
  delete p.context.facts['aiMadeOrAltered'];
  delete p.context.facts['sextortionDemands'];
  return p;
}

describe('a case snapshot saved before the AI-made and demands-for-money questions', () => {
  it('opens, with both answers "not known yet" and every other answer kept', () => {
    const s = restore(parseRow(PersistedSnapshotSchema, savedBeforeTheQuestions(), 'case snapshot'));
    expect(s.context.facts).toMatchObject({
      aiMadeOrAltered: 'unknown',
      sextortionDemands: 'unknown',
      sexualAbuse: 'no',
      threats: 'no',
      spread: 'contained',
    });
    expect(s.context.facts.persons.map((p) => p.name)).toEqual(['Maya', 'Leo']);
  });

  it('a stored answer that is not yes, no or not known is reported as damage, not read as an answer', () => {
    const p = savedBeforeTheQuestions();
    p.context.facts['threats'] = 'maybe';
    expect(() => parseRow(PersistedSnapshotSchema, p, 'case snapshot')).toThrow(DamagedRecordError);
  });
});
