// "What does the policy say?": enter the facts of a hypothetical incident and see the proposed
// typology, routes and reasons, without recording anything. A training and second-opinion tool.
import { useMemo, useState } from 'react';
import { assess } from '../../domain/rules/assess';
import { emptyFacts, type IncidentFacts, type Typology } from '../../domain/types';
import { Button, ButtonGroup, InsetText, Radios } from '../components';
import { FactsQuestions } from '../policy/FactsQuestions';
import { PersonEditor, newPerson } from '../policy/PersonEditor';
import { PolicySays, PolicySummaryBar } from '../policy/PolicySays';

function startingFacts(): IncidentFacts {
  return { ...emptyFacts(), persons: [newPerson('pc-1', 'pupil')] };
}

export function PolicyCheckPage() {
  const [facts, setFacts] = useState<IncidentFacts>(startingFacts);
  const [typology, setTypology] = useState<'proposed' | Typology>('proposed');
  const [nextId, setNextId] = useState(2);
  const assessment = useMemo(
    () => assess(facts, { confirmedTypology: typology === 'proposed' ? null : typology }),
    [facts, typology],
  );

  const addPerson = () => {
    setFacts({ ...facts, persons: [...facts.persons, newPerson(`pc-${nextId}`, 'pupil')] });
    setNextId(nextId + 1);
  };

  return (
    <div className="app-page">
      <h1 className="app-heading-xl">What does the policy say?</h1>
      <InsetText>
        Enter the facts of an incident, real or made up, to see what the policy recommends and why.{' '}
        <strong>Nothing here is saved.</strong> Use first names or descriptions only. Answer “not known yet” where you
        do not know: the app never treats an unknown as a no.
      </InsetText>
      <PolicySummaryBar assessment={assessment} />
      <div className="app-split">
        <form className="app-split__main" onSubmit={(e) => e.preventDefault()} aria-label="Facts of the incident">
          <h2 className="app-heading-m">Who is involved</h2>
          {facts.persons.map((p, i) => (
            <PersonEditor
              key={p.id}
              person={p}
              index={i}
              onChange={(np) => setFacts({ ...facts, persons: facts.persons.map((x) => (x.id === p.id ? np : x)) })}
              onRemove={
                facts.persons.length > 1
                  ? () => setFacts({ ...facts, persons: facts.persons.filter((x) => x.id !== p.id) })
                  : undefined
              }
            />
          ))}
          <ButtonGroup>
            <Button variant="secondary" onClick={addPerson}>
              Add another person
            </Button>
          </ButtonGroup>
          <h2 className="app-heading-m">What is known</h2>
          <FactsQuestions facts={facts} onChange={setFacts} />
          <Radios
            id="typology-choice"
            legend="Typology"
            hint="The DSL makes the final classification (R2.3). Choose one to see the routes that would follow from it."
            items={[
              { value: 'proposed', label: 'Use the proposal' },
              { value: 'experimental', label: 'Experimental' },
              { value: 'aggravated', label: 'Aggravated' },
            ]}
            value={typology}
            onChange={(v) => setTypology(v as 'proposed' | Typology)}
          />
          <ButtonGroup>
            <Button
              variant="secondary"
              onClick={() => {
                setFacts(startingFacts());
                setTypology('proposed');
              }}
            >
              Start again
            </Button>
          </ButtonGroup>
        </form>
        <div
          className="app-split__aside"
          tabIndex={0}
          aria-label="What the policy says (updates as you answer)"
          role="region"
        >
          <PolicySays assessment={assessment} />
        </div>
      </div>
    </div>
  );
}
