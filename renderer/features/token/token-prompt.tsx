/** Asks for the control token when the page was opened without one (or the server refused it). */
import { useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { isTokenShaped } from '../../token.ts';

/** The token form of `hallpass serve`'s web UI. */
export function TokenPrompt({ refused, onToken }: { refused: boolean; onToken: (token: string) => void }): ReactElement {
  const [value, setValue] = useState('');
  const trimmed = value.trim();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (isTokenShaped(trimmed)) onToken(trimmed);
  };
  return (
    <main className="token-page">
      <form className="token-card" onSubmit={submit} aria-labelledby="token-title">
        <h1 id="token-title" className="brand">Hallpass</h1>
        <p>
          Open the link that <code>hallpass serve</code> printed, or paste the control token from
          <code> control.token</code> in the Hallpass data directory.
        </p>
        {refused ? <p className="problem" role="alert">That token was refused. Paste the current one.</p> : null}
        <label>
          <span>Control token</span>
          <input type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" spellCheck={false} required autoFocus />
        </label>
        <button type="submit" className="button primary" disabled={!isTokenShaped(trimmed)}>Continue</button>
      </form>
    </main>
  );
}
