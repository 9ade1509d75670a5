// Discarding a case opened by mistake (issue 14): only an empty case, by whoever leads the
// response, with a reason; recorded as an event (so the case's chain keeps it), the case then
// accepts nothing more and its summary says it is discarded (the cases list leaves it out).
import { beforeEach, describe, expect, it } from 'vitest';
import { explainEvent, step } from './machine';
import { summarise } from './summary';
import { describeEvent } from './describe';
import { DEPUTY, DSL, HEAD, ev, opened, resetBuilders } from '../../test/builders/events';
import { experimentalFlow, run } from '../../test/builders/flows';

beforeEach(() => resetBuilders());

const discard = (reason = 'Opened by mistake: the wrong button.', actor = DSL) =>
  ev('case.discarded', { reason }, actor);

describe('discarding an empty case', () => {
  it('is allowed while only the opening is recorded, for the DSL and a deputy', () => {
    const empty = run([opened()]);
    expect(explainEvent(empty, discard()).allowed).toBe(true);
    expect(explainEvent(empty, discard(undefined, DEPUTY)).allowed).toBe(true);
  });

  it('is refused for the Headteacher, and without a reason, saying why with its rule', () => {
    const empty = run([opened()]);
    const head = explainEvent(empty, discard(undefined, HEAD));
    expect(head.allowed).toBe(false);
    expect(head.reasons[0]!.text).toMatch(/Headteacher/);
    const blank = explainEvent(empty, discard('  '));
    expect(blank.allowed).toBe(false);
    expect(blank.reasons.map((r) => [r.rule, r.text])).toEqual([['R14.1', 'Say why the case is discarded.']]);
  });

  it('is refused once anything is recorded: such a case is closed with a summary instead', () => {
    const events = experimentalFlow();
    // Opened, then the disclosure recorded: no longer empty.
    const withDisclosure = run(events.slice(0, 2));
    const why = explainEvent(withDisclosure, discard());
    expect(why.allowed).toBe(false);
    expect(why.reasons[0]!.text).toBe(
      'Only a case with nothing recorded in it can be discarded. This one has 1 thing recorded: close it with a summary instead.',
    );
    const note = run([opened(), ev('note.added', { text: 'Called back later.' })]);
    expect(explainEvent(note, discard()).allowed).toBe(false);
  });

  it('leaves a discarded case that accepts nothing more, whose summary says so, and keeps the event with who, when and why', () => {
    const d = discard();
    const s = step(run([opened()]), d);
    expect(s.context.discarded).toMatchObject({ reason: d.reason, by: DSL, at: d.occurredAt });
    expect(summarise(s).discarded).toBe(true);
    expect(summarise(run([opened()])).discarded).toBeUndefined();
    expect(s.context.eventCount).toBe(2);
    const later = explainEvent(s, ev('note.added', { text: 'Anything.' }));
    expect(later.allowed).toBe(false);
    expect(later.reasons[0]!.text).toMatch(/discarded/);
    expect(explainEvent(s, discard()).allowed).toBe(false);
    expect(describeEvent(d).title).toBe('Case discarded: opened by mistake, nothing recorded');
  });
});
