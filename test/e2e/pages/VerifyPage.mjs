// Page model for "Check a PDF case record" (/verify), after unlock.
import { AppPage } from './AppPage.mjs';

export class VerifyPage extends AppPage {
  static path = '/verify';
  static heading = 'Check a PDF case record';
}
