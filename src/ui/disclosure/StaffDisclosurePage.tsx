// "Record a disclosure" from the lock screen, without unlocking: guidance first (tell the DSL in
// person now; 999 if someone is in danger; do not view, copy or forward anything), then one thing
// per page, then "check your answers", then sealed for the DSL. The writer cannot read it back.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  ActionBar,
  BackLink,
  Button,
  ErrorSummary,
  NotificationBanner,
  PhoneLink,
  SummaryList,
  WarningText,
  type FormError,
} from '../components';
import { useSettings } from '../data/settings';
import { formatDateTime, nowLocalInput } from '../format';
import { PERSON_KIND_LABELS, kindOf } from '../policy/PersonEditor';
import { knownDateText, personDetails } from '../../domain/describe';
import { PeopleFields, WhatWasSaidFields, WhoToldFields } from './DisclosureFields';
import { disclosureErrors, emptyDisclosureDraft, toDisclosure, type DisclosureDraft } from './disclosureDraft';
import type { Disclosure } from '../../domain/events';
import type { Person } from '../../domain/types';
import type { SealWords } from '../data/vault';
import { SealWordsText } from './SealWordsText';
import './disclosure.css';

type Step = 'guidance' | 'who' | 'what' | 'people' | 'check' | 'sealed';

export interface SealedDisclosurePayload {
  writer: string;
  disclosure: Disclosure;
  persons: Person[];
}

export interface StaffDisclosurePageProps {
  onSeal: (p: SealedDisclosurePayload) => Promise<{ id: string } | void>;
  /** A sealed copy as a file, for the DSL's own tablet (the staff member still cannot read it). */
  onExport?: (id: string) => Promise<string>;
  /** The seal words of the key it will be sealed to (docs/SECURITY.md item 16). */
  sealWords?: SealWords | null;
}

