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
  // it (a full page load starts at the top of the document anyway). A screen whose code is still
  // loading has no heading yet: focus <main> now and the heading once it appears.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const main = mainRef.current;
    if (!main) return;
    window.scrollTo(0, 0);
    const focusHeading = () => {
      const heading = main.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
      return true;
    };
    if (!focusHeading()) main.focus();
    // A lazily loaded screen may replace the old heading (or the loading message) a moment later:
    // follow it, unless the user has moved focus on in the meantime.
    const observer = new MutationObserver(() => {
      const active = document.activeElement;
      // Focus is "lost" only where the navigation left it: on the page, on main, on an element that
      // is gone, or on the old screen's heading. Focus the user moved elsewhere is left alone.
      const lost =
        !active ||
        active === document.body ||
        active === main ||
        !active.isConnected ||
        (active.tagName === 'H1' && main.contains(active) && active !== main.querySelector('h1'));
      if (lost) focusHeading();
    });
    observer.observe(main, { childList: true, subtree: true });
    const stop = window.setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      window.clearTimeout(stop);
    };
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
