/** The locked-down state after the kill switch, and how to end it. */
import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useControl } from '../../hooks.ts';

/** Shown while locked down; focuses itself when lockdown begins so keyboard users can re-arm at once. */
export function LockdownBanner(): ReactElement | null {
  const lockedDown = useControl((s) => s.status?.lockedDown ?? false);
  const rearm = useControl((s) => s.rearm);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (lockedDown) heading.current?.focus();
  }, [lockedDown]);
  if (!lockedDown) return null;
  return (
    <section className="lockdown" role="alert" aria-labelledby="lockdown-title">
      <div>
        <h2 id="lockdown-title" ref={heading} tabIndex={-1}>Locked down</h2>
        <p>
          Every session was revoked and calls in flight were stopped. Agents&apos; new requests are refused
          until you re-arm.
        </p>
      </div>
      <button type="button" className="button" onClick={() => void rearm()}>
        Re-arm
      </button>
    </section>
  );
}
