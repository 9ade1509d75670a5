// Page model for "Record a disclosure" (/disclose), from the lock screen without unlocking:
// guidance first, then who / what / who is involved, check your answers, sealed for the DSL.
import { AppPage } from './AppPage.mjs';

export class StaffDisclosurePage extends AppPage {
  static path = '/disclose';
  /** Any step's h1: guidance, each question page, check your answers, "What happens next". */
  static heading = undefined;

  get guidanceHeading() {
    return this.page.locator('main h1', { hasText: 'Before you write anything' });
  }

  /** Loads /disclose and waits for the guidance. */
  async open(path = StaffDisclosurePage.path) {
    await this.page.goto(path);
    await this.guidanceHeading.waitFor();
    return this;
  }

  async waitForStep(h1) {
    await this.page.locator('main h1', { hasText: h1 }).waitFor();
  }

  async start() {
    await this.button('Start').click();
    await this.waitForStep('Who told you, and when?');
  }

  async continue(nextHeading) {
    await this.button('Continue').click();
    if (nextHeading) await this.waitForStep(nextHeading);
  }

  /** @param {{ disclosedBy: string, relation?: string, disclosedTo: string, channel?: string }} a */
  async answerWho(a) {
    await this.field('disclosed-by').fill(a.disclosedBy);
    await this.main.getByRole('radio', { name: a.relation ?? 'A friend or another young person' }).check();
    await this.field('disclosed-to').fill(a.disclosedTo);
    await this.main.getByRole('radio', { name: a.channel ?? 'In person' }).check();
    await this.continue('What were you told?');
  }

  /** @param {{ account: string, imagery?: string, platforms?: string, spread?: string, actions?: string, incidentDate?: { day: string, month: string, year: string } | 'not known' }} a */
  async answerWhat(a) {
    await this.field('account').fill(a.account);
    if (a.incidentDate) await knownDate(this.page, 'incident-date', a.incidentDate);
    if (a.imagery) await this.field('imagery-description').fill(a.imagery);
    if (a.platforms) await this.field('platforms').fill(a.platforms);
    if (a.spread) await this.field('spread-notes').fill(a.spread);
    if (a.actions) await this.field('actions-taken').fill(a.actions);
    await this.continue('Who is involved?');
  }

  /** @param {{ name: string, age?: number, dob?: { day: string, month: string, year: string } | 'not known', sex?: string }[]} people  young people here (pupils) */
  async answerPeople(people) {
    for (const [i, p] of people.entries()) {
      if (i > 0) await this.button('Add another person').click();
      await personDetails(this.page, i + 1, p);
    }
    await this.continue('Check your answers');
  }

  /** Seals it for the DSL; waits for "What happens next". */
  async seal() {
    await this.button('Seal and send to the DSL').click();
    await this.waitForStep('What happens next');
  }
}

/**
 * A date that may be known or not (issue 15): "Known" then day, month, year; or "Not known".
 * @param {import('playwright-core').Page} page
 * @param {string} id  the radios' id, e.g. "incident-date", "person-1-dob"
 * @param {{ day: string, month: string, year: string } | 'not known'} date
 */
export async function knownDate(page, id, date) {
  const group = page.locator(`[id="${id}-fieldset"]`);
  if (date === 'not known') {
    await group.getByRole('radio', { name: 'Not known', exact: true }).check();
    return;
  }
  await group.getByRole('radio', { name: 'Known', exact: true }).check();
  await page.locator(`[id="${id}-date-day"]`).fill(date.day);
  await page.locator(`[id="${id}-date-month"]`).fill(date.month);
  await page.locator(`[id="${id}-date-year"]`).fill(date.year);
}

/**
 * One person's name, age, date of birth and sex as the school records it, as far as given.
 * @param {import('playwright-core').Page} page
 * @param {number} n  1-based
 * @param {{ name?: string, age?: number, dob?: { day: string, month: string, year: string } | 'not known', sex?: string }} p
 */
export async function personDetails(page, n, p) {
  const id = `person-${n}`;
  if (p.name !== undefined) await page.locator(`[id="${id}-name"]`).fill(p.name);
  if (p.age !== undefined) await page.locator(`[id="${id}-age"]`).fill(String(p.age));
  if (p.dob) await knownDate(page, `${id}-dob`, p.dob);
  if (p.sex) await page.locator(`[id="${id}-sex-fieldset"]`).getByRole('radio', { name: p.sex, exact: true }).check();
}
