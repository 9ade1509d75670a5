// Page model for Settings: contacts, auto-lock, storage, the full integrity check, backups.
import { AppPage } from './AppPage.mjs';

export class SettingsPage extends AppPage {
  static path = '/settings';
  static heading = 'Settings';

  /** Runs "the full check" and resolves with what it says. */
  async runFullCheck() {
    await this.button('Run the full check').click();
    const status = this.main.locator('[role="status"]').filter({ hasText: /events check out|altered/ });
    await status.waitFor({ timeout: 20_000 });
    return (await status.innerText()).replace(/\s+/g, ' ').trim();
  }
}
