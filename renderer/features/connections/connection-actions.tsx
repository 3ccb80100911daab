/** Connect / Reconnect and Disconnect (with a confirmation) for a remote server or an OAuth connector. */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import type { ConnectionView } from '../../contract.ts';
import { useControl } from '../../hooks.ts';
import { signInPhase } from './sign-in-phase.ts';

/** The buttons of one connection row; nothing for local (stdio) servers or disabled connections. */
export function ConnectionActions({ connection }: { connection: ConnectionView }): ReactElement | null {
  const connect = useControl((s) => s.connect);
  const disconnect = useControl((s) => s.disconnect);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const ids = useId();
  const connectButton = useRef<HTMLButtonElement>(null);
  const disconnectButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    // Into the question on open; back to the row's buttons when it closes (Connect, once disconnected).
    if (confirming) cancelButton.current?.focus();
    else if (returnFocus.current) (disconnectButton.current ?? connectButton.current)?.focus();
    returnFocus.current = false;
  }, [confirming]);
  const phase = signInPhase(connection);
  if (phase === 'none') return null;
  const run = async (action: () => Promise<boolean>): Promise<void> => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  if (confirming) {
    const close = (): void => {
      returnFocus.current = true;
      setConfirming(false);
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
      }
    };
    return (
      <div className="confirm" role="group" aria-labelledby={`${ids}-ask`} onKeyDown={onKeyDown}>
        <p id={`${ids}-ask`}>Revoke Hallpass&rsquo; access to <strong>{connection.id}</strong> and delete its tokens from the keychain?</p>
        <div className="row">
          <button type="button" className="button small danger" disabled={busy} onClick={() => void run(() => disconnect(connection.id)).then(close)}>
            Disconnect
          </button>
          <button ref={cancelButton} type="button" className="button small" onClick={close}>Cancel</button>
        </div>
      </div>
    );
  }
  const label = phase === 'lapsed' ? 'Reconnect' : 'Connect';
  return (
    <div className="row actions">
      {phase === 'connected' || phase === 'waiting' ? null : (
        <button ref={connectButton} type="button" className="button small primary" disabled={busy} aria-describedby={`${ids}-name`} onClick={() => void run(() => connect(connection.id))}>
          {busy ? 'Connecting…' : label}
        </button>
      )}
      {phase === 'connected' || phase === 'lapsed' || phase === 'broken' ? (
        <button ref={disconnectButton} type="button" className="button small" aria-describedby={`${ids}-name`} onClick={() => setConfirming(true)}>
          Disconnect
        </button>
      ) : null}
      <span id={`${ids}-name`} className="sr-only">{connection.id}</span>
    </div>
  );
}
