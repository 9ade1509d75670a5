// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorSummary } from './ErrorSummary';
import { DateInput, EMPTY_DATE } from './form/DateInput';
import { Radios } from './form/Radios';
import { TextInput } from './form/TextInput';

afterEach(cleanup);

const noop = () => {};

describe('the error summary', () => {
  it('shows nothing when there are no errors', () => {
    const { container } = render(<ErrorSummary errors={[]} />);
    expect(container.innerHTML).toBe('');
  });

  it('is titled "There is a problem" and takes focus when it appears', () => {
    render(<ErrorSummary errors={[{ fieldId: 'name', text: 'Enter your name' }]} />);
    expect(screen.getByRole('heading', { name: 'There is a problem' })).toBeTruthy();
    expect(document.activeElement?.className).toBe('app-error-summary');
  });

  it('links each error to its field, and following the link focuses the field', () => {
    render(
      <>
        <ErrorSummary errors={[{ fieldId: 'name', text: 'Enter your name' }]} />
        <TextInput id="name" label="Name" value="" onChange={noop} error="Enter your name" />
      </>,
    );
    const link = screen.getByRole('link', { name: 'Enter your name' });
    expect(link.getAttribute('href')).toBe('#name');
    fireEvent.click(link);
    expect(document.activeElement?.id).toBe('name');
  });

  it('links an error on another page of the form to that page and the field', () => {
    render(
      <MemoryRouter>
        <ErrorSummary
          errors={[{ fieldId: 'attendees', text: 'Record who attended', href: '/cases/c1/review?part=meeting' }]}
        />
      </MemoryRouter>,
    );
    expect(screen.getByRole('link', { name: 'Record who attended' }).getAttribute('href')).toBe(
      '/cases/c1/review?part=meeting#attendees',
    );
  });

  it('focuses the first radio of a question, and the day box of a date', () => {
    render(
      <>
        <ErrorSummary
          errors={[
            { fieldId: 'adult', text: 'Select yes if an adult was involved' },
            { fieldId: 'told', text: 'Enter the date you were told' },
          ]}
        />
        <Radios
          id="adult"
          legend="Was an adult involved?"
          items={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          value={null}
          onChange={noop}
        />
        <DateInput id="told" legend="When were you told?" value={EMPTY_DATE} onChange={noop} />
      </>,
    );
    fireEvent.click(screen.getByRole('link', { name: 'Select yes if an adult was involved' }));
    expect(document.activeElement?.getAttribute('value')).toBe('yes');
    fireEvent.click(screen.getByRole('link', { name: 'Enter the date you were told' }));
    expect(document.activeElement?.id).toBe('told-day');
  });

  it('shows what a user typed as text, never as markup', () => {
    const typed = '<img src=x onerror="alert(1)">';
    render(<ErrorSummary errors={[{ fieldId: 'x', text: typed }]} />);
    expect(screen.getByRole('link', { name: typed })).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });
});
