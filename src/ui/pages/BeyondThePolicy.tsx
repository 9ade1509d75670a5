// What the app follows besides the establishment's policy, so every rule id a screen shows links
// somewhere meaningful: national guidance (UKCIS.*) and the app's own security design for records
// and retention (SEC.*, backups). Labelled as such: this is not the establishment's policy text.
// Titles and quotes come from the domain's catalogue; the plain words here only explain them.
import { BROWSER_LEFTOVERS } from '../retention/leftovers';
import type { ReactNode } from 'react';
import { RULES, type RuleId } from '../../domain/rules/catalogue';
import { InsetText } from '../components';
import { QuoteOf } from '../policy/PolicySays';

function Item({ id, children }: { id: RuleId; children: ReactNode }) {
  return (
    <li id={id} tabIndex={-1} className="app-policy-text__rule">
      <strong>
        {id} {RULES[id].title}.
      </strong>{' '}
      {children} <QuoteOf rule={id} />
    </li>
  );
}

export function BeyondThePolicy({ retentionYears }: { retentionYears: number }) {
  return (
    <>
      <h2 className="app-heading-m app-policy-text__heading" id="national-guidance" tabIndex={-1}>
        National guidance the app also follows
      </h2>
      <p className="app-body">
        Newer national advice that this policy predates: UKCIS <em>Sharing nudes and semi-nudes</em> (2020, updated
        2024) and Keeping Children Safe in Education (KCSIE).
      </p>
      <ul className="app-list app-list--bullet">
        <Item id="UKCIS.adult">
          If an adult is involved in any way, it is child sexual abuse. Tell the police at once.
        </Item>
        <Item id="UKCIS.sextortion">
          If anyone demanded money, gifts or more images from a young person, tell the police now, and refer to the
          MASH: the policy calls this blackmail (R6.4). Tell the young person not to pay, to stop replying and to keep
          the messages. Help them get the imagery taken down with Report Remove (Childline and the IWF).
        </Item>
        <Item id="UKCIS.ai">
          Imagery made or altered with an app or AI (“nudified” or generated) is handled like any other imagery. Made of
          a young person without their knowledge or against their will, the app proposes aggravated, as the policy’s
          “creation ... of images without the knowledge or against the will of a minor” (R2.1).
        </Item>
        <Item id="KCSIE.lado">
          Your policy does not mention the LADO. If an adult involved works or volunteers with children, tell the LADO
          (Local Authority Designated Officer) the same day. If the adult is the Headteacher, the chair of governors
          leads instead.
        </Item>
        <Item id="UKCIS.transfer">
          When a pupil moves school, their child protection file goes to the new school within 5 school days, kept apart
          from the main file. You ask the new school to confirm they received it.
        </Item>
      </ul>

      <h2 className="app-heading-m app-policy-text__heading" id="records" tabIndex={-1}>
        Records and retention: how this app keeps records
      </h2>
      <InsetText>
        This part is not your establishment’s policy. It is the app’s own security design, following usual KCSIE
        practice for child protection records. If your records policy says something different, your policy wins: change
        the number of years in Settings, or set a review date by hand on the case.
      </InsetText>
      <ul className="app-list app-list--bullet">
        <Item id="SEC.13">
          A case is kept until the youngest young person in it turns {retentionYears}. Then you review it: keep it until
          a later date, with a reason, or destroy it. Nothing is deleted without that review.
        </Item>
        <Item id="SEC.13.age">
          If you only know a young person’s age or year group, the app takes the latest birth date that fits. The case
          is kept a little longer rather than too short.
        </Item>
        <Item id="SEC.13.hold">
          A legal hold freezes a case: it cannot be reviewed or destroyed until you lift the hold. Use it when the
          police, a court, an inquiry or an insurer’s claim may need the record.
        </Item>
        <Item id="SEC.3">
          Each case is locked with its own key. Destroying a case destroys that key and every record of it, with a
          second key holder agreeing. What stays is a signed note that the record existed and was destroyed: its
          reference, its dates, who destroyed it, who agreed and why. It holds no names and nothing written about the
          case. {BROWSER_LEFTOVERS}
        </Item>
        <Item id="SYNC.same">
          One disclosure accepted on two tablets that could not reach each other becomes two cases. A key holder records
          that they are the same incident and which one carries it on. The other is closed as the same incident: it owes
          nothing further, and everything recorded in it stays in its record. What still applies is recorded again in
          the case carried on.
        </Item>
        <li id="backups" tabIndex={-1} className="app-policy-text__rule">
          <strong>Backups.</strong> The records live only on this tablet. If it is lost or its storage is cleared, only
          a backup brings them back. Make an encrypted backup in Settings regularly; the app reminds you when the last
          one grows old.
        </li>
      </ul>
    </>
  );
}
