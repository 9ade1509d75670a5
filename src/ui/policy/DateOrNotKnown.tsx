// A date a DSL may know, not know, or not have been asked (issue 15: "not known" is a value, as
// everywhere): "Known" opens day, month and year boxes; "Not known" records DATE_NOT_KNOWN; no choice
// leaves it not recorded. The value is what was typed (YYYY-MM-DD once complete); the domain's
// validators say whether it is a real, possible date and the form shows their answer at the field.
import { DATE_NOT_KNOWN } from '../../domain/types';
import { DateInput, Radios, type DateParts } from '../components';

/** Typed parts as stored: "2012-03-07" once complete, partial text ("2012-3-") while typing. */
export function partsToDate(parts: DateParts): string {
  const pad = (s: string) => (/^\d$/.test(s.trim()) ? `0${s.trim()}` : s.trim());
  return `${parts.year.trim()}-${pad(parts.month)}-${pad(parts.day)}`;
}

export function dateToParts(value: string | undefined): DateParts {
  const m = /^(\d*)-(\d*)-(\d*)$/.exec(value ?? '');
  if (!m) return { day: '', month: '', year: '' };
  const unpad = (s: string) => (/^0\d$/.test(s) ? s.slice(1) : s);
  return { year: m[1] ?? '', month: unpad(m[2] ?? ''), day: unpad(m[3] ?? '') };
}

export interface DateOrNotKnownProps {
  /** The radios' id; the date boxes are `${id}-date` (its error goes there). */
  id: string;
  legend: string;
  hint?: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  error?: string | undefined;
}

export function DateOrNotKnown({ id, legend, hint, value, onChange, error }: DateOrNotKnownProps) {
  const choice = value === undefined ? '' : value === DATE_NOT_KNOWN ? 'unknown' : 'known';
  return (
    <Radios
      id={id}
      legend={legend}
      legendSize="s"
      hint={hint}
      value={choice}
      onChange={(v) =>
        onChange(
          v === 'unknown' ? DATE_NOT_KNOWN : partsToDate(dateToParts(value === DATE_NOT_KNOWN ? undefined : value)),
        )
      }
      items={[
        {
          value: 'known',
          label: 'Known',
          conditional: (
            <DateInput
              id={`${id}-date`}
              legend={legend}
              legendSize="s"
              hint="For example, 27 3 2012"
              value={dateToParts(choice === 'known' ? value : undefined)}
              onChange={(parts) => onChange(partsToDate(parts))}
              error={error}
            />
          ),
        },
        { value: 'unknown', label: 'Not known' },
      ]}
    />
  );
}

/** When the imagery was made or shared (issue 11 item 6): every age rule is tested on this day. Its error is at `incident-date-date`. */
export function IncidentDateField({
  value,
  onChange,
  error,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  error?: string | undefined;
}) {
  return (
    <DateOrNotKnown
      id="incident-date"
      legend="When was the image or video made or shared?"
      hint="As far as you know. Ages are worked out on this date: a pupil who was 12 then is treated as 12."
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
