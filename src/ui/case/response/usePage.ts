// A response step's page state: the step, its errors placed by field, and the way back to the case.
import { useNavigate } from 'react-router';
import { type FieldIds, useStep } from '../../data/useStep';

export function usePage(fields: FieldIds, fallback?: string) {
  const s = useStep(fields, fallback);
  const navigate = useNavigate();
  return { ...s, back: () => navigate(`/cases/${s.caseId}`) };
}
