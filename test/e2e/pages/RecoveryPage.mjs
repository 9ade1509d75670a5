// Page model for "Use the recovery key" (/recover), reached from the lock screen.
import { AppPage } from './AppPage.mjs';

export class RecoveryPage extends AppPage {
  static path = '/recover';
  static heading =
    /^(Use the recovery key|There is nothing to recover on this tablet|YPSI Response is already unlocked)$/;
}
