// Page model for "Report for a period" (/reports), after unlock.
import { AppPage } from './AppPage.mjs';

export class ReportsPage extends AppPage {
  static path = '/reports';
  static heading = 'Report for a period';

  /** Chooses the current school year and shows its report. */
  async showSchoolYear() {
    await this.page.getByLabel('A school year').check();
    await this.button('Show the report').click();
    await this.page.locator('#report-heading').waitFor();
    return this;
  }

  /** Your own dates, as typed (the error shows at the field). */
  async showDates(from, to) {
    await this.page.getByLabel('Your own dates').check();
    for (const [id, d] of [
      ['from', from],
      ['to', to],
    ]) {
      await this.field(`${id}-day`).fill(d.day);
      await this.field(`${id}-month`).fill(d.month);
      await this.field(`${id}-year`).fill(d.year);
    }
    await this.button('Show the report').click();
    return this;
  }
}
