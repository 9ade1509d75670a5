// The progress of a renewal of the records' key (removing a key holder, destroying a case): a native progress bar with its phase in words (docs/KEYS.md).
import type { KeyRotationProgress } from '../data/vault';

const PHASES: Record<KeyRotationProgress['phase'], string> = {
  reading: 'Reading the records',
  'case-keys': 'Wrapping each case key under the new key',
  records: 'Encrypting the log and settings again',
  chain: 'Sealing the record of every change',
  writing: 'Saving',
  done: 'Done',
};

/** The rotation's progress: a native progress bar with its phase in words. */
export function RotationProgressBar({ progress }: { progress: KeyRotationProgress }) {
  const value = progress.total > 0 ? progress.done / progress.total : 0;
  return (
    <div className="app-body" role="status">
      <label htmlFor="rotation-progress">
        {PHASES[progress.phase]}
        {progress.phase === 'case-keys' && progress.total > 0 ? ` (${progress.done} of ${progress.total})` : ''}
      </label>
      <progress
        id="rotation-progress"
        max={1}
        value={value}
        style={{ display: 'block', width: '100%', height: '1.5rem' }}
      />
    </div>
  );
}
