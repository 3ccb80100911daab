/** The kill switch: always visible, one action, effective at once. */
import type { ReactElement } from 'react';
import { useControl } from '../../hooks.ts';

/** The header's kill switch button. */
export function KillSwitch(): ReactElement {
  const kill = useControl((s) => s.kill);
  return (
    <>
      <button type="button" className="button kill" onClick={() => void kill()} aria-describedby="kill-explained">
        <span className="kill-icon" aria-hidden="true" />
        Kill switch
      </button>
      <span id="kill-explained" className="sr-only">
        Revokes every session, stops calls in flight and refuses new requests until you re-arm.
      </span>
    </>
  );
}
