// Page models for each step's screen of a case (/cases/:id/...).
import { AppPage } from './AppPage.mjs';
import { CasePage, CaseTaskListPage } from './CasePage.mjs';

export { CasePage, CaseTaskListPage };

/** Formats a Date as the day / month / year a DateInput takes. */
const dmy = (d) => ({ day: String(d.getDate()), month: String(d.getMonth() + 1), year: String(d.getFullYear()) });

/** The disclosure within a case: recorded here by the DSL, or shown as recorded. */
export class CaseDisclosurePage extends CasePage {
  static segment = 'disclosure';
  static heading = /^(Record the disclosure|Disclosure)$/;

  /**
   * Records the disclosure on one grouped page; goes on to the initial review.
   * @param {{ disclosedBy: string, relation: string, account: string, spread?: string, platforms?: string,
   *   people: { name: string, age?: number, involvement?: string[] }[] }} a
   */
  async record(a) {
    await this.field('disclosed-by').fill(a.disclosedBy);
    await this.main.getByRole('radio', { name: a.relation, exact: true }).check();
    await this.main.getByRole('radio', { name: 'In person', exact: true }).check();
    await this.field('account').fill(a.account);
    if (a.platforms) await this.field('platforms').fill(a.platforms);
    if (a.spread) await this.field('spread-notes').fill(a.spread);
    for (const [i, p] of a.people.entries()) {
      if (i > 0) await this.button('Add another person').click();
      await this.field(`person-${i + 1}-name`).fill(p.name);
      if (p.age !== undefined) await this.field(`person-${i + 1}-age`).fill(String(p.age));
      for (const label of p.involvement ?? []) {
        await this.page
          .locator(`[id="person-${i + 1}-involvement-fieldset"]`)
          .getByRole('checkbox', { name: label })
          .check();
      }
    }
    await this.button('Save and go to the initial review').click();
    const { InitialReviewPage } = await import('./InitialReviewPage.mjs');
    return new InitialReviewPage(this.page).waitUntilShown();
  }
}

export class ReferralsPage extends CasePage {
  static segment = 'referrals';
  static heading = 'Referrals';

  /** The confirmation after a referral, an outcome or advice is saved (the page stays open). */
  get saved() {
    return this.main.locator('.app-notification-banner--success');
  }

  /** The referrals made, as listed: one element each. */
  get referralsMade() {
    return this.main.locator('.app-referral');
  }

  /**
   * Records a referral and stays on Referrals, where it joins the list. Opens the form by "Record
   * another referral" when it is closed (once one referral is saved).
   * @param {{ agency?: string, to?: string, phone?: string, reference?: string, note?: string }} a
   */
  async recordReferral(a) {
    if (!(await this.field('to').count())) await this.button('Record another referral').click();
    const form = this.main.getByRole('region', { name: /^Record (a|another) referral$/ });
    if (a.agency) await form.getByRole('radio', { name: a.agency }).check();
    if (a.to) await this.field('to').fill(a.to);
    if (a.phone) await this.field('phone').fill(a.phone);
    if (a.reference) await this.field('reference').fill(a.reference);
    if (a.note) await this.field('note').fill(a.note);
    const before = await this.referralsMade.count();
    await this.button('Save the referral').click();
    await this.referralsMade.nth(before).waitFor();
    await this.saved.filter({ hasText: 'The referral to' }).waitFor();
    return this;
  }

  /**
   * Records the outcome of a referral (by whom it went to; the first open one if not said) and stays on Referrals.
   * @param {{ outcome: string, next?: string, to?: string }} a
   */
  async recordOutcome(a) {
    const open = this.main.getByRole('button', { name: /^Record the outcome of the referral to/ });
    const which = a.to
      ? this.main.getByRole('button', { name: `Record the outcome of the referral to ${a.to}` })
      : open;
    await which.first().click();
    await this.field('outcome').fill(a.outcome);
    if (a.next) await this.main.getByRole('radio', { name: a.next }).check();
    await this.button('Save the outcome').click();
    // Saved, the form closes (a confirmation from an earlier save may already be showing); refused, it says why.
    await this.page.waitForFunction(
      () => !document.getElementById('outcome') || document.querySelector('.app-error-summary'),
    );
    if (await this.errorSummary.count()) {
      throw new Error(`The outcome was refused: ${await this.errorSummary.innerText()}`);
    }
    await this.saved.filter({ hasText: 'The outcome of the referral to' }).waitFor();
    return this;
  }
}

export class RiskAssessmentPage extends CasePage {
  static segment = 'risk';
  static heading = 'Risk assessment';

  /** @param {{ level: 'Low'|'Medium'|'High', answers?: Record<string, string> }} a  answers keyed why, pressure, ... */
  async record(a) {
    await this.page.locator('[id="level-fieldset"]').getByRole('radio', { name: a.level, exact: true }).check();
    for (const [key, text] of Object.entries(a.answers ?? {})) await this.field(`r8-${key}`).fill(text);
    await this.page.locator('[id="adult-found-fieldset"]').getByRole('radio', { name: 'No', exact: true }).check();
    return this.saveAndReturn('Save the risk assessment');
  }
}

export class ParentsPage extends CasePage {
  static segment = 'parents';
  static heading = 'Parents and carers';

