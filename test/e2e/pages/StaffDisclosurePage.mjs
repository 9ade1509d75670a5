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

  /** @param {{ account: string, imagery?: string, platforms?: string, spread?: string, actions?: string }} a */
  async answerWhat(a) {
    await this.field('account').fill(a.account);
    if (a.imagery) await this.field('imagery-description').fill(a.imagery);
    if (a.platforms) await this.field('platforms').fill(a.platforms);
    if (a.spread) await this.field('spread-notes').fill(a.spread);
    if (a.actions) await this.field('actions-taken').fill(a.actions);
    await this.continue('Who is involved?');
  }

  /** @param {{ name: string, age?: number }[]} people  young people here (pupils) */
  async answerPeople(people) {
    for (const [i, p] of people.entries()) {
      if (i > 0) await this.button('Add another person').click();
      await this.field(`person-${i + 1}-name`).fill(p.name);
      if (p.age !== undefined) await this.field(`person-${i + 1}-age`).fill(String(p.age));
    }
    await this.continue('Check your answers');
  }

  /** Seals it for the DSL; waits for "What happens next". */
  async seal() {
    await this.button('Seal and send to the DSL').click();
    await this.waitForStep('What happens next');
  }
}
