// The seal words (docs/SECURITY.md item 16): the fingerprint of the key disclosures are sealed to,
// as six words staff compare with the notice their DSL gave them. The tablet cannot vouch for its
// own storage before unlock, so a person comparing words is the check; a key the establishment's
// signing key does not confirm is refused outright.
import { WarningText } from '../components';
import type { SealWords } from '../data/vault';

export function SealWordsText({ sealWords }: { sealWords: SealWords }) {
  if (!sealWords.confirmed) {
    return (
      <WarningText>
        This tablet cannot seal a disclosure safely: the key it would seal to is not confirmed as this establishment’s.
        Do not record it here. Tell the DSL in person, now.
      </WarningText>
    );
  }
  return (
    <p className="app-body">
      Seal words: <strong>{sealWords.words.join(' ')}</strong>. They should be the same as on the staff notice from your
      DSL. If they are not, do not record the disclosure here: tell the DSL.
    </p>
  );
}
