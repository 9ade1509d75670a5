// A number that matters (MASH, 101, 999) as a large tappable tel: link (UX.md).
export interface PhoneLinkProps {
  /** As shown, e.g. "0300 123 4567"; spaces and punctuation are dropped from the tel: link. */
  number: string;
  /** What the call is for, e.g. "Call MASH". */
  label: string;
  /** Red, for emergencies only (999). */
  urgent?: boolean;
}

/** The tel: URI for a number as typed, or null if it has no digits (then we show text only). */
export function telHref(number: string): string | null {
  const trimmed = number.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits === '') return null;
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

export function PhoneLink({ number, label, urgent = false }: PhoneLinkProps) {
  const href = telHref(number);
  const className = `app-phone-link${urgent ? ' app-phone-link--urgent' : ''}`;
  if (href === null) {
    return (
      <p className={`${className} app-phone-link--missing`}>
        <span className="app-phone-link__label">{label}</span>
        <span className="app-phone-link__number">No number set</span>
      </p>
    );
  }
  return (
    <a className={className} href={href}>
      <span className="app-phone-link__label">{label}</span> <span className="app-phone-link__number">{number}</span>
    </a>
  );
}
