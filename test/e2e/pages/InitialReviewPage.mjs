// Page model for the initial review meeting (R5): who attended, the people, what is known (the
// policy's questions), the meeting's questions, the decision; then "check your answers".
import { CasePage } from './CasePage.mjs';
import { knownDate, personDetails } from './StaffDisclosurePage.mjs';

const TRI = { yes: '', no: '-2', unknown: '-3' };

export class InitialReviewPage extends CasePage {
  static segment = 'review';
  static heading = 'Initial review meeting';

  /** The "What the policy says" panel, which updates as answers change. */
  get policySays() {
    return this.page.getByRole('region', { name: /What the policy says/ });
  }

  /** A route card in the panel, e.g. route('mash-referral') with data-strength="act-now". */
  route(id) {
    return this.policySays.locator(`[data-route="${id}"]`);
  }

  /** When the imagery was made or shared: a date, or 'not known'. */
  async incidentDate(date) {
    await knownDate(this.page, 'incident-date', date);
  }

  /** @param {string[]} people  one per line, with their role */
  async attendees(people) {
    await this.field('attendees').fill(people.join('\n'));
  }

  /**
   * Answers the questions about one person (1-based), as far as given.
   * @param {number} n
   * @param {{ sen?: 'yes'|'no'|'unknown', socialCare?: 'none'|'current'|'past'|'possible'|'unknown', age?: number, involvement?: string[], dob?: { day: string, month: string, year: string } | 'not known', sex?: string }} a
   */
  async person(n, a) {
    const id = `person-${n}`;
    await personDetails(this.page, n, { age: a.age, dob: a.dob, sex: a.sex });
    if (a.sen) await this.field(`${id}-sen${TRI[a.sen]}`).check();
    if (a.socialCare) await this.field(`${id}-social-care`).selectOption(a.socialCare);
    for (const label of a.involvement ?? []) {
      await this.page.locator(`[id="${id}-involvement-fieldset"]`).getByRole('checkbox', { name: label }).check();
    }
  }

  /** Answers every yes/no/not-known question about the incident "No", then the given ones. */
  async facts(overrides = {}) {
    const noes = this.main.locator('.app-facts-group input[type="radio"][value="no"]');
    for (const radio of await noes.all()) await radio.check();
    for (const [key, value] of Object.entries(overrides)) await this.field(`fact-${key}${TRI[value]}`).check();
  }

  /** @param {'unknown'|'contained'|'limited'|'wide'} spread */
  async spread(spread, platforms) {
    await this.field('spread').selectOption(spread);
    if (platforms) await this.field('platforms').fill(platforms);
  }

  /** @param {Record<string, string>} answers  keyed as the page's ids: immediateRisk, contactParents... */
  async meetingAnswers(answers) {
    for (const [key, text] of Object.entries(answers)) await this.field(`answer-${key}`).fill(text);
  }

  /** @param {string} title  a route's title, e.g. "The school may manage this" */
  routeChoice(title) {
    return this.page.locator('[id="routes-fieldset"]').getByRole('checkbox', { name: title, exact: true });
  }

  async rationale(text) {
    await this.field('rationale').fill(text);
  }

  async continueToCheck() {
    await this.button('Continue to check your answers').click();
    return new CheckDecisionPage(this.page).waitUntilShown();
  }
}

/** "Check your answers before recording the decision". */
export class CheckDecisionPage extends CasePage {
  static heading = 'Check your answers before recording the decision';

  /** The answers as shown, key -> value. */
  async answers() {
    return this.page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('main .app-summary-list__row')].map((row) => [
          row.querySelector('dt')?.textContent?.trim(),
          row.querySelector('dd')?.textContent?.trim(),
        ]),
      ),
    );
  }

  /** Records the decision; the app goes on to the task list or, for a referral, to Referrals. */
  async record() {
    await this.button('Record the decision').click();
  }
}
