// Page model for the design-system gallery (every component, example content).
import { AppPage } from './AppPage.mjs';

export class ComponentGalleryPage extends AppPage {
  static path = '/design-system';
  static heading = 'Components';

  /** Submits the example form empty, so every error state is on screen. */
  async showErrors() {
    await this.page.getByRole('button', { name: 'Check the form' }).click();
    await this.errorSummary.waitFor({ state: 'visible' });
  }

  get errorSummary() {
    return this.page.locator('.app-error-summary');
  }

  /** @param {string} text */
  errorLink(text) {
    return this.errorSummary.getByRole('link', { name: text });
  }
}
