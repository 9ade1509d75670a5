// Page model for the policy: the rules, readable, each id linkable.
import { AppPage } from './AppPage.mjs';

export class PolicyPage extends AppPage {
  static path = '/policy';
  static heading = 'The policy';
}
