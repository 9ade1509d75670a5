// One page of the initial review: the case header, the error summary, "Part n of 5" and the
// page's question as its heading (focused when the page changes, so a screen reader starts there),
// the questions with the "policy says" panel beside them in landscape (a summary bar above them in
// portrait), and the page's one primary action in the bottom bar.
import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import type { Assessment } from '../../../domain/rules/assess';
import { ActionBar, BackLink, ErrorSummary, focusField, type FormError } from '../../components';
import { usePageTitle } from '../../components/usePageTitle';
import { RULES } from '../../../domain/rules/catalogue';
import { PolicySays, PolicySummaryBar, QuoteOf, RuleLink } from '../../policy/PolicySays';
import { useSettings } from '../../data/settings';
import { CaseHeader } from '../CaseHeader';
import { SECTIONS, type ReviewPageId } from './sections';

export function ReviewLayout({
  page,
  title,
  back,
  errors,
  attempt,
  assessment,
  banner,
  actions,
  children,
}: {
  page: ReviewPageId;
  title: string;
  back?: string | undefined;
  errors: FormError[];
  attempt: number;
  /** The domain's assessment of the answers so far: the panel and the bar show it (none on "check your answers"). */
  assessment?: Assessment;
  banner?: ReactNode;
  actions: ReactNode;
  children: ReactNode;
}) {
  const settings = useSettings();
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(page);
  const { hash } = useLocation();
  const n = SECTIONS.findIndex((s) => s.id === page) + 1;
  const rules = SECTIONS[n - 1]?.rules ?? [];
  usePageTitle(`${title} - Initial review meeting`, errors.length > 0);

  useEffect(() => {
    const moved = shown.current !== page;
    shown.current = page;
    // Arriving from an error summary's link on another page: straight to the field.
    if (hash && focusField(decodeURIComponent(hash.slice(1)))) return;
    // A new page of the review (not the first one opened): its heading, so a screen reader starts there.
    if (!moved) return;
    window.scrollTo?.(0, 0);
    heading.current?.focus();
  }, [page, hash]);

  const caption = n > 0 ? `Initial review meeting, part ${n} of ${SECTIONS.length}` : 'Initial review meeting';
  const h1 = (
    <h1 className="app-heading-l" ref={heading} tabIndex={-1} data-review-page={page}>
      <span className="app-caption-l">{caption}</span>
      {title}
    </h1>
  );

  return (
    <div className="app-page">
      <CaseHeader />
      {back && <BackLink href={back} />}
      <ErrorSummary errors={errors} focusKey={attempt} />
      {h1}
      <p className="app-hint" id="review-draft-note">
        Your answers are kept on this tablet as a draft as you type, even if you leave these pages. They are not
        recorded until you check them and record the decision.
      </p>
      {banner}
      {!assessment ? (
        children
      ) : (
        <>
          <PolicySummaryBar assessment={assessment} />
          <div className="app-split">
            <div>{children}</div>
            <div
              className="app-split__aside"
              tabIndex={0}
              role="region"
              aria-label="What the policy says (updates as you answer)"
            >
              <section className="app-policy-says" aria-labelledby="page-rules-heading">
                <h2 className="app-heading-s" id="page-rules-heading">
                  The policy on this page
                </h2>
                <ul className="app-reasons">
                  {rules.map((rule) => (
                    <li key={rule} className="app-reason">
                      <RuleLink rule={rule} /> {RULES[rule].title}. <QuoteOf rule={rule} />
                    </li>
                  ))}
                </ul>
              </section>
              <PolicySays
                assessment={assessment}
                phones={{ mashName: settings.mashName, mashPhone: settings.mashPhone }}
              />
            </div>
          </div>
        </>
      )}
      <ActionBar>{actions}</ActionBar>
    </div>
  );
}
