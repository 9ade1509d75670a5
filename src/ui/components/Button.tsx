// Buttons (GOV.UK pattern): one primary action per screen; warning (red) only for "act now" or
// destructive actions; a link styled as a button where the action is navigation.
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';

export type ButtonVariant = 'primary' | 'secondary' | 'warning';

function classes(variant: ButtonVariant, extra?: string): string {
  return ['app-button', variant !== 'primary' && `app-button--${variant}`, extra].filter(Boolean).join(' ');
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  children: ReactNode;
}

export function Button({ variant = 'primary', type = 'button', className, children, ...rest }: ButtonProps) {
  return (
    <button type={type} className={classes(variant, className)} {...rest}>
      {children}
    </button>
  );
}

export interface ButtonLinkProps {
  to: string;
  variant?: ButtonVariant;
  children: ReactNode;
}

/** Navigation that looks like a button, such as "Start" or "Continue to the next question". */
export function ButtonLink({ to, variant = 'primary', children }: ButtonLinkProps) {
  return (
    <Link to={to} className={classes(variant)} draggable={false}>
      {children}
    </Link>
  );
}

/** Lays out a primary action with its secondary actions and links. */
export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="app-button-group">{children}</div>;
}
