// The base of every case screen's page model (/cases/:id/...), and the case's task list. Case
// screens are reached inside the running app (visit, links), never by a full page load, which
// would lock it.
import { AppPage } from './AppPage.mjs';

export class CasePage extends AppPage {
  /** The part of the address after /cases/:id/ ('' for the task list). */
  static segment = '';

  /** @param {string} caseId */
  static pathFor(caseId) {
    return `/cases/${caseId}${this.segment ? `/${this.segment}` : ''}`;
  }

  /** Goes to this screen of a case inside the running app. */
  async visitCase(caseId) {
    return this.visit(/** @type {typeof CasePage} */ (this.constructor).pathFor(caseId));
  }

  get header() {
    return this.main.locator('.app-case-header');
  }

  /** "YPSI-2026-0001", from the case header. */
  async reference() {
    const text = await this.header.locator('.app-case-header__ref a').innerText();
    return text.replace(/^Case\s+/, '').trim();
  }

  /** The stage tag in the case header ("Initial review meeting", "Closed"...). */
  async stage() {
    return (
      await this.header.locator('.app-case-header__tags .app-tag, .app-case-header__tags strong').first().innerText()
    ).trim();
  }

  /** Back to the task list by the case header's link. */
  async toTaskList() {
    await this.header.locator('.app-case-header__ref a').click();
    return new CaseTaskListPage(this.page).waitUntilShown();
  }

  /** Presses a button and waits for the task list (where most steps return once saved). */
  async saveAndReturn(buttonName) {
    await this.button(buttonName).click();
    return new CaseTaskListPage(this.page).waitUntilShown();
  }
}

/** The case as a task list: every stage with its status. */
export class CaseTaskListPage extends CasePage {
  static segment = '';
  static heading = 'The response';

  /** The status words of a task, by its id (disclosure, initial-review, referrals, ...). */
  async status(taskId) {
    return (await this.page.locator(`[id="task-${taskId}-status"]`).innerText()).trim();
  }

  /** Every task's status, id -> words. */
  async statuses() {
    return this.page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('[id^="task-"][id$="-status"]')].map((el) => [
          el.id.replace(/^task-|-status$/g, ''),
          el.textContent?.trim(),
        ]),
      ),
    );
  }

  /** The urgent banner ("refer to the MASH now"), if shown. */
  get urgentBanner() {
    return this.main.locator('.app-notification-banner--urgent');
  }

  /** Opens a task by its title and waits for its screen. */
  async openTask(title, Screen) {
    await this.main.locator('.app-task-list').getByRole('link', { name: title, exact: true }).click();
    return new Screen(this.page).waitUntilShown();
  }

  async openChronology() {
    await this.link('Chronology: every event, who, when and why').click();
    const { ChronologyPage } = await import('./CasePages.mjs');
    return new ChronologyPage(this.page).waitUntilShown();
  }
}
