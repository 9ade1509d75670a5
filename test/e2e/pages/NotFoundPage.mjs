// Page model for an address the app does not know.
import { AppPage } from './AppPage.mjs';

export class NotFoundPage extends AppPage {
  static path = '/no-such-page';
  static heading = 'Page not found';

  get homeLink() {
    return this.page.getByRole('link', { name: 'Go to the start' });
  }
}
