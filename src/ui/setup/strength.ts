// Passphrase strength with zxcvbn-ts (a well-kept estimator), loaded only when a passphrase is set.
export const MIN_PASSPHRASE_LENGTH = 12;
export const MIN_SCORE = 3;

export interface Strength {
  ok: boolean;
  score: number;
  message: string;
}

let loaded: Promise<
  (pw: string, userInputs: string[]) => { score: number; feedback: { warning: string | null; suggestions: string[] } }
> | null = null;

function estimator() {
  loaded ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const z = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    return (pw: string, userInputs: string[]) => z.check(pw, userInputs);
  })();
  return loaded;
}

/** Is this passphrase strong enough? Names and the establishment's name count against it. */
export async function checkPassphrase(passphrase: string, userInputs: string[] = []): Promise<Strength> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    return {
      ok: false,
      score: 0,
      message: `Use at least ${MIN_PASSPHRASE_LENGTH} characters. Three or four unrelated words work well.`,
    };
  }
  const z = (await estimator())(passphrase, userInputs.filter(Boolean));
  if (z.score < MIN_SCORE) {
    const hint = z.feedback.warning || z.feedback.suggestions[0] || 'Add another unrelated word.';
    return { ok: false, score: z.score, message: `This passphrase is too easy to guess. ${hint}` };
  }
  return { ok: true, score: z.score, message: z.score >= 4 ? 'Strong passphrase' : 'Good passphrase' };
}
