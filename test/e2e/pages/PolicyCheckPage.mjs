// Page model for the policy check ("What does the policy say?"), also shown at '/'.
import { AppPage } from './AppPage.mjs';

export class PolicyCheckPage extends AppPage {
  static path = '/policy-check';
  static heading = 'What does the policy say?';
}
