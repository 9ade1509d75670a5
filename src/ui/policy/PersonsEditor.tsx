// Everyone involved, one PersonEditor each, with "Add another person": the disclosure, the initial
// review and "Record new facts" all ask it this way. Nobody can be removed while they are the only one.
import type { Person } from '../../domain/types';
import { Button, type FormError } from '../components';
import { personEditorErrors } from '../disclosure/disclosureDraft';
import { newPerson, PersonEditor } from './PersonEditor';

export function PersonsEditor({
  persons,
  onChange,
  errors,
  detail,
  headingLevel,
  addId,
}: {
  persons: readonly Person[];
  onChange: (persons: Person[]) => void;
  /** The form's errors: each person's are placed at their fields. */
  errors: readonly FormError[];
  detail: 'policy' | 'full';
  headingLevel: 2 | 3;
  addId?: string;
}) {
  return (
    <>
      {persons.map((p, i) => (
        <PersonEditor
          key={p.id}
          person={p}
          index={i}
          detail={detail}
          headingLevel={headingLevel}
          errors={personEditorErrors(errors, i)}
          onChange={(np) => onChange(persons.map((x) => (x.id === p.id ? np : x)))}
          onRemove={persons.length > 1 ? () => onChange(persons.filter((x) => x.id !== p.id)) : undefined}
        />
      ))}
      <Button
        {...(addId !== undefined && { id: addId })}
        variant="secondary"
        onClick={() => onChange([...persons, newPerson(`p-${crypto.randomUUID()}`)])}
      >
        Add another person
      </Button>
    </>
  );
}
