// Two cases of one staff disclosure, recorded as the same incident (docs/SYNC.md), in the printed
// record: the duplicate's PDF shows its status ("Closed: same incident as ..."), owes nothing, and
// its chronology holds the closing step and every step recorded before it; the kept case's PDF names
// the other reference on its cover and in its chronology.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildDocumentModel, type Block, type DocumentModel } from '../../../src/pdf';
import type { CaseEvent } from '../../../src/domain/events';
import { CURRENT_POLICY_VERSION, type Actor } from '../../../src/domain/types';
import { E1 } from '../../builders/facts';
import { DSL, disclosure, ev, resetBuilders } from '../../builders/events';
import { inputFor } from './cases';

const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');
const section = (m: DocumentModel, id: string) => JSON.stringify(m.sections.find((s) => s.id === id));
const titles = (m: DocumentModel) =>
  m.sections
    .find((s) => s.id === 'chronology')!
    .blocks.filter((b): b is Extract<Block, { kind: 'entry' }> => b.kind === 'entry')
    .map((b) => b.title);

beforeEach(() => resetBuilders());

const writer: Actor = { userId: 'staff/disc-1', role: 'staff', name: 'Sam Tutor' };

function twins(): { closed: CaseEvent[]; kept: CaseEvent[] } {
  const facts = E1();
  const open = (caseId: string, reference: string) => [
    ev('case.opened', { caseId, reference, policyVersion: CURRENT_POLICY_VERSION }),
    ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }, writer),
  ];
  const closed = [...open('case-a', 'YPSI-2026-A-0001'), ev('note.added', { text: 'Spoke to Leo at break.' })];
  const kept = open('case-b', 'YPSI-2026-B-0001');
  const step = {
    disclosureId: 'disc-1',
    closed: { caseId: 'case-a', reference: 'YPSI-2026-A-0001' },
    kept: { caseId: 'case-b', reference: 'YPSI-2026-B-0001' },
    reason: 'Accepted on both tablets the same morning.',
    carriedOver: 'The note: recorded again in B.',
    laterSteps: [{ eventId: closed[2]!.id, type: 'note.added' as const }],
    replaces: [],
  };
  return {
    kept: [...kept, ev('same-incident.recorded', step, DSL)],
    closed: [...closed, ev('same-incident.recorded', step, DSL)],
  };
}

describe('the printed record of two cases of one disclosure', () => {
  it('the duplicate shows the closing step, its status, every earlier step, and owes nothing', async () => {
    const m = await buildDocumentModel(inputFor(twins().closed, FINGERPRINT));
    expect(section(m, 'cover')).toContain('Closed: same incident as YPSI-2026-B-0001');
    expect(titles(m)).toEqual([
      expect.stringContaining('Case YPSI-2026-A-0001 opened'),
      expect.any(String),
      expect.stringContaining('Note'),
      '4. Same incident as case YPSI-2026-B-0001: recorded in that case from here on',
    ]);
    const chronology = section(m, 'chronology');
    expect(chronology).toContain('Carried over into YPSI-2026-B-0001: The note: recorded again in B.');
    expect(chronology).toContain('Accepted on both tablets the same morning.');
    expect(section(m, 'decisions')).toContain('Nothing further: Closed: same incident as YPSI-2026-B-0001');
  });

  it('the case carried on names the other reference on its cover and in its chronology', async () => {
    const m = await buildDocumentModel(inputFor(twins().kept, FINGERPRINT));
    expect(section(m, 'cover')).toContain('Also recorded as YPSI-2026-A-0001 (closed as the same incident).');
    expect(section(m, 'cover')).not.toContain('Closed: same incident');
    expect(titles(m).at(-1)).toBe('3. Also recorded as YPSI-2026-A-0001 (closed as the same incident)');
  });
});
