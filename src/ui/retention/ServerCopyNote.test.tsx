// @vitest-environment jsdom
// The note under a destroyed case of what the school's server still holds (docs/SYNC.md, "Destroyed cases").
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerCopyNote } from './ServerCopyNote';

afterEach(cleanup);
const command = 'npm run sync:setup -- purge https://ADMIN:PASSWORD@sync.hillside.sch.uk/ypsi-hillside 0f1e2d3c';

describe('what the server still holds of a destroyed case', () => {
  it('says the server holds its encrypted records until IT purges them, with the command IT runs', () => {
    render(<ServerCopyNote copy={{ state: 'held', command }} reference="YPSI-2026-0007" />);
    expect(screen.getByText(/still holds YPSI-2026-0007’s encrypted records .* until IT purges them/)).toBeTruthy();
    expect(screen.getByText(command).tagName).toBe('CODE');
  });

  it('names the sealed staff disclosure the case was opened from among what the server holds', () => {
    const withDisclosure = `${command} disclosure:4e4ebca9-6b46-43b2-b28f-06956638f11a`;
    render(
      <ServerCopyNote copy={{ state: 'held', command: withDisclosure, disclosure: true }} reference="YPSI-2026-0007" />,
    );
    expect(
      screen.getByText(
        /its steps, its wrapped keys and the sealed staff disclosure it was opened from\) until IT purges/,
      ),
    ).toBeTruthy();
    expect(screen.getByText(withDisclosure)).toBeTruthy();
  });

  it('says it could not check when the server cannot be reached, still with the command', () => {
    render(<ServerCopyNote copy={{ state: 'unknown', command }} reference="YPSI-2026-0007" />);
    expect(screen.getByText(/could not reach the school’s server to check/)).toBeTruthy();
    expect(screen.getByText(command)).toBeTruthy();
  });

  it('stops asking for a purge once the server holds none of it, and says nothing on a tablet without sync', () => {
    const { container, rerender } = render(
      <ServerCopyNote copy={{ state: 'none', command }} reference="YPSI-2026-0007" />,
    );
    expect(screen.getByText(/holds none of YPSI-2026-0007’s records any more/)).toBeTruthy();
    expect(screen.queryByText(command)).toBeNull();
    rerender(<ServerCopyNote copy={undefined} reference="YPSI-2026-0007" />);
    expect(container.textContent).toBe('');
  });
});
