// The risk assessment (R8): the R8 questions and the level the DSL's tool gave.
import { useState } from 'react';
import { RISK_QUESTIONS } from '../../../domain/questions';
import type { IncidentFacts, RiskLevel } from '../../../domain/types';
import { Radios, SummaryList, Textarea, TextInput } from '../../components';
import { type FieldIds } from '../../data/useStep';
import { useDraftField } from '../../data/drafts';
import { useSettings } from '../../data/settings';
import { formatDateTime, nowLocalInput } from '../../format';
import { StepPage, RecordBar } from '../StepPage';
import { occurredAtIso } from '../OccurredAt';
import { usePage } from './usePage';

export const RISK_FIELDS = { tool: 'tool' } satisfies FieldIds;

export function RiskAssessmentPage() {
  const s = usePage(RISK_FIELDS, 'tool');
  const settings = useSettings();
  const c = s.snapshot.context;
  const [tool, setTool] = useState(c.facts.riskTool?.tool ?? settings.riskTools[0] ?? '');
  const [level, setLevel] = useState<RiskLevel | ''>(c.facts.riskTool?.level ?? '');
  const [answers, setAnswers] = useDraftField<Record<string, string>>('answers', {});
  const [facts, setFacts] = useState<Partial<IncidentFacts>>({});
  const [when, setWhen] = useState(nowLocalInput());
  return (
    <StepPage title="Risk assessment" s={s}>
      <p className="app-body">
        The DSL reviews the facts, including talking with the young people, and assesses the risks with colleagues (R8,
        R8.11). Any answer that shows harm, an adult, coercion or another trigger sends the case back to referral
        (R6.9).
      </p>
      {c.riskAssessments.map((r) => (
        <SummaryList
          key={r.eventId}
          rows={[{ key: 'Assessed', value: `${formatDateTime(r.at)} by ${r.by.name}: ${r.tool}, ${r.level} risk` }]}
        />
      ))}
      <TextInput id="tool" label="Local risk tool used" value={tool} onChange={setTool} list="risk-tools-ra" />
      <datalist id="risk-tools-ra">
        {settings.riskTools.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <Radios
        id="level"
        legend="What did the tool say?"
        hint="The app never scores risk itself."
        inline
        items={[
          { value: 'low', label: 'Low' },
          { value: 'medium', label: 'Medium' },
          { value: 'high', label: 'High' },
        ]}
        value={level}
        onChange={(v) => setLevel(v as RiskLevel)}
      />
      {RISK_QUESTIONS.map((q) => (
        <Textarea
          key={q.key}
          id={`r8-${q.key}`}
          label={`${q.label} (${q.rule})`}
          value={answers[q.key] ?? ''}
          onChange={(v) => setAnswers({ ...answers, [q.key]: v })}
          rows={2}
        />
      ))}
      <Radios
        id="adult-found"
        legend="Did the assessment find an adult involved, coercion, or harm not known before?"
        hint="If yes, record it: the case escalates to referral."
        items={[
          { value: 'no', label: 'No' },
          { value: 'harm', label: 'Yes: a young person is at risk of harm' },
          { value: 'coercion', label: 'Yes: coercion, pressure or grooming' },
        ]}
        value={facts.immediateRiskOfHarm === 'yes' ? 'harm' : facts.coercionOrGrooming === 'yes' ? 'coercion' : 'no'}
        onChange={(v) =>
          setFacts(
            v === 'harm' ? { immediateRiskOfHarm: 'yes' } : v === 'coercion' ? { coercionOrGrooming: 'yes' } : {},
          )
        }
      />
      <RecordBar
        s={s}
        when={when}
        onWhen={setWhen}
        label="Save the risk assessment"
        checks={() => [...(level ? [] : [{ fieldId: 'level', text: 'Choose what the risk tool said' }])]}
        draft={() => ({
          type: 'risk.assessed',
          tool,
          level: (level || 'low') as RiskLevel,
          answers,
          facts,
          occurredAt: occurredAtIso(when),
        })}
        onRecorded={s.back}
      />
    </StepPage>
  );
}
