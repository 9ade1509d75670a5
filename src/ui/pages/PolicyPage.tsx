// The policy itself, readable in the app: the numbered rules (each id an anchor the reasons link
// to) and the source text it was drawn from. Loaded lazily: the text is ~55 kB.
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import rules from '../../domain/policy-text/RULES.md?raw';
import source from '../../domain/policy-text/wscb-ypsi-policy-guidance.txt?raw';
import { InsetText } from '../components';
import { useSettings } from '../data/settings';
import { BeyondThePolicy } from './BeyondThePolicy';
import { Markdownish } from '../policy/Markdownish';
import '../policy/policy.css';

export function PolicyPage() {
  const { hash } = useLocation();
  const [showSource, setShowSource] = useState(false);
  const { retentionYears } = useSettings();
  useEffect(() => {
    if (!hash) return;
    const el = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (el) {
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
    }
  }, [hash]);
  return (
    <div className="app-page app-policy-text">
      <h1 className="app-heading-xl">The policy</h1>
      <InsetText>
        Youth Produced Sexual Imagery (sexting) Policy Guidance (policy version <code>wscb-ypsi-2016</code>), written as
        numbered rules. Where the source is unclear or contradicts itself, the rule says so and names the protective
        reading the app uses; the app labels such readings wherever it relies on them. Quotes say whose words they are:
        “The policy says” introduces the policy’s own words, found as they are in the source text below; “In the rules
        digest’s words” introduces the numbered rules’ wording.
      </InsetText>
      <p className="app-body">
        <Link className="app-link" to="/policy-check">
          Try the policy check
        </Link>{' '}
        to see what the policy would say about an incident, without recording anything.
      </p>
      <Markdownish source={rules} />
      <BeyondThePolicy retentionYears={retentionYears} />
      <h2 className="app-heading-m" id="source">
        The source text
      </h2>
      <p className="app-body">
        The full guidance as published, for reference. Placeholders such as “XXXX School” are filled in from your
        settings elsewhere in the app.
      </p>
      <button
        type="button"
        className="app-button app-button--secondary"
        aria-expanded={showSource}
        aria-controls="source-text"
        onClick={() => setShowSource(!showSource)}
      >
        {showSource ? 'Hide the source text' : 'Show the source text'}
      </button>
      {showSource && (
        <pre id="source-text" className="app-policy-text__source" tabIndex={0}>
          {source}
        </pre>
      )}
    </div>
  );
}
