// A tablet's own name and password on the school's server, as IT's add-tablet gave them: asked for
// this tablet when sync is set up, and for a new tablet when a code is made for it to join.
import { TextInput } from '../components';

export function TabletCredentialFields({
  which,
  ids,
  username,
  password,
  onUsername,
  onPassword,
  errors,
  usernameHint,
  passwordHint,
}: {
  /** Whose name and password: this tablet's, or the new one's that is to join. */
  which: 'this' | 'new';
  ids: { username: string; password: string };
  username: string;
  password: string;
  onUsername: (v: string) => void;
  onPassword: (v: string) => void;
  errors: { username?: string | undefined; password?: string | undefined };
  usernameHint: string;
  passwordHint: string;
}) {
  const whose = which === 'this' ? 'This tablet’s' : 'The new tablet’s';
  return (
    <>
      <TextInput
        id={ids.username}
        label={`${whose} name on the server`}
        hint={usernameHint}
        value={username}
        onChange={onUsername}
        error={errors.username}
        autoComplete="off"
        spellCheck={false}
        width="20"
      />
      <TextInput
        id={ids.password}
        label={`${whose} password on the server`}
        hint={passwordHint}
        type="password"
        value={password}
        onChange={onPassword}
        error={errors.password}
        autoComplete="off"
      />
    </>
  );
}
