// @vitest-environment jsdom
// Referrals without leaving the page: after a save the page stays, lists the referral and offers
// its outcome and another referral; the domain's refusals show at their fields.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { caseWith, renderAt } from '../../../../test/builders/caseScreens';
import { resetBuilders } from '../../../../test/builders/events';
import { E5, E6 } from '../../../../test/builders/facts';

afterEach(cleanup);
beforeEach(() => {
  resetBuilders();
  window.scrollTo = vi.fn<() => void>() as unknown as typeof window.scrollTo;
});

const typeIn = async (label: RegExp | string, text: string) => {
  const field = screen.getByLabelText(label);
  await userEvent.clear(field);
  await userEvent.type(field, text);
};

describe('the Referrals page', () => {
  it('records two referrals and both outcomes on one visit, each listed as it is saved', async () => {
    const g = await caseWith(E5());
    renderAt(g, '/cases/c1/referrals');
    await screen.findByRole('heading', { level: 1, name: 'Referrals' });
    await typeIn('Their reference number', 'MASH-1');
    await userEvent.click(screen.getByRole('button', { name: 'Save the referral' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/The referral to .+ is saved/);
    expect(screen.queryByLabelText('Name of the service or person')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Referrals made (1)' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Record another referral' }));
    await waitFor(() => expect(document.activeElement?.id).toBe('new-referral-heading'));
    await userEvent.click(
      within(screen.getByRole('region', { name: 'Record another referral' })).getByLabelText('The police'),
    );
    await typeIn('Their reference number', 'CAD-2');
    await userEvent.click(screen.getByRole('button', { name: 'Save the referral' }));
    expect(await screen.findByRole('heading', { name: 'Referrals made (2)' })).toBeTruthy();

    for (const [to, text] of [
      ['Police', 'Words of advice.'],
      [/.+/, 'The MASH leads.'],
    ] as const) {
      const open = screen.getAllByRole('button', { name: /^Record the outcome of the referral to/ });
      const button = typeof to === 'string' ? open.find((b) => b.getAttribute('aria-label')?.endsWith(to)) : open[0];
      await userEvent.click(button!);
      await waitFor(() => expect(document.activeElement?.id).toBe('outcome'));
      await userEvent.type(screen.getByLabelText('What did they say or decide?'), text);
      await userEvent.click(screen.getByRole('button', { name: 'Save the outcome' }));
      await screen.findByText(/The outcome of the referral to .+ is saved/);
    }
    const made = screen.getByRole('region', { name: /Referrals made/ });
    expect(within(made).getByText(/Words of advice\./)).toBeTruthy();
    expect(within(made).getByText(/The MASH leads\./)).toBeTruthy();
    expect(within(made).queryByText('Not recorded yet')).toBeNull();
    const types = g.cases.get('c1')!.events.map((e) => e.type);
    expect(types.filter((t) => t === 'referral.made')).toHaveLength(2);
    expect(types.filter((t) => t === 'referral.outcome')).toHaveLength(2);
  });

  it('an outcome left empty is refused at its field, by the domain, and the referral stays open', async () => {
    const g = await caseWith(E5());
    renderAt(g, '/cases/c1/referrals');
    await userEvent.click(await screen.findByRole('button', { name: 'Save the referral' }));
    await userEvent.click(await screen.findByRole('button', { name: /^Record the outcome of the referral to/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save the outcome' }));
    await waitFor(() => expect(document.querySelector('.app-error-summary')).not.toBeNull());
    const summary = document.querySelector<HTMLElement>('.app-error-summary')!;
    expect(within(summary).getByRole('link').getAttribute('href')).toBe('#outcome');
    expect(screen.getByText('Not recorded yet')).toBeTruthy();
    expect(g.cases.get('c1')!.events.filter((e) => e.type === 'referral.outcome')).toHaveLength(0);
  });

  it('opens each new referral on the agency the case still needs, with its rule: the MASH, then the LADO (KCSIE.lado)', async () => {
    const g = await caseWith(E6());
    renderAt(g, '/cases/c1/referrals');
    await screen.findByRole('heading', { level: 1, name: 'Referrals' });
    const mash = screen.getByLabelText<HTMLInputElement>('The MASH (children’s social care front door)');
    expect(mash.checked).toBe(true);
    expect(screen.getByText(/Chosen from what the case still needs \(R6\.\d\)/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save the referral' }));
    await screen.findByRole('heading', { name: 'Referrals made (1)' });

    await userEvent.click(screen.getByRole('button', { name: 'Record another referral' }));
    const form = screen.getByRole('region', { name: 'Record another referral' });
    const lado = within(form).getByLabelText<HTMLInputElement>(/^The LADO/);
    expect(lado.checked).toBe(true);
    expect(within(form).getByText(/Chosen from what the case still needs \(KCSIE\.lado\)/)).toBeTruthy();
    expect(within(form).getByLabelText<HTMLInputElement>('Name of the service or person').value).not.toBe('');
  });
});
