/** The live line under a connection's state: waiting for the browser (with the sign-in link), connected, or failed. */
import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { ConnectionView } from '../../contract.ts';
import { useControl } from '../../hooks.ts';

/** Always rendered (an empty live region until there is news), so screen readers hear each change. */
export function SignInNote({ connection }: { connection: ConnectionView }): ReactElement {
  const link = useControl((s) => s.signInLinks[connection.id]);
  const waiting = connection.signIn === 'waiting';
  const wasWaiting = useRef(waiting);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (waiting) setConnected(false);
    else if (wasWaiting.current && connection.status === 'running') setConnected(true);
    wasWaiting.current = waiting;
  }, [waiting, connection.status]);
  return (
    <div className="sign-in-note" role="status">
      {waiting ? (
        <>
          <span className="waiting-line"><span className="spinner" aria-hidden="true" />Waiting for you to sign in…</span>
          {link ? (
            <span className="sub">
              If no browser opened, use this link on this computer:{' '}
              <a href={link} target="_blank" rel="noopener noreferrer">Open sign-in page<span className="sr-only"> for {connection.id} (opens a new window)</span></a>
            </span>
          ) : null}
        </>
      ) : null}
      {!waiting && connected && connection.status === 'running' ? <span className="good-text">Signed in. Its tools are available to approved sessions.</span> : null}
      {!waiting && connection.signIn === 'failed' ? <span className="sr-only">The sign-in of {connection.id} failed.</span> : null}
    </div>
  );
}
