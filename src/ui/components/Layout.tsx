// The page frame every screen shares: skip link, header with the app name and main navigation,
// an optional banner (e.g. "Update available"), and the main landmark.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { APP_NAME } from './usePageTitle';

export interface NavItem {
  href: string;
  text: string;
  /** Other paths on which this item is the current one (e.g. '/' for the policy check). */
  alsoCurrentOn?: string[];
}

export interface LayoutProps {
  navItems: NavItem[];
  banner?: ReactNode;
  children: ReactNode;
}

function isCurrent(item: NavItem, pathname: string): boolean {
  const paths = [item.href, ...(item.alsoCurrentOn ?? [])];
  return paths.some((path) => (path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`)));
}

export function Layout({ navItems, banner, children }: LayoutProps) {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After an in-app navigation, move focus to the new page's heading so screen readers announce
  // it (a full page load starts at the top of the document anyway).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const main = mainRef.current;
    if (!main) return;
    const heading = main.querySelector<HTMLElement>('h1');
    const target = heading ?? main;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <>
      <a href="#main-content" className="app-skip-link">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-width-container app-header__inner">
          <Link to="/" className="app-header__name">
            {APP_NAME}
          </Link>
          <nav className="app-header__nav" aria-label="Main">
            <ul className="app-header__nav-list">
              {navItems.map((item) => {
                const current = isCurrent(item, pathname);
                return (
                  <li key={item.href} className="app-header__nav-item">
                    <Link
                      to={item.href}
                      className={`app-header__nav-link${current ? ' app-header__nav-link--current' : ''}`}
                      aria-current={current ? 'page' : undefined}
                    >
                      {item.text}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        </div>
      </header>
      {banner}
      <div className="app-width-container">
        <main className="app-main" id="main-content" ref={mainRef} tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
