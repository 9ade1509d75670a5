// Page model for what "/" shows when the device was set up but its database is gone.
import { AppPage } from './AppPage.mjs';

export class LostRecordsPage extends AppPage {
  static path = '/';
  static heading = 'The records on this device are missing';
}
