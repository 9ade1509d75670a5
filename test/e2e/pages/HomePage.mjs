// Page model for the cases home after unlock: what is urgent, the inbox, search, open cases.
import { AppPage } from './AppPage.mjs';

export class HomePage extends AppPage {
  static path = '/';
  static heading = 'Cases';

  get inboxLink() {
    return this.link(/^Disclosure inbox/);
  }

  get search() {
    return this.field('search');
  }

  /** The banner listing escalated and overdue cases. */
  get urgentBanner() {
    return this.main.locator('.app-notification-banner--urgent');
  }

  /** A case's row on the list, by reference or a name in it. */
  caseRow(text) {
    return this.main.locator('.app-case-row').filter({ hasText: text });
  }

  caseLink(text) {
    return this.caseRow(text).locator('.app-case-row__link');
  }

  async startNewCase() {
    await this.button('Start a new case').click();
    const { CaseDisclosurePage } = await import('./CasePages.mjs');
    return new CaseDisclosurePage(this.page).waitUntilShown();
  }

  async showClosedCases() {
    await this.button('Show closed cases').click();
  }
}
