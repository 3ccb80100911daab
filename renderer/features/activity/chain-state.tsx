/** The audit chain's verification state, and a way to check it again. */
import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { useAudit } from '../../hooks.ts';
import { timeText } from './time-text.ts';

/** "Chain intact · 120 rows" or where it broke; checked afresh whenever the Activity screen opens. */
export function ChainState(): ReactElement {
  const verify = useAudit((s) => s.verify);
  const verifyChain = useAudit((s) => s.verifyChain);
  useEffect(() => void verifyChain(), [verifyChain]);
  let text = 'Checking the audit chain…';
  let tone = 'plain';
  if (verify && 'result' in verify) {
    const { result } = verify;
    tone = result.ok ? 'good' : 'bad';
    text = result.ok
      ? `Chain intact · ${result.rows} row${result.rows === 1 ? '' : 's'}`
      : `Chain broken at row ${result.firstBad?.seq ?? '?'}: ${result.firstBad?.reason ?? 'mismatch'}`;
  } else if (verify) {
    tone = 'bad';
    text = `Could not verify: ${verify.error}`;
  }
  return (
    <div className="chain-state">
      <p className={`pill pill-${tone}`} role="status">
        {text}
        {verify ? <span className="muted"> · checked {timeText(verify.at)}</span> : null}
      </p>
      <button type="button" className="button small" onClick={() => void verifyChain()}>Verify again</button>
    </div>
  );
}
