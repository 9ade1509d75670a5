// Page models for retention (docs/SECURITY.md item 13): the retention list, a case's retention page and the destroy flow.
import { AppPage } from './AppPage.mjs';
import { CasePage } from './CasePage.mjs';

/** /retention: cases due for review, without a date, on hold, destroyed, and kept. */
export class RetentionPage extends AppPage {
  static path = '/retention';
  static heading = 'Retention';

  /** The text of one section's list (by its heading, e.g. "Destroyed"). */
  async section(name) {
    const heading = this.main.getByRole('heading', { name: new RegExp(`^${name} \\(\\d+\\)$`) });
    await heading.waitFor();
    return (await heading.innerText()).trim();
  }
}

/** /cases/:id/retention: review date, legal hold, review, the way to destroy. */
export class CaseRetentionPage extends CasePage {
  static segment = 'retention';
  static heading = 'Retention';

  async setHold(reason) {
    await this.field('hold-reason').fill(reason);
    await this.button('Put the case on legal hold').click();
    await this.main.getByText('On legal hold since').waitFor();
  }

  async liftHold(reason) {
    await this.field('hold-reason').fill(reason);
    await this.button('Lift the legal hold').click();
    await this.button('Put the case on legal hold').waitFor();
  }

  /**
   * A date brought forward also needs the second key holder (their label, e.g. "Helen Okafor
   * (Headteacher)") and both passphrases; without `keys` it is saved by the signed-in user alone.
   * @param {{ day: string, month: string, year: string }} date
   * @param {{ second: string, own: string, theirs: string }} [keys]
   */
  async setReviewDate(date, reason, keys) {
    await this.field('review-date-day').fill(date.day);
    await this.field('review-date-month').fill(date.month);
    await this.field('review-date-year').fill(date.year);
    await this.field('review-date-reason').fill(reason);
    if (keys) {
      await this.main.getByRole('radio', { name: keys.second }).check();
      await this.field('own-passphrase').fill(keys.own);
      await this.field('second-passphrase').fill(keys.theirs);
    }
    await this.button('Save the review date').click();
  }
}

/** /cases/:id/destroy: why and who agrees, then both passphrases on a check page. */
export class DestroyPage extends CasePage {
  static segment = 'destroy';
  static heading = /^(Destroy case|Check before you destroy case|This case cannot be destroyed now)/;
}
