// Page model for Settings: contacts, auto-lock, storage, the full integrity check, backups.
import { AppPage } from './AppPage.mjs';

export class SettingsPage extends AppPage {
  static path = '/settings';
  static heading = 'Settings';

  /** Runs "the full check" and resolves with what it says. */
  async runFullCheck() {
    await this.button('Run the full check').click();
    const status = this.main
      .locator('[role="status"]')
      .filter({ hasText: /events check out|records on this device have been altered/ });
    await status.waitFor({ timeout: 20_000 });
    return (await status.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** The "Term n" group of the school term dates. */
  term(n) {
    return this.main.getByRole('group', { name: `Term ${n}`, exact: true });
  }

  /**
   * Adds a term (dates as [day, month, year]) to the school term dates, without saving.
   * @param {number} n  the term's number as shown (the next one)
   */
  async addTerm(n, start, end) {
    await this.button('Add a term').click();
    const term = this.term(n);
    for (const [legend, parts] of [
      ['First day', start],
      ['Last day', end],
    ]) {
      const group = term.getByRole('group', { name: legend });
      await group.getByLabel('Day', { exact: true }).fill(String(parts[0]));
      await group.getByLabel('Month', { exact: true }).fill(String(parts[1]));
      await group.getByLabel('Year', { exact: true }).fill(String(parts[2]));
    }
  }

  async setClosures(lines) {
    await this.field('closures').fill(lines.join('\n'));
  }

  async saveTermDates() {
    await this.button('Save term dates and reminders').click();
  }
}
