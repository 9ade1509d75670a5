// Page model for the lock screen ("/" on a set-up device): unlock, or record a disclosure, or
// check the policy, without unlocking. It shows nothing about any case.
import { AppPage } from './AppPage.mjs';

export class LockScreenPage extends AppPage {
  static path = '/';
  static heading = 'YPSI Response is locked';

  get recordDisclosureLink() {
    return this.link('Record a disclosure');
  }

  /** The notice saying why the app locked ("Locked.", after idle...), if any. */
  get notice() {
    return this.page.locator('.app-lock__notice');
  }

  /** @param {string} name  the key holder's name as shown ("Dana Shah (Designated Safeguarding Lead)") */
  holder(name) {
    return this.page.getByRole('radio', { name: new RegExp(`^${name} \\(`) });
  }

  /** Chooses who you are, types the passphrase and presses Unlock (does not wait for the outcome). */
  async submitUnlock(name, passphrase) {
    await this.holder(name).check();
    await this.field('passphrase').fill(passphrase);
    await this.button('Unlock').click();
  }

  /**
   * Unlocks and waits for the screen of the current address: the cases home at "/" (resolved
   * with its model); any other screen (e.g. /inbox) once the lock screen has gone.
   */
  async unlock(name, passphrase) {
    await this.submitUnlock(name, passphrase);
    await this.page
      .locator('main h1', { hasText: LockScreenPage.heading })
      .waitFor({ state: 'detached', timeout: 30_000 });
    const { HomePage } = await import('./HomePage.mjs');
    if (new URL(this.page.url()).pathname === '/') return new HomePage(this.page).waitUntilShown();
    await this.heading.waitFor();
    return undefined;
  }
}
