// Settings, the establishment log: the words for key holders or settings changed on another tablet
// and taken on here (docs/SYNC.md, "Key holders and settings changed on another tablet").
import type { PublicSettings } from '../data/settings';
import type { ActivityWhat } from '../data/vault';

const CHANGES: Record<string, string> = {
  added: 'added as a key holder',
  upgraded: 'key renewed',
  'passphrase-changed': 'changed their own passphrase',
  'passphrase-reset': 'given a new passphrase by another key holder',
  'recovery-used': 'given a new passphrase with the recovery key',
  'recovery-replaced': 'a new recovery key',
  'set-up': 'as set up',
};

export function describeFollowed(
  what: Extract<ActivityWhat, { type: 'changes-followed' }>,
  label: (k: keyof PublicSettings) => string,
): { title: string; lines: string[] } {
  const apart = 'changed on this tablet too while they could not see each other';
  return {
    title: 'Key holders or settings changed on another tablet, taken on here',
    lines: [
      ...(what.added.length > 0 ? [`Can now unlock here with their own passphrase: ${what.added.join(', ')}`] : []),
      ...what.replaced.map(
        (r) =>
          `${r.name || 'The recovery key'}: ${CHANGES[r.change] ?? 'details changed'} there; their earlier passphrase here no longer unlocks${r.apart ? ` (${apart}: a passphrase set by another key holder, or else the later change, is kept on every tablet)` : ''}`,
      ),
      ...what.kept.map(
        (name) =>
          `${name}: ${apart}; this tablet’s is kept (a passphrase set by another key holder, or else the later change, is kept on every tablet)`,
      ),
      ...(what.settings
        ? [
            what.settings.taken
              ? `Settings changed there: ${what.settings.changed.map(label).join(', ') || 'nothing shown on the settings screen'}${what.settings.apart ? ` (${apart}: the later change is kept)` : ''}`
              : `Settings: ${apart}; this tablet’s are kept, as the later change`,
          ]
        : []),
    ],
  };
}
