/** Live time texts driven by the shared ticker: only these text nodes change each second. */
import type { ReactElement } from 'react';
import { elapsedText, remainingText } from '../features/sessions/clock-text.ts';
import { useTick } from '../hooks.ts';

/** mm:ss left until an absolute time, recomputed from the clock at every tick (no drift, right after sleep). */
export function Countdown({ until }: { until: number }): ReactElement {
  const text = useTick((now) => remainingText(until, now));
  return <span className="clock">{text}</span>;
}

/** mm:ss since an absolute time. */
export function Elapsed({ since }: { since: number }): ReactElement {
  const text = useTick((now) => elapsedText(since, now));
  return <span className="clock">{text}</span>;
}
