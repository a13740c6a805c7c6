import { useState } from 'preact/hooks';
import { useAction } from '../api/hooks';
import { ErrorMessage } from '../components/error-message';
import { Progress } from '../components/progress';
import { useSession } from '../session';

/** Sign in with an API key (`cp_…`) or an admin JWT; it is kept for this tab only. */
export function SignIn() {
  const { signIn, ended } = useSession();
  const [credential, setCredential] = useState('');
  const attempt = useAction(signIn);
  return (
    <main id="main" class="sign-in">
      <h1>convo-pilot console</h1>
      {!attempt.error && <ErrorMessage error={ended ?? undefined} />}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void attempt.run(credential);
        }}
      >
        <label for="credential">API key or admin JWT</label>
        <input
          id="credential"
          name="credential"
          type="password"
          autocomplete="off"
          required
          value={credential}
          onInput={(event) => setCredential(event.currentTarget.value)}
        />
        <p class="hint">Kept in this tab only (session storage); closing the tab or signing out forgets it.</p>
        <button type="submit" disabled={attempt.pending}>
          Sign in
        </button>
        {attempt.pending && <Progress label="Checking the credentials…" />}
        <ErrorMessage error={attempt.error} />
      </form>
    </main>
  );
}
