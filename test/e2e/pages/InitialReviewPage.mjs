// Page model for the initial review meeting (R5), one part per page: who attended (meeting), the
// people (people), what is known (facts), the meeting's questions (questions), the decision
// (decision); then "check your answers". Each answer goes to its page first, by "Continue" as a
// DSL would (or by its address when it is an earlier page).
import { CasePage } from './CasePage.mjs';
import { knownDate, personDetails } from './StaffDisclosurePage.mjs';

const TRI = { yes: '', no: '-2', unknown: '-3' };

export class InitialReviewPage extends CasePage {
  static segment = 'review';
  static heading = 'Initial review meeting';
  static PAGES = ['meeting', 'people', 'facts', 'questions', 'decision'];

  /** The part of the review on screen ('meeting' ... 'decision', or 'check'). */
  async shown() {
    return this.main.locator('h1[data-review-page]').getAttribute('data-review-page');
  }

  /**
   * Goes to a part of the review: on by "Continue" (each page's answers must hold), back by its address.
   * @param {'meeting'|'people'|'facts'|'questions'|'decision'} part
   */
  async at(part) {
    const order = InitialReviewPage.PAGES;
    let now = await this.shown();
    if (now === part) return this;
    if (order.indexOf(now) > order.indexOf(part)) {
      const caseId = this.caseIdFromUrl();
      await this.visit(`/cases/${caseId}/review?part=${part}`);
      await this.main.locator(`h1[data-review-page="${part}"]`).waitFor();
      return this;
    }
    while (now !== part) {
      const next = order[order.indexOf(now) + 1];
      await this.button(now === 'decision' ? 'Continue to check your answers' : 'Continue').click();
      await this.main.locator(`h1[data-review-page="${next}"], .app-error-summary`).first().waitFor();
      if ((await this.shown()) !== next) {
        throw new Error(`The review stayed on "${now}": ${await this.errorSummary.innerText()}`);
      }
      now = next;
    }
    return this;
  }

  /** The portrait bar: the app's proposal so far, with its rules. */
  get proposalBar() {
    return this.page.getByRole('region', { name: 'The app’s proposal so far' });
  }

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
    await this.at('meeting');
    await knownDate(this.page, 'incident-date', date);
  }

  /** @param {string[]} people  one per line, with their role */
  async attendees(people) {
    await this.at('meeting');
    await this.field('attendees').fill(people.join('\n'));
  }

  /**
   * Answers the questions about one person (1-based), as far as given.
   * @param {number} n
   * @param {{ sen?: 'yes'|'no'|'unknown', socialCare?: 'none'|'current'|'past'|'possible'|'unknown', age?: number, involvement?: string[], dob?: { day: string, month: string, year: string } | 'not known', sex?: string }} a
   */
  async person(n, a) {
    await this.at('people');
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
    await this.at('facts');
    const noes = this.main.locator('.app-facts-group input[type="radio"][value="no"]');
    for (const radio of await noes.all()) await radio.check();
    for (const [key, value] of Object.entries(overrides)) await this.field(`fact-${key}${TRI[value]}`).check();
  }

  /** @param {'unknown'|'contained'|'limited'|'wide'} spread */
  async spread(spread, platforms) {
    await this.at('facts');
    await this.field('spread').selectOption(spread);
    if (platforms) await this.field('platforms').fill(platforms);
  }

  /** @param {Record<string, string>} answers  keyed as the page's ids: immediateRisk, contactParents... */
  async meetingAnswers(answers) {
    await this.at('questions');
    for (const [key, text] of Object.entries(answers)) await this.field(`answer-${key}`).fill(text);
  }

  /** The typology question on the decision page (after `at('decision')`). */
  get typology() {
    return this.main.locator('[id="typology-fieldset"]');
  }

  /** @param {string} title  a route's title, e.g. "The school may manage this" (after `at('decision')`) */
  routeChoice(title) {
    return this.page.locator('[id="routes-fieldset"]').getByRole('checkbox', { name: title, exact: true });
  }

  async rationale(text) {
    await this.at('decision');
    await this.field('rationale').fill(text);
  }

  async continueToCheck() {
    await this.at('decision');
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
