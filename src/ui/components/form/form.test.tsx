// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Checkboxes } from './Checkboxes';
import { DateInput, EMPTY_DATE } from './DateInput';
import { Radios } from './Radios';
import { Select } from './Select';
import { Textarea } from './Textarea';
import { TextInput } from './TextInput';

afterEach(cleanup);

const items = [
  { value: 'a', label: 'First' },
  { value: 'b', label: 'Second', hint: 'About the second' },
  { value: 'c', label: 'Third' },
];

describe('form controls', () => {
  it('label a text input and describe it by its hint, then its error', () => {
    render(
      <TextInput
        id="name"
        label="Your name"
        hint="As on the record"
        error="Enter your name"
        value=""
        onChange={() => {}}
      />,
    );
    const input = screen.getByLabelText('Your name');
    expect(input.getAttribute('aria-describedby')).toBe('name-hint name-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('name-hint')?.textContent).toBe('As on the record');
    expect(document.getElementById('name-error')?.textContent).toBe('Error: Enter your name');
  });

  it('describe a control by nothing when it has no hint and no error', () => {
    render(<Textarea id="notes" label="Notes" value="" onChange={() => {}} />);
    expect(screen.getByLabelText('Notes').hasAttribute('aria-describedby')).toBe(false);
  });

  it('report typed text to the caller', () => {
    const onChange = vi.fn<(value: string) => void>();
    render(<TextInput id="name" label="Your name" value="" onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Sam' } });
    expect(onChange).toHaveBeenCalledWith('Sam');
  });

  it('give the first radio the question’s id and each choice its own label', () => {
    const onChange = vi.fn<(value: string) => void>();
    render(<Radios id="q" legend="Pick one" items={items} value={null} onChange={onChange} error="Select one" />);
    expect(screen.getByLabelText('First').id).toBe('q');
    expect(screen.getByLabelText('Second').getAttribute('aria-describedby')).toBe('q-2-item-hint');
    expect(screen.getByRole('group', { name: 'Pick one' }).getAttribute('aria-describedby')).toBe('q-fieldset-error');
    fireEvent.click(screen.getByLabelText('Third'));
    expect(onChange).toHaveBeenCalledWith('c');
  });

  it('show a conditional question only under the chosen radio', () => {
    const withConditional = [
      { value: 'yes', label: 'Yes', conditional: <p>Give details</p> },
      { value: 'no', label: 'No' },
    ];
    const { rerender } = render(<Radios id="q" legend="Q" items={withConditional} value="no" onChange={() => {}} />);
    expect(screen.queryByText('Give details')).toBeNull();
    rerender(<Radios id="q" legend="Q" items={withConditional} value="yes" onChange={() => {}} />);
    expect(screen.getByText('Give details')).toBeTruthy();
  });

  it('keep ticked checkboxes in the order they are listed', () => {
    const onChange = vi.fn<(values: string[]) => void>();
    render(<Checkboxes id="c" legend="Pick any" items={items} values={['c']} onChange={onChange} />);
    fireEvent.click(screen.getByLabelText('First'));
    expect(onChange).toHaveBeenCalledWith(['a', 'c']);
  });

  it('ask for a date as day, month and year, each labelled', () => {
    const onChange = vi.fn<(value: typeof EMPTY_DATE) => void>();
    render(
      <DateInput
        id="d"
        legend="When?"
        value={EMPTY_DATE}
        onChange={onChange}
        error="Enter a year"
        errorParts={['year']}
      />,
    );
    expect(screen.getByLabelText('Day').id).toBe('d-day');
    expect(screen.getByLabelText('Year').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Day').hasAttribute('aria-invalid')).toBe(false);
    fireEvent.change(screen.getByLabelText('Month'), { target: { value: '3' } });
    expect(onChange).toHaveBeenCalledWith({ day: '', month: '3', year: '' });
  });

  it('label a select and report the chosen option', () => {
    const onChange = vi.fn<(value: string) => void>();
    render(
      <Select
        id="s"
        label="Stage"
        options={[
          { value: '', label: 'Choose' },
          { value: 'x', label: 'X' },
        ]}
        value=""
        onChange={onChange}
      />,
    );
    fireEvent.change(screen.getByLabelText('Stage'), { target: { value: 'x' } });
    expect(onChange).toHaveBeenCalledWith('x');
  });
});
