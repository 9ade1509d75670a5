// Page model for "Record a disclosure" on a device that is not set up yet: who to tell, in person.
import { AppPage } from './AppPage.mjs';

export class NotSetUpPage extends AppPage {
  static path = '/disclose';
  static heading = 'This tablet is not set up yet';
}
