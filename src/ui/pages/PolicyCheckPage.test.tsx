// @vitest-environment jsdom
// Issue 11, item 7, on screen: the two national-guidance questions (demands for money, gifts or more
// images; imagery made or altered with an app or AI) are asked under a heading that says they are
// national guidance, not the policy, and the panel answers them with the policy's rules.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyCheckPage } from './PolicyCheckPage';

afterEach(cleanup);

function show() {
  render(
    <MemoryRouter>
      <PolicyCheckPage />
    </MemoryRouter>,
  );
  const heading = screen.getByRole('heading', { name: /^National guidance newer than your policy \(UKCIS 2024\)/ });
  return heading.closest('section')!;
}

describe('the national-guidance questions', () => {
  it('are asked under a heading and note that say they are national guidance, not the policy', () => {
    const section = show();
    expect(
      within(section).getByRole('group', {
        name: 'Did anyone demand money, gifts or more images from a young person?',
      }),
    ).toBeTruthy();
    expect(
      within(section).getByRole('group', {
        name: 'Was the imagery made or altered with an app or AI (“nudified” or generated)?',
      }),
    ).toBeTruthy();
    expect(section.textContent).toContain('Not in your policy: national guidance written after it');
  });

  it('answering yes to demands for money, gifts or more images: tell the police now, labelled as national guidance, and refer to the MASH now (R6.4)', async () => {
    const section = show();
    await userEvent.click(
      within(within(section).getByRole('group', { name: /demand money, gifts or more images/ })).getByLabelText('Yes'),
    );
    const police = document.querySelector('[data-route="police"]')!;
    expect(police.getAttribute('data-strength')).toBe('act-now');
    const quote = [...police.querySelectorAll('.app-reason__quote')]
      .map((q) => q.textContent)
      .find((t) => t?.includes('Report Remove'));
    expect(quote).toMatch(/^National guidance \(not your policy\), in summary: /);
    expect(document.querySelector('[data-route="mash-referral"]')!.getAttribute('data-strength')).toBe('act-now');
  });
});
