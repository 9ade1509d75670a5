// Headteacher sign-off (R14.3): a decision not to refer is recorded with its reason and signed off
// by the Headteacher, or, recorded with why, by someone in their place. The decision, its reasons
// and the risks on one screen, then the signature and one "sign" action. The signer re-enters
// their own passphrase when the gateway can check it. The domain decides (explainSignOff, useStep).
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { currentDecision } from '../../domain/case';
import type { Signature } from '../../domain/events';
import { explainSignOff } from '../../domain/gates';
import { ROLE_LABELS } from '../../domain/stages';
import {
  ActionBar,
  Button,
  ButtonLink,
  ErrorSummary,
  InsetText,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
  type FormError,
} from '../components';
import type { CaseGateway } from '../data/gateway';
import { type FieldIds, reasonsToErrors, useStep } from '../data/useStep';
import { formatDateTime } from '../format';
import { QuoteOf, ReasonItem, RuleLink } from '../policy/PolicySays';
import { SignaturePad, signatureNameId } from '../signature/SignaturePad';
import { SignatureView } from '../signature/SignatureView';
import { emptySignature } from '../signature/strokes';
import { CaseHeader } from './CaseHeader';
import './case.css';
import { may } from '../../domain/permissions';
import { DecisionSummary, Risks } from './signoff/DecisionSummary';

export type ConfirmPassphrase = (passphrase: string) => Promise<boolean>;

export interface SignOffPageProps {
  /**
   * Checks the signer's own passphrase before the sign-off is recorded. When absent, the
   * gateway's `verifyPassphrase` is used if it has one (the unlocked vault does); otherwise the
   * passphrase step is skipped.
   */
  confirmPassphrase?: ConfirmPassphrase;
}

/** The gateway's own passphrase check, if it has one. */
export function gatewayPassphraseCheck(gateway: CaseGateway): ConfirmPassphrase | undefined {
  if (!('verifyPassphrase' in gateway)) return undefined;
  const verify = (gateway as CaseGateway & { verifyPassphrase?: unknown }).verifyPassphrase;
  return typeof verify === 'function'
    ? (p: string) => Promise.resolve(verify.call(gateway, p) as Promise<boolean>)
    : undefined;
}

const SIGNATURE_ID = 'signature';

/** Where this page shows each answer the sign-off's reasons can name (src/domain/reasons.ts). */
export const SIGN_OFF_FIELDS = {
  inPlaceOfHeadteacher: 'in-place',
  signature: signatureNameId(SIGNATURE_ID),
} satisfies FieldIds;