export function StaffDisclosurePage({ onSeal, onExport, sealWords = null }: StaffDisclosurePageProps) {
  const settings = useSettings();
  const [step, setStep] = useState<Step>('guidance');
  const [writer, setWriter] = useState('');
  const [d, setD] = useState<DisclosureDraft>(() => emptyDisclosureDraft(nowLocalInput()));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [sealedId, setSealedId] = useState<string | null>(null);
  const [fileUrl, setFileUrl] = useState<string | null>(null);
  useEffect(() => () => (fileUrl ? URL.revokeObjectURL(fileUrl) : undefined), [fileUrl]);
  const set = (patch: Partial<DisclosureDraft>) => setD((x) => ({ ...x, ...patch }));

  const next = (part: 'who' | 'what' | 'people', to: Step) => {
    const errs = disclosureErrors(d, part);
    setAttempt((n) => n + 1);
    setErrors(errs);
    if (errs.length === 0) {
      setStep(to);
      window.scrollTo(0, 0);
    }
  };

  const seal = async () => {
    const errs = disclosureErrors(d, 'all');
    setAttempt((n) => n + 1);
    if (errs.length > 0) {
      setErrors(errs);
      return;
    }
    setBusy(true);
    try {
      const { disclosure, persons } = toDisclosure(d);
      const sealed = await onSeal({ writer: writer.trim() || disclosure.disclosedTo, disclosure, persons });
      setSealedId(sealed ? sealed.id : null);
      // Forget everything typed: the writer cannot read it back (docs/SECURITY.md item 7).
      setD(emptyDisclosureDraft(nowLocalInput()));
      setWriter('');
      setErrors([]);
      setStep('sealed');
    } catch (e) {
      setErrors([
        {
          fieldId: 'main-content',
          text: `It could not be saved: ${e instanceof Error ? e.message : String(e)}. Tell the DSL in person now.`,
        },
      ]);
    } finally {
      setBusy(false);
    }
  };

  const dslLine = (
    <>
      <PhoneLink number={settings.dsl.phone} label={`DSL: ${settings.dsl.name}`} />
      {settings.deputies.map((x) => (
        <PhoneLink key={x.name} number={x.phone} label={`Deputy DSL: ${x.name}`} />
      ))}
    </>
  );

  if (step === 'sealed') {
    return (
      <div className="app-page">
        <NotificationBanner variant="success" heading="Your record is sealed for the DSL.">
          <p className="app-body">
            Only the DSL and their deputies can open it. It is no longer on your screen, and you cannot read it back.
          </p>
        </NotificationBanner>
        <h1 className="app-heading-l">What happens next</h1>
        <p className="app-body">If you have not told the DSL in person yet, do it now.</p>
        {dslLine}
        <p className="app-body">
          Look after yourself: what you heard may be upsetting. You can talk to the DSL about support.
        </p>
        {onExport && sealedId && (
          <>
            <h2 className="app-heading-m">Is the DSL using another tablet?</h2>
            <p className="app-body">
              Save a sealed copy and give it to them (for example on a school USB stick). It stays unreadable to anyone
              but the DSL and their deputies.
            </p>
            {fileUrl ? (
              <p className="app-body">
                <a
                  className="app-link app-link--block"
                  href={fileUrl}
                  download={`ypsi-sealed-disclosure-${sealedId.slice(0, 8)}.json`}
                >
                  Save the sealed copy
                </a>
              </p>
            ) : (
              <Button
                variant="secondary"
                onClick={async () => {
                  const text = await onExport(sealedId);
                  setFileUrl(URL.createObjectURL(new Blob([text], { type: 'application/json' })));
                }}
              >
                Make a sealed copy
              </Button>
            )}
          </>
        )}
        <p className="app-body">
          <Link className="app-link app-link--block" to="/">
            Back to the lock screen
          </Link>
        </p>
      </div>
    );
  }

  if (step === 'guidance') {
    return (
      <div className="app-page">
        <BackLink href="/">Back</BackLink>
        <h1 className="app-heading-xl">Before you write anything</h1>
        <WarningText>If someone is in danger right now, call 999.</WarningText>
        <PhoneLink number={settings.policeEmergency} label="Emergency" urgent />
        <h2 className="app-heading-m">1. Tell the DSL in person, now</h2>
        {dslLine}
        <h2 className="app-heading-m">2. Do not view, copy, forward or delete anything</h2>
        <p className="app-body">
          Do not look at the image, ask to see it, or ask anyone to send it. Do not copy, screenshot, print or forward
          it: that is illegal, even to report it. Do not delete it: it may be evidence. If you have been handed a phone,
          switch it off and give it to the DSL.
        </p>
        <p className="app-body">
          If someone is demanding money, gifts or more images from a young person, tell them not to pay and to stop
          replying, and keep the messages. Tell the DSL now: national guidance says the police need to know at once.
        </p>
        <h2 className="app-heading-m">3. Write down what you were told</h2>
        <p className="app-body">
          It takes about two minutes. Write what they said, in their words. Do not add your opinion. When you finish, it
          is sealed for the DSL: you will not be able to read it back.
        </p>
        <ActionBar>
          <Button onClick={() => setStep('who')}>Start</Button>
        </ActionBar>
      </div>
    );
  }

  const heading = {
    who: 'Who told you, and when?',
    what: 'What were you told?',
    people: 'Who is involved?',
    check: 'Check your answers',
  }[step];
  const back: Record<Exclude<Step, 'guidance' | 'sealed'>, Step> = {
    who: 'guidance',
    what: 'who',
    people: 'what',
    check: 'people',
  };

  return (
    <div className="app-page">
      <button
        type="button"
        className="app-back-link app-back-link--button"
        onClick={() => {
          setErrors([]);
          setStep(back[step]);
        }}
      >
        Back
      </button>
      <ErrorSummary errors={errors} focusKey={attempt} />
      <span className="app-caption-l">Record a disclosure</span>
      <h1 className="app-heading-l">{heading}</h1>
      {step === 'who' && (
        <>
          <WhoToldFields d={d} set={set} errors={errors} />
          <ActionBar>
            <Button onClick={() => next('who', 'what')}>Continue</Button>
          </ActionBar>
        </>
      )}
      {step === 'what' && (
        <>
          <WhatWasSaidFields d={d} set={set} errors={errors} />
          <ActionBar>
            <Button onClick={() => next('what', 'people')}>Continue</Button>
          </ActionBar>
        </>
      )}
      {step === 'people' && (
        <>
          <p className="app-body">
            The young people involved, and anyone else (including adults). If you do not know an age, leave it empty.
          </p>
          <PeopleFields d={d} set={set} errors={errors} headingLevel={2} />
          <ActionBar>
            <Button onClick={() => next('people', 'check')}>Continue</Button>
          </ActionBar>
        </>
      )}
      {step === 'check' && (
        <>
          <SummaryList
            rows={[
              { key: 'Who told you', value: d.disclosedBy },
              { key: 'Who they told', value: d.disclosedTo },
              { key: 'When', value: formatDateTime(toDisclosure(d).disclosure.disclosedAt) },
              { key: 'How', value: d.channel.replace('-', ' ') },
              { key: 'When the image or video was made or shared', value: knownDateText(d.incidentDate) },
              { key: 'What they said', value: d.account },
              ...(d.imageryDescription ? [{ key: 'What the image shows, as told', value: d.imageryDescription }] : []),
              ...(d.platforms ? [{ key: 'Apps or services', value: d.platforms }] : []),
              ...(d.spreadNotes ? [{ key: 'Who else has it', value: d.spreadNotes }] : []),
              ...(d.actionsTaken ? [{ key: 'What you have done', value: d.actionsTaken }] : []),
              ...d.persons.map((p, i) => ({
                key: `Person ${i + 1}`,
                // The name isolated (<bdi>): an Arabic or Hebrew name does not turn the English around it.
                value: (
                  <>
                    <bdi>{p.name}</bdi>, {PERSON_KIND_LABELS[kindOf(p)].toLowerCase()}
                    {p.ageYears !== undefined ? `, aged ${p.ageYears}` : ''}; {personDetails(p)}
                  </>
                ),
              })),
            ]}
          />
          <p className="app-body">
            When you send it, it is sealed: only the DSL and their deputies can open it, and you cannot read it back.
          </p>
          {sealWords && <SealWordsText sealWords={sealWords} />}
          <ActionBar>
            <Button disabled={busy} onClick={seal}>
              Seal and send to the DSL
            </Button>
          </ActionBar>
        </>
      )}
    </div>
  );
}