  /** Records that a young person's parents or carers were told. */
  async recordInformed(youngPerson, informedBy) {
    await this.page.locator('[id="person-fieldset"]').getByRole('radio', { name: youngPerson, exact: true }).check();
    await this.main.getByRole('radio', { name: 'Parents or carers were told' }).check();
    await this.field('informed-by').fill(informedBy);
    return this.saveAndReturn('Save');
  }
}

export class SignOffPage extends CasePage {
  static segment = 'sign-off';
  static heading = /^(Sign off the decision not to refer|Headteacher sign-off)$/;

  /**
   * Signs with the typed-name alternative and the signer's own passphrase.
   * @param {{ name?: string, passphrase: string, inPlace?: string }} a  inPlace: why someone other than the Headteacher signs
   */
  async signTyped(a) {
    if (a.inPlace) await this.field('in-place').fill(a.inPlace);
    if (a.name) await this.field('signature-name').fill(a.name);
    await this.page
      .locator('[id="signature-mode-fieldset"]')
      .getByRole('radio', { name: 'Type the name instead' })
      .check();
    await this.field('passphrase').fill(a.passphrase);
    await this.button('Sign off the decision').click();
  }
}

export class DeletionPage extends CasePage {
  static segment = 'deletion';
  static heading = 'Deleting the imagery';

  /**
   * Records the plan: a deadline, where each young person must delete it from, the R12.4 reminder.
   * @param {{ deadline: Date, where: Record<string, string[]> }} a  where: young person's name -> devices or services
   */
  async plan(a) {
    const d = dmy(a.deadline);
    await this.field('deadline-day').fill(d.day);
    await this.field('deadline-month').fill(d.month);
    await this.field('deadline-year').fill(d.year);
    for (const [name, places] of Object.entries(a.where)) {
      for (const [i, place] of places.entries()) {
        if (i > 0)
          await this.main.getByRole('button', { name: `Add a device or service for ${name}`, exact: true }).click();
        await this.main
          .getByRole('textbox', { name: `Device or service ${i + 1} for ${name}`, exact: true })
          .fill(place);
      }
    }
    await this.page.locator('[id="reminder-fieldset"]').getByRole('checkbox').check();
    await this.button('Record the deletion plan').click();
    await this.main.getByRole('heading', { name: /Confirm each deletion/ }).waitFor();
  }

  /** Confirms one deletion from the plan. */
  async confirm(where, name, how) {
    await this.main.getByRole('button', { name: `Confirm deletion from ${where} for ${name}`, exact: true }).click();
    await this.field('how').fill(how);
    await this.button('Record the confirmation').click();
    await this.main
      .getByRole('alert')
      .filter({ hasText: `Deletion confirmed: ${where} (${name})` })
      .waitFor();
  }
}

export class ClosePage extends CasePage {
  static segment = 'close';
  static heading = 'Close the case';

  /** What must be done first, as the page lists it. */
  async blockers() {
    return (await this.main.locator('.app-reasons li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  async close(summary) {
    await this.field('summary').fill(summary);
    return this.saveAndReturn('Close the case');
  }
}

export class ChronologyPage extends CasePage {
  static segment = 'chronology';
  static heading = 'Chronology';

  /** Every entry in order: its title and its whole text. */
  async entries() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('main .app-chronology__item')].map((li) => ({
        title: li.querySelector('.app-chronology__title')?.textContent?.trim() ?? '',
        text: (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
  }
}

export class ConversationsPage extends CasePage {
  static segment = 'conversations';
  static heading = 'Talking with the young people';
}
export class ViewingPage extends CasePage {
  static segment = 'viewing';
  static heading = 'Viewing the imagery';
}
export class DevicesPage extends CasePage {
  static segment = 'devices';
  static heading = 'Devices for the police';
}
export class SocialCarePage extends CasePage {
  static segment = 'social-care';
  static heading = 'Children’s social care';
}
export class RemovalPage extends CasePage {
  static segment = 'removal';
  static heading = 'Removing imagery online';
}
export class ReopenPage extends CasePage {
  static segment = 'reopen';
  static heading = 'Reopen the case';
}
export class EscalatePage extends CasePage {
  static segment = 'escalate';
  static heading = 'Escalate now';
}
export class NotePage extends CasePage {
  static segment = 'note';
  static heading = 'Add a note';

  async add(text) {
    await this.field('text').fill(text);
    await this.button('Save the note').click();
  }
}
export class FactsPage extends CasePage {
  static segment = 'facts';
  static heading = 'Record new facts';
}
export class AmendPage extends CasePage {
  static segment = 'amend';
  static heading = 'Amend an answer';
}
export { InitialReviewPage } from './InitialReviewPage.mjs';

/** "This case could not be opened": what a case with damaged or altered records shows. */
export class CaseNotOpenedPage extends AppPage {
  static heading = 'This case could not be opened';

  async reason() {
    return (await this.main.locator('p').first().innerText()).trim();
  }
}

export class ExportPage extends CasePage {
  static segment = 'export';
  static heading = 'Export the case record';
}
export class TransferPage extends CasePage {
  static segment = 'transfer';
  static heading = 'Transfer this case';
}
