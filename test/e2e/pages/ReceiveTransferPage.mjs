// Page model for "Receive a case transfer" (/transfers/receive), after unlock.
import { AppPage } from './AppPage.mjs';

export class ReceiveTransferPage extends AppPage {
  static path = '/transfers/receive';
  static heading = 'Receive a case transfer';
}
