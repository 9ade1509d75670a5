// What the school's sync server still holds of a destroyed case (docs/SYNC.md, "Destroyed cases"):
// its encrypted steps and wrapped keys (and the sealed staff disclosure it was opened from) stay there
// until IT purges them. Said per case, with the command IT runs, until the server no longer has them.
// Nothing is shown on a tablet without sync.
import type { ServerCopyView } from '../sync/types';

export function ServerCopyNote({ copy, reference }: { copy: ServerCopyView | undefined; reference: string }) {
  if (!copy) return null;
  if (copy.state === 'none')
    return (
      <p className="app-body">
        The school’s server holds none of {reference}’s records any more: only its destruction note.
      </p>
    );
  const what = copy.disclosure
    ? 'its steps, its wrapped keys and the sealed staff disclosure it was opened from'
    : 'its steps and its wrapped keys';
  return (
    <div className="app-retention-server">
      <p className="app-body">
        {copy.state === 'held'
          ? `The school’s server still holds ${reference}’s encrypted records (${what}) until IT purges them. A key holder’s passphrase could still open them there.`
          : `This tablet could not reach the school’s server to check: until IT purges them, the server holds ${reference}’s encrypted records (${what}).`}{' '}
        Ask IT to run, with the server administrator’s name and password:
      </p>
      <p className="app-body">
        <code className="app-retention-server__command">{copy.command}</code>
      </p>
    </div>
  );
}
