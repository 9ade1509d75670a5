// Page model for first-run set-up on a fresh device ("/"): the establishment, the key holders
// and their passphrases, the safeguarding contacts; then the recovery key, shown once.
import { AppPage } from './AppPage.mjs';

export class SetupPage extends AppPage {
  static path = '/';
  static heading = 'Set up YPSI Response';

  /** The strength line under a passphrase field, once the estimator has judged it good enough. */
  strongEnough(fieldId) {
    return this.page.locator(`[id="${fieldId}-strength"]:not(.app-passphrase__strength--weak)`);
  }

  /**
   * Fills the form and finishes set-up; resolves with the recovery key once it is shown.
   * @param {{ establishment: string, mashName?: string, mashPhone?: string, ladoPhone?: string,
   *   chair?: string, holders: { name: string, phone?: string, passphrase: string }[] }} answers
   *   holders: the DSL first, then the Headteacher (the form's two key holders)
   */
  async setUp(answers) {
    await this.field('establishment-name').fill(answers.establishment);
    for (const [i, h] of answers.holders.entries()) {
      const id = `holder-${i + 1}`;
      await this.field(`${id}-name`).fill(h.name);
      if (h.phone) await this.field(`${id}-phone`).fill(h.phone);
      await this.field(`${id}-passphrase`).fill(h.passphrase);
      await this.field(`${id}-confirm`).fill(h.passphrase);
    }
    if (answers.chair) await this.field('chair-name').fill(answers.chair);
    if (answers.mashName) await this.field('mash-name').fill(answers.mashName);
    if (answers.mashPhone) await this.field('mash-phone').fill(answers.mashPhone);
    if (answers.ladoPhone) await this.field('lado-phone').fill(answers.ladoPhone);
    // The strength estimator (zxcvbn-ts) runs after a short pause: wait for its verdicts.
    for (const i of answers.holders.keys())
      await this.strongEnough(`holder-${i + 1}-passphrase`).waitFor({ timeout: 15_000 });
    await this.button('Finish set-up').click();
    return new RecoveryKeyPage(this.page).waitUntilShown(30_000);
  }
}

/** The recovery key, shown once after set-up. */
export class RecoveryKeyPage extends AppPage {
  static heading = 'Your recovery key';

  async recoveryKey() {
    return (await this.page.getByLabel('Recovery key', { exact: true }).innerText()).trim();
  }

  /** Confirms it is written down; shows "Set-up is complete". */
  async confirmKeptSafe() {
    await this.page.getByRole('checkbox', { name: /I have written the recovery key down/ }).check();
    await this.button('Continue').click();
    return new SetupCompletePage(this.page).waitUntilShown();
  }
}

export class SetupCompletePage extends AppPage {
  static heading = 'Set-up is complete';

  get lockScreenLink() {
    return this.link('Go to the lock screen');
  }
}
