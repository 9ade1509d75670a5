// Page model for the disclosure inbox: disclosures sealed by staff, readable after unlock.
import { AppPage } from './AppPage.mjs';

export class InboxPage extends AppPage {
  static path = '/inbox';
  static heading = 'Disclosure inbox';

  /** @param {string} writer */
  item(writer) {
    return this.main.getByRole('region', { name: `Disclosure from ${writer}` });
  }

  get items() {
    return this.main.locator('section[aria-label^="Disclosure from"]');
  }

  /** Opens a sealed disclosure as a new case; lands on the initial review. */
  async openAsCase(writer) {
    await this.item(writer).getByRole('button', { name: 'Open as a new case' }).click();
    const { InitialReviewPage } = await import('./InitialReviewPage.mjs');
    return new InitialReviewPage(this.page).waitUntilShown();
  }
}
