// The initial review's questions about the incident (R5), each answered yes, no or not known yet.
import type { IncidentFacts, RiskLevel, Tri } from '../../domain/types';
import { Radios, Select, TextInput } from '../components';
import { FACT_QUESTIONS, GROUP_NOTES, GROUP_TITLES, TRI_ITEMS, type FactQuestion } from './labels';

export const DEFAULT_RISK_TOOL = 'WSCB Risk Assessment Matrix';

export interface FactsQuestionsProps {
  facts: IncidentFacts;
  onChange: (facts: IncidentFacts) => void;
  riskTools?: string[];
  /** The level of each group's heading: 3 under an h2 section, 2 directly under the page's h1. */
  headingLevel?: 2 | 3;
}

export function FactsQuestions({
  facts,
  onChange,
  riskTools = [DEFAULT_RISK_TOOL],
  headingLevel = 3,
}: FactsQuestionsProps) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const groups = [...new Set(FACT_QUESTIONS.map((q) => q.group))] as FactQuestion['group'][];
  const tool = facts.riskTool;
  return (
    <>
      {groups.map((group) => (
        <section key={group} className="app-facts-group" aria-labelledby={`facts-${group}`}>
          <H className="app-heading-s" id={`facts-${group}`}>
            {GROUP_TITLES[group]}
          </H>
          {GROUP_NOTES[group] && <p className="app-body-s app-facts-group__note">{GROUP_NOTES[group]}</p>}
          {FACT_QUESTIONS.filter((q) => q.group === group).map((q) => (
            <Radios
              key={q.key}
              id={`fact-${q.key}`}
              legend={q.question}
              legendSize="s"
              hint={q.hint}
              inline
              items={TRI_ITEMS}
              value={facts[q.key]}
              onChange={(v) => onChange({ ...facts, [q.key]: v as Tri })}
            />
          ))}
        </section>
      ))}
      <section className="app-facts-group" aria-labelledby="facts-risk-tool">
        <H className="app-heading-s" id="facts-risk-tool">
          Local risk tool
        </H>
        <Select
          id="fact-risk-level"
          label="What did the local risk tool say?"
          hint="The app never scores risk itself. For young people aged 13 to 17 the tool is applied during the initial review."
          options={[
            { value: '', label: 'Not applied yet' },
            { value: 'low', label: 'Low risk' },
            { value: 'medium', label: 'Medium risk' },
            { value: 'high', label: 'High risk' },
          ]}
          value={tool?.level ?? ''}
          onChange={(v) =>
            onChange({
              ...facts,
              riskTool:
                v === '' ? null : { tool: tool?.tool ?? riskTools[0] ?? DEFAULT_RISK_TOOL, level: v as RiskLevel },
            })
          }
        />
        {tool && (
          <TextInput
            id="fact-risk-tool"
            label="Which tool?"
            value={tool.tool}
            list="risk-tools"
            onChange={(v) => onChange({ ...facts, riskTool: { ...tool, tool: v } })}
          />
        )}
        <datalist id="risk-tools">
          {riskTools.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </section>
    </>
  );
}
