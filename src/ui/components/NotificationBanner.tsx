// Notification banner (GOV.UK pattern). 'urgent' is red and only for "act now"; 'success'
// confirms that something the user did has worked and is announced.
import { useId, type ReactNode } from 'react';

export type BannerVariant = 'important' | 'success' | 'urgent';

const DEFAULT_TITLE: Record<BannerVariant, string> = {
  important: 'Important',
  success: 'Success',
  urgent: 'Act now',
};

export interface NotificationBannerProps {
  variant?: BannerVariant;
  title?: string;
  heading?: ReactNode;
  children?: ReactNode;
}

export function NotificationBanner({ variant = 'important', title, heading, children }: NotificationBannerProps) {
  const titleId = useId();
  return (
    <div
      className={`app-notification-banner app-notification-banner--${variant}`}
      role={variant === 'success' ? 'alert' : 'region'}
      aria-labelledby={titleId}
    >
      <div className="app-notification-banner__header">
        <h2 className="app-notification-banner__title" id={titleId}>
          {title ?? DEFAULT_TITLE[variant]}
        </h2>
      </div>
      <div className="app-notification-banner__content">
        {heading !== undefined && <p className="app-notification-banner__heading">{heading}</p>}
        {children}
      </div>
    </div>
  );
}
