// "Update available" (docs/SECURITY.md item 11): the user decides when the new version takes over,
// and it never does while a screen has unsaved answers.
import type { UpdateStatus } from '../../pwa/updateController';
import { Button } from './Button';

export interface UpdateBannerProps {
  status: UpdateStatus;
  onUpdate: () => void;
  onDismiss: () => void;
}

export function UpdateBanner({ status, onUpdate, onDismiss }: UpdateBannerProps) {
  if (status === 'none') return null;
  const otherTab = status === 'reload-needed';
  return (
    <div className="app-update-banner" role="region" aria-labelledby="update-banner-title">
      <div className="app-width-container app-update-banner__inner">
        <h2 className="app-update-banner__title" id="update-banner-title">
          Update available
        </h2>
        <p className="app-body app-update-banner__text">
          {otherTab
            ? 'YPSI Response was updated in another window. Reload to use the new version.'
            : 'A new version of YPSI Response is ready. Your saved work is kept.'}
        </p>
        <p className="app-update-banner__status" role="status">
          {status === 'blocked' && (
            <strong className="app-update-banner__blocked">
              Save or finish your answers first, then choose “Update now” again.
            </strong>
          )}
          {status === 'activating' && 'Updating…'}
        </p>
        {status !== 'activating' && (
          <div className="app-button-group">
            <Button onClick={onUpdate}>Update now</Button>
            <Button variant="secondary" onClick={onDismiss}>
              Not now
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
