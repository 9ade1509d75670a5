// The last part of the initial review: the DSL's decision. The app proposes the typology and the
// routes (R2.3, R6); the DSL decides, says why where it differs, and records who was consulted when
// the decision goes against the policy (an override, R4.5, R6.9).
import { Checkboxes, Radios, Textarea, TextInput } from '../../components';
import { ROUTE_IDS, type RouteId, type Typology } from '../../../domain/types';
import { ROUTE_LABELS } from '../../policy/labels';
import { OccurredAt } from '../OccurredAt';
import type { SectionProps } from './FactSections';

export function DecisionSection({ r, errors }: SectionProps) {
  const { form: f, proposal, typology, recommended, chosen, override, isOverride, setBack, consult } = r;
  const errorAt = (id: string) => errors.find((x) => x.fieldId === id)?.text;
  const offered = new Set(r.assessment.routes.routes.map((x) => x.route));
  const other = proposal.proposed.typology === 'aggravated' ? 'experimental' : 'aggravated';
  return (
    <>
      <Radios
        id="typology"
        legend="Is the incident experimental or aggravated?"
        hint={`The app proposes ${proposal.proposed.typology}. You make the final classification (R2.3).`}
        items={[
          { value: 'proposed', label: `As proposed: ${proposal.proposed.typology}` },
          { value: other, label: other === 'aggravated' ? 'Aggravated' : 'Experimental' },
        ]}
        value={f.typologyChoice === proposal.proposed.typology ? 'proposed' : f.typologyChoice}
        onChange={(v) => {
          r.draft.set((x) => ({ ...x, typologyChoice: v as 'proposed' | Typology, routes: null }));
        }}
      />
      {typology !== proposal.proposed.typology && (
        <Textarea
          id="typology-reason"
          label={`Why do you judge it ${typology}?`}
          value={f.typologyReason}
          onChange={r.set('typologyReason')}
          error={errorAt('typology-reason')}
          rows={3}
        />
      )}
      {r.reconsider && (
        <Textarea
          id="no-consent"
          label="The imagery was shared without consent. The policy treats that as aggravated (R2.4). Please reconsider: why do you still judge it experimental?"
          value={f.noConsent}
          onChange={r.set('noConsent')}
          error={errorAt('no-consent')}
          rows={3}
        />
      )}
      <Checkboxes
        id="routes"
        legend="Which routes will you take?"
        hint="The policy’s recommendations are ticked. You may choose otherwise: say why below."
        items={ROUTE_IDS.map((id) => ({
          value: id,
          label: ROUTE_LABELS[id].title,
          hint: recommended.includes(id)
            ? 'Recommended by the policy'
            : offered.has(id)
              ? 'Allowed'
              : id === 'school-manage'
                ? 'Not offered: a trigger is present or not yet known'
                : undefined,
        }))}
        values={chosen}
        onChange={(v) => r.set('routes')(v as RouteId[])}
      />
      <Textarea
        id="route-reason"
        label="If your routes differ from the recommendation, why?"
        value={f.routeReason}
        onChange={r.set('routeReason')}
        error={errorAt('route-reason')}
        rows={3}
      />
      {isOverride && (
        <fieldset className="app-fieldset" aria-describedby="override-hint">
          <legend className="app-fieldset__legend">This is an override: who did you consult?</legend>
          <p className="app-hint" id="override-hint">
            {override.routes.length > 0
              ? `The policy asks for this now: ${override.routes.map((x) => ROUTE_LABELS[x].title).join('; ')}. `
              : 'The case was escalated and this decision makes no referral. '}
            Going against it needs who at the MASH or the police you consulted, when, and what they advised; the
            Headteacher then signs it off (R4.5, R14.3).
          </p>
          <Radios
            id="consult-agency"
            legend="Which agency?"
            items={[
              { value: 'mash', label: 'The MASH' },
              { value: 'police', label: 'The police' },
            ]}
            value={consult.agency}
            onChange={(v) => r.set('consultAgency')(v as 'mash' | 'police')}
          />
          <TextInput
            id="consult-who"
            label="Who did you speak to?"
            value={consult.who}
            onChange={r.set('consultWho')}
            error={errorAt('consult-who')}
          />
          <OccurredAt
            id="consult-at"
            value={consult.at}
            onChange={r.set('consultAt')}
            label="When?"
            error={errorAt('consult-at')}
          />
          <Textarea
            id="consult-advice"
            label="What did they advise?"
            value={consult.advice}
            onChange={r.set('consultAdvice')}
            error={errorAt('consult-advice')}
            rows={3}
          />
        </fieldset>
      )}
      {setBack.length > 0 && (
        <Textarea
          id="change-reason"
          label="Why are earlier answers changing?"
          hint={`This sets back or removes: ${setBack.map((x) => x.label).join('; ')}. The earlier answer stays in the chronology (R14.1).`}
          value={r.changeReason}
          onChange={r.set('changeReason')}
          error={errorAt('change-reason')}
          rows={3}
        />
      )}
      <Textarea
        id="rationale"
        label="Reasons for the decision"
        hint="Best interests, proportionality, welfare and protection of the young people (R7.2)."
        value={f.rationale}
        onChange={r.set('rationale')}
        error={errorAt('rationale')}
        rows={4}
      />
      <OccurredAt
        value={f.when}
        onChange={r.set('when')}
        label="When was the decision made?"
        error={errorAt('occurred-at')}
      />
    </>
  );
}
