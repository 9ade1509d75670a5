// Page model for the policy: the rules, readable, each id linkable.
import { AppPage } from './AppPage.mjs';

export class PolicyPage extends AppPage {
  static path = '/policy';
  // Any h1: the screen's wording is its author's to choose.
  static heading = undefined;
}
