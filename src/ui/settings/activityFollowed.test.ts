// The establishment log's words for key holders or settings changed on another tablet and taken on
// here (docs/SYNC.md): who can now unlock here, whose passphrase was set again, a change made on
// two tablets apart and which was kept, and the settings that changed, by their names on screen.
import { describe, expect, it } from 'vitest';
import { describeFollowed } from './activityFollowed';

const label = (k: string) => ({ mashPhone: 'MASH phone', dsl: 'DSL contact' })[k] ?? k;

describe('key holders or settings changed on another tablet, in the activity log', () => {
  it('names who can now unlock here and whose passphrase was set again there', () => {
    const d = describeFollowed(
      {
        type: 'changes-followed',
        added: ['Sam Rivers'],
        replaced: [{ name: 'Helen Okafor', change: 'passphrase-reset', apart: false }],
        kept: [],
        settings: null,
      },
      label as never,
    );
    expect(d.title).toBe('Key holders or settings changed on another tablet, taken on here');
    expect(d.lines).toEqual([
      'Can now unlock here with their own passphrase: Sam Rivers',
      'Helen Okafor: given a new passphrase by another key holder there; their earlier passphrase here no longer unlocks',
    ]);
  });

  it('says when a change was made on both tablets apart, which was kept, and the settings changed by name', () => {
    const d = describeFollowed(
      {
        type: 'changes-followed',
        added: [],
        replaced: [],
        kept: ['Helen Okafor'],
        settings: { taken: true, changed: ['mashPhone', 'dsl'], apart: false },
      },
      label as never,
    );
    expect(d.lines[0]).toMatch(
      /^Helen Okafor: changed on this tablet too while they could not see each other; this tablet’s is kept/,
    );
    expect(d.lines[1]).toBe('Settings changed there: MASH phone, DSL contact');
  });
});