export function SignOffPage({ confirmPassphrase }: SignOffPageProps = {}) {
  const s = useStep(SIGN_OFF_FIELDS);
  const navigate = useNavigate();
  const c = s.snapshot.context;
  const actor = s.gateway.actor;
  const decision = currentDecision(c);
  const verify = confirmPassphrase ?? gatewayPassphraseCheck(s.gateway);
  const asHeadteacher = may(actor.role, 'sign-off-as-headteacher');

  const [signature, setSignature] = useState<Signature>(() => emptySignature(actor.name));
  const [inPlace, setInPlace] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [checking, setChecking] = useState(false);

  const errorFor = (id: string): string | undefined => {
    const t = s.errors.filter((e) => e.fieldId === id).map((e) => e.text);
    return t.length > 0 ? t.join(' ') : undefined;
  };

  // Can anything be signed here at all? Ask the domain with a complete signature: whatever it
  // still refuses (no decision, a referral, already signed, replaced, role, stage) is not the form's.
  const draft = (sig: Signature, why: string) => ({
    type: 'signoff.signed' as const,
    decisionId: decision?.decisionId ?? '',
    signature: sig,
    ...(!asHeadteacher && { inPlaceOfHeadteacher: why }),
    occurredAt: new Date().toISOString(),
  });
  const structural = decision
    ? s.preview(draft({ kind: 'typed', name: actor.name || 'Signer' }, 'Checking whether a sign-off is possible'))
    : explainSignOff(c, { decisionId: '', signature: { kind: 'typed', name: actor.name }, actor });
  const signed = decision ? c.signOffs.find((x) => x.decisionId === decision.decisionId) : undefined;

  if (!structural.allowed) {
    return (
      <div className="app-page">
        <CaseHeader />
        <h1 className="app-heading-l">Headteacher sign-off</h1>
        <p className="app-body-l">{signed ? 'This decision is signed off.' : 'There is nothing to sign off here.'}</p>
        <ul className="app-reasons">
          {structural.reasons.map((r, i) => (
            <ReasonItem key={i} r={r} />
          ))}
        </ul>
        {signed && (
          <SummaryList
            rows={[
              { key: 'Signed by', value: `${signed.signature.name} (${ROLE_LABELS[signed.by.role]})` },
              { key: 'When', value: formatDateTime(signed.at) },
              ...(signed.inPlaceOfHeadteacher
                ? [{ key: 'Signed in the Headteacher’s place because', value: signed.inPlaceOfHeadteacher }]
                : []),
              { key: 'Signature', value: <SignatureView signature={signed.signature} /> },
            ]}
          />
        )}
        <DecisionSummary c={c} />
        <ActionBar>
          <ButtonLink to={`/cases/${s.caseId}`} variant="secondary">
            Back to the case
          </ButtonLink>
        </ActionBar>
      </div>
    );
  }

  const onSign = async () => {
    const d = draft(signature, inPlace);
    const why = s.preview(d);
    const fieldErrors: FormError[] = [
      ...(why.allowed ? [] : reasonsToErrors(why.reasons, SIGN_OFF_FIELDS)),
      ...(verify && !passphrase
        ? [{ fieldId: 'passphrase', text: 'Enter your passphrase, to confirm that you are the person signing' }]
        : []),
    ];
    if (fieldErrors.length > 0) {
      await s.submit(d, fieldErrors);
      return;
    }
    if (verify) {
      setChecking(true);
      let problem: string | null = null;
      try {
        if (!(await verify(passphrase)))
          problem = 'That passphrase is not right. Enter your own passphrase, the one you unlock the app with';
      } catch (e) {
        problem = `Your passphrase could not be checked: ${e instanceof Error ? e.message : String(e)}`;
      } finally {
        setChecking(false);
        setPassphrase('');
      }
      if (problem) {
        await s.submit(d, [{ fieldId: 'passphrase', text: problem }]);
        return;
      }
    }
    if ((await s.submit(d)).ok) navigate(`/cases/${s.caseId}`);
  };

  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={s.errors} focusKey={s.attempt} />
      <h1 className="app-heading-l">Sign off the decision not to refer</h1>
      <p className="app-body">
        This decision does not refer the incident to the police or children’s social care, so it is signed off by the
        Headteacher. Sign-off never delays urgent action.
      </p>
      <InsetText>
        <RuleLink rule="R14.3" /> <QuoteOf rule="R14.3" />
      </InsetText>
      <DecisionSummary c={c} />
      <Risks c={c} />
      <section aria-labelledby="sign-heading">
        <h2 className="app-heading-m" id="sign-heading">
          Sign
        </h2>
        <p className="app-body">
          You are signed in as <strong>{actor.name}</strong> ({ROLE_LABELS[actor.role]}).{' '}
          <Tag colour={asHeadteacher ? 'green' : 'blue'}>
            {asHeadteacher ? 'Headteacher' : 'Signing in the Headteacher’s place'}
          </Tag>
        </p>
        {!asHeadteacher && (
          <Textarea
            id="in-place"
            label="Why are you signing in the Headteacher’s place?"
            hint="For example, the Headteacher is the DSL for this case, or is absent. This is recorded with the sign-off."
            value={inPlace}
            error={errorFor('in-place')}
            onChange={setInPlace}
            rows={3}
          />
        )}
        <SignaturePad
          id={SIGNATURE_ID}
          legend="Your signature"
          headingLevel={3}
          value={signature}
          onChange={setSignature}
          error={errorFor(signatureNameId(SIGNATURE_ID))}
        />
        {verify && (
          <TextInput
            id="passphrase"
            type="password"
            label="Your passphrase"
            hint="The one you unlock the app with. It confirms that you are the person signing."
            autoComplete="current-password"
            width="20"
            value={passphrase}
            error={errorFor('passphrase')}
            onChange={setPassphrase}
          />
        )}
      </section>
      <ActionBar>
        <Button disabled={s.busy || checking} onClick={onSign}>
          {checking ? 'Checking your passphrase…' : 'Sign off the decision'}
        </Button>
      </ActionBar>
    </div>
  );
}
