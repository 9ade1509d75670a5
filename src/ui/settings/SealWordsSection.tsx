// The seal words in Settings (docs/SECURITY.md item 16): the words of the key this establishment can open, the same
// check the lock screen offers staff, and a plain printable staff notice naming them (words only, no images).
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { Button, InsetText, WarningText } from '../components';
import type { UnlockedVault } from '../data/vault';

type Words = Awaited<ReturnType<UnlockedVault['establishmentSealWords']>>;

/** The notice as printed: a plain page of text. */
export function StaffNotice({ establishment, words }: { establishment: string; words: readonly string[] }) {
  return (
    <div className="app-staff-notice" data-testid="staff-notice">
      <h1>Recording a disclosure on the {establishment} tablet</h1>
      <p>Before you record a disclosure on this tablet, check the lock screen shows these words:</p>
      <p className="app-staff-notice__words">{words.join(' ')}</p>
      <p>
        If the words on the lock screen are different, or the lock screen says it cannot seal a disclosure safely, do
        not record the disclosure on the tablet. Tell the Designated Safeguarding Lead in person, straight away.
      </p>
      <p>Keep this notice where staff can see it. Your DSL gives you a new one if the words ever change.</p>
    </div>
  );
}

export function SealWordsSection({ vault, establishment }: { vault: UnlockedVault; establishment: string }) {
  const [words, setWords] = useState<Words | null | undefined>(undefined);
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    void vault.establishmentSealWords().then(setWords, () => setWords(null));
  }, [vault]);
  // Print after the notice is in the page; back to the screen when the print dialog closes.
  useEffect(() => {
    if (!printing) return;
    const done = () => setPrinting(false);
    document.body.classList.add('app-printing-notice');
    window.addEventListener('afterprint', done);
    window.print();
    return () => {
      window.removeEventListener('afterprint', done);
      document.body.classList.remove('app-printing-notice');
    };
  }, [printing]);
  if (words === undefined) return null;
  return (
    <section aria-labelledby="seal-words-heading">
      <h2 className="app-heading-m" id="seal-words-heading">
        Seal words for staff
      </h2>
      {words === null ? (
        <WarningText>The seal words could not be read. Run the check above.</WarningText>
      ) : (
        <>
          <p className="app-body">
            Staff who record a disclosure on the lock screen check these words first. They name the key disclosures are
            sealed to, so that only this establishment can open them:
          </p>
          <p className="app-body app-recovery-key" data-testid="seal-words">
            {words.words.join(' ')}
          </p>
          {words.lockScreenMatches ? (
            <InsetText>The lock screen shows the same words.</InsetText>
          ) : (
            <WarningText>
              The lock screen shows different words
              {words.lockScreenWords ? ` (${words.lockScreenWords.join(' ')})` : ''}, or cannot confirm them: someone
              changed the key staff seal to on this tablet. Staff must not record disclosures on it. Run the check
              above, and restore from a backup or set the tablet up again.
            </WarningText>
          )}
          <p className="app-body">
            Print the staff notice and put it up in the staff room, so staff can compare the words before they record a
            disclosure.
          </p>
          <Button variant="secondary" onClick={() => setPrinting(true)}>
            Print the staff notice
          </Button>
          {printing && createPortal(<StaffNotice establishment={establishment} words={words.words} />, document.body)}
        </>
      )}
    </section>
  );
}
