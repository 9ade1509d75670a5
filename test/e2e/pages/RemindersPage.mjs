// Page model for the reminders: Overdue, Due soon and Waiting, each reminder linking to its step.
import { AppPage } from './AppPage.mjs';

export class RemindersPage extends AppPage {
  static path = '/reminders';
  static heading = 'Reminders';

  /** A group's section: 'overdue', 'soon' or 'waiting'. */
  group(key) {
    return this.main.locator(`section[aria-labelledby="reminders-${key}"]`);
  }

  /** The group's heading, e.g. "Overdue (1)". */
  async groupHeading(key) {
    return (await this.group(key).locator('h2').innerText()).trim();
  }

  /** A reminder in a group, by text in it (reference, label). */
  reminder(key, text) {
    return this.group(key).locator('.app-reminder').filter({ hasText: text });
  }

  /** Waits until the list has been gathered (the status line is no longer "Gathering"). */
  async waitForList() {
    await this.main
      .locator('p[role="status"]')
      .filter({ hasNotText: /Gathering/ })
      .first()
      .waitFor();
    return this;
  }
}
