// Never a blank screen (UX.md): if a page fails to render, say so and offer a way on.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /**
   * A failed screen is shown again once this changes (the path, when it wraps the routes). The
   * boundary is never remounted for it: what it holds (an open case) lives on while nothing fails.
   */
  resetKey?: string | undefined;
}

interface State {
  failed: boolean;
  resetKey: string | undefined;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Only the stack, on this device: never user data in a report (nothing leaves the device).
    console.error('A page failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="app-page">
        <h1 className="app-heading-l">Sorry, this screen could not be shown</h1>
        <p className="app-body">Anything you had already saved is still on this device.</p>
        <p className="app-body">Reload the page to try again.</p>
        <button type="button" className="app-button app-button--secondary" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    );
  }
}
