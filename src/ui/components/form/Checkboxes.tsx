// Checkboxes (GOV.UK pattern): any number of answers. The first box carries the group's id so
// the error summary's link lands on it.
import { Fieldset, type FieldsetProps } from './Fieldset';
import { choiceId, type ChoiceItem } from './Radios';

export interface CheckboxesProps extends Omit<FieldsetProps, 'children'> {
  name?: string;
  items: ChoiceItem[];
  values: readonly string[];
  onChange: (values: string[]) => void;
}

export function Checkboxes({ id, name, items, values, onChange, ...fieldset }: CheckboxesProps) {
  const toggle = (value: string, checked: boolean) => {
    // Keep the items' order whatever order they were ticked in.
    const next = new Set(values);
    if (checked) next.add(value);
    else next.delete(value);
    onChange(items.map((item) => item.value).filter((v) => next.has(v)));
  };
  return (
    <Fieldset id={`${id}-fieldset`} {...fieldset}>
      <div className="app-checkboxes">
        {items.map((item, index) => {
          const inputId = choiceId(id, index);
          const itemHintId = `${inputId}-item-hint`;
          const checked = values.includes(item.value);
          return (
            <div key={item.value} className="app-checkboxes__choice">
              <div className="app-checkboxes__item">
                <input
                  className="app-checkboxes__input"
                  id={inputId}
                  name={name ?? id}
                  type="checkbox"
                  value={item.value}
                  checked={checked}
                  disabled={item.disabled}
                  onChange={(event) => toggle(item.value, event.target.checked)}
                  aria-describedby={item.hint !== undefined ? itemHintId : undefined}
                />
                <label className="app-checkboxes__label" htmlFor={inputId}>
                  {item.label}
                </label>
                {item.hint !== undefined && (
                  <div id={itemHintId} className="app-hint app-checkboxes__hint">
                    {item.hint}
                  </div>
                )}
              </div>
              {item.conditional !== undefined && checked && (
                <div className="app-checkboxes__conditional">{item.conditional}</div>
              )}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
