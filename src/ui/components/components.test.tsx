// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PhoneLink, telHref } from './PhoneLink';
import { SummaryList } from './SummaryList';
import { StatusTag } from './Tag';
import { TaskList } from './TaskList';
import { UpdateBanner } from './UpdateBanner';

afterEach(cleanup);

describe('status tags', () => {
  it('say the status in words, not colour alone', () => {
    render(
      <>
        <StatusTag status="not-started" />
        <StatusTag status="in-progress" />
        <StatusTag status="completed" />
        <StatusTag status="overdue" text="Overdue by 2 days" />
      </>,
    );
    for (const words of ['Not started', 'In progress', 'Completed', 'Overdue by 2 days']) {
      expect(screen.getByText(words)).toBeTruthy();
    }
    expect(screen.getByText('Overdue by 2 days').className).toContain('app-tag--red');
  });
});

describe('the task list', () => {
  it('links each task that can start, described by its status', () => {
    render(
      <MemoryRouter>
        <TaskList
          items={[
            { id: 'review', title: 'Initial review', href: '/case/1/review', status: 'in-progress' },
            { id: 'close', title: 'Close', href: '/case/1/close', status: 'cannot-start' },
          ]}
        />
      </MemoryRouter>,
    );
    const link = screen.getByRole('link', { name: 'Initial review' });
    expect(link.getAttribute('href')).toBe('/case/1/review');
    expect(link.getAttribute('aria-describedby')).toBe('task-review-status');
    expect(screen.queryByRole('link', { name: 'Close' })).toBeNull();
    expect(screen.getByText('Cannot start yet')).toBeTruthy();
  });
});

describe('the summary list', () => {
  it('names what each "Change" link changes for screen readers', () => {
    render(
      <MemoryRouter>
        <SummaryList
          rows={[
            {
              key: 'Date',
              value: '27 March 2025',
              change: { href: '/q/date', visuallyHiddenText: 'date you were told' },
            },
          ]}
        />
      </MemoryRouter>,
    );
    expect(screen.getByRole('link', { name: 'Change date you were told' }).getAttribute('href')).toBe('/q/date');
  });
});

describe('phone links', () => {
  it('dial the digits of the number as written', () => {
    expect(telHref('0300 123 4567')).toBe('tel:03001234567');
    expect(telHref('+44 (0)300 123-4567')).toBe('tel:+4403001234567');
    expect(telHref('999')).toBe('tel:999');
    expect(telHref('  ')).toBeNull();
  });

  it('are links with the purpose and the number in their name', () => {
    render(<PhoneLink label="Call MASH" number="0300 123 4567" />);
    expect(screen.getByRole('link', { name: 'Call MASH 0300 123 4567' }).getAttribute('href')).toBe('tel:03001234567');
  });

  it('say so when no number is set, rather than offering a dead link', () => {
    render(<PhoneLink label="Call MASH" number="" />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('No number set')).toBeTruthy();
  });
});

describe('the update banner', () => {
  it('is not shown while there is no new version', () => {
    const { container } = render(<UpdateBanner status="none" onUpdate={() => {}} onDismiss={() => {}} />);
    expect(container.innerHTML).toBe('');
  });

  it('offers "Update now" and "Not now" when a new version is waiting', () => {
    const onUpdate = vi.fn<() => void>();
    const onDismiss = vi.fn<() => void>();
    render(<UpdateBanner status="available" onUpdate={onUpdate} onDismiss={onDismiss} />);
    expect(screen.getByRole('region', { name: 'Update available' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Update now' }));
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(onUpdate).toHaveBeenCalledTimes(1);
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  it('asks the user to save or finish their answers when there is unsaved work', () => {
    render(<UpdateBanner status="blocked" onUpdate={() => {}} onDismiss={() => {}} />);
    expect(screen.getByRole('status').textContent).toContain('Save or finish your answers first');
  });
});
