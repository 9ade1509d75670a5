// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { it } from 'vitest';
import { PhoneLink } from './PhoneLink';
import { SummaryList } from './SummaryList';
it('x', () => {
  render(<MemoryRouter><PhoneLink label="Call MASH" number="0300 123 4567" /><SummaryList rows={[{ key: 'Date', value: 'v', change: { href: '/q', visuallyHiddenText: 'date you were told' } }]} /></MemoryRouter>);
  console.log(screen.getAllByRole('link').map(l => JSON.stringify(l.textContent)));
  screen.getByRole('link', { name: 'zzz' });
});
