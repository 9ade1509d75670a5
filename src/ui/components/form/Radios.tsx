// Radios (GOV.UK pattern): one answer from a few. The first radio carries the group's id so the
// error summary's link lands on it.
import type { ReactNode } from 'react';
import { Fieldset, type FieldsetProps } from './Fieldset';

export interface ChoiceItem {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the choice only while it is selected ("If yes, give details"). */
  conditional?: ReactNode;
  disabled?: boolean;
}

/** The id of the nth (0-based) choice in a group: the first is the group id itself. */
export const choiceId = (groupId: string, index: number) => (index === 0 ? groupId : `${groupId}-${index + 1}`);

export interface RadiosProps extends Omit<FieldsetProps, 'children'> {
  name?: string;
  items: ChoiceItem[];
  value: string | null;
  onChange: (value: string) => void;
  /** Side by side, for two short answers such as Yes / No. */
  inline?: boolean;
}

export function Radios({ id, name, items, value, onChange, inline = false, ...fieldset }: RadiosProps) {
  return (
    <Fieldset id={`${id}-fieldset`} {...fieldset}>
      <div className={`app-radios${inline ? ' app-radios--inline' : ''}`}>
        {items.map((item, index) => {
          const inputId = choiceId(id, index);
          const itemHintId = `${inputId}-item-hint`;
          const checked = value === item.value;
          return (
            <div key={item.value} className="app-radios__choice">
              <div className="app-radios__item">
                <input
                  className="app-radios__input"
                  id={inputId}
                  name={name ?? id}
                  type="radio"
                  value={item.value}
                  checked={checked}
                  disabled={item.disabled}
                  onChange={() => onChange(item.value)}
                  aria-describedby={item.hint !== undefined ? itemHintId : undefined}
                />
                <label className="app-radios__label" htmlFor={inputId}>
                  {item.label}
                </label>
                {item.hint !== undefined && (
                  <div id={itemHintId} className="app-hint app-radios__hint">
                    {item.hint}
                  </div>
                )}
              </div>
              {item.conditional !== undefined && checked && (
                <div className="app-radios__conditional">{item.conditional}</div>
              )}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
