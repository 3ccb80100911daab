/** One session: who, what for, scope, calls, and the time left. The row re-renders only when its phase changes. */
import { useId } from 'react';
import type { ReactElement } from 'react';
import { Countdown } from '../../components/countdown.tsx';
import { GrantList } from '../../components/grant-list.tsx';
import type { SessionView } from '../../contract.ts';
import { useControl, useTick } from '../../hooks.ts';
import { sessionPhase } from './clock-text.ts';

/** A session card with revoke and extend. */
export function SessionCard({ session }: { session: SessionView }): ReactElement {
  const revoke = useControl((s) => s.revoke);
  const extend = useControl((s) => s.extend);
  const ids = useId();
  const phase = useTick((now) => (session.state === 'active' ? sessionPhase(session.expiresAt, now) : 'ended'));
  const live = phase !== 'ended';
  return (
    <li className="session-card" data-phase={phase} aria-labelledby={`${ids}-who`}>
      <div className="session-main">
        <h3 id={`${ids}-who`} className="client-name">{session.clientName}</h3>
        <p className="task">{session.task}</p>
        <GrantList grants={session.grants} />
        <p className="muted">{session.calls} call{session.calls === 1 ? '' : 's'}</p>
      </div>
      <div className="session-time">
        {live ? (
          <>
            <span className="sr-only">Time left</span>
            <Countdown until={session.expiresAt} />
            <span className="time-note" role="status">{phase === 'last-minute' ? 'Last minute' : ''}</span>
          </>
        ) : (
          <span className="ended-note">{session.state === 'revoked' ? 'Revoked' : 'Expired'}</span>
        )}
      </div>
      <div className="session-actions">
        <button type="button" className="button" onClick={() => void extend(session.id)} aria-describedby={`${ids}-who`}>
          {live ? 'Extend…' : 'Ask again…'}
        </button>
        {live ? (
          <button type="button" className="button danger" onClick={() => void revoke(session.id)} aria-describedby={`${ids}-who`}>
            Revoke
          </button>
        ) : null}
      </div>
    </li>
  );
}
