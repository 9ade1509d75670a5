// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { Layout } from './Layout';
import { PageTitle, usePageTitle } from './usePageTitle';

afterEach(cleanup);

const NAV = [
  { href: '/policy-check', text: 'Policy check', alsoCurrentOn: ['/'] },
  { href: '/policy', text: 'Policy' },
];

function ErrorPage() {
  usePageTitle('Policy check', true);
  return <h1>With errors</h1>;
}

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Layout navItems={NAV}>
        <Routes>
          <Route
            path="/"
            element={
              <PageTitle title="Policy check">
                <h1>Home</h1>
              </PageTitle>
            }
          />
          <Route
            path="/policy"
            element={
              <PageTitle title="Policy">
                <h1>The policy</h1>
              </PageTitle>
            }
          />
          <Route
            path="/errors"
            element={
              <PageTitle title="Policy check">
                <ErrorPage />
              </PageTitle>
            }
          />
        </Routes>
      </Layout>
    </MemoryRouter>,
  );
}

describe('the page frame', () => {
  it('has a skip link to the main landmark and a labelled main navigation', () => {
    renderAt('/');
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe('#main-content');
    expect(screen.getByRole('main').id).toBe('main-content');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it('marks the current screen in the navigation, including the policy check at "/"', () => {
    renderAt('/');
    expect(screen.getByRole('link', { name: 'Policy check' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Policy' }).hasAttribute('aria-current')).toBe(false);
  });

  it('titles the document after the screen, then the app', () => {
    renderAt('/policy');
    expect(document.title).toBe('Policy - YPSI Response');
  });

  it('lets a screen with errors prefix its title with "Error:"', () => {
    renderAt('/errors');
    expect(document.title).toBe('Error: Policy check - YPSI Response');
  });

  it('moves focus to the new screen’s heading after navigating', async () => {
    renderAt('/');
    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'Policy' }));
    });
    expect(document.activeElement?.textContent).toBe('The policy');
  });
});
