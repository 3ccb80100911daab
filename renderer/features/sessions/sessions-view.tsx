/** Active sessions with live countdowns, and the ones that ended recently. */
import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useControl } from '../../hooks.ts';
import { SessionCard } from './session-card.tsx';

const RECENT = 8;

/** The Sessions screen. */
export function SessionsView(): ReactElement {
  const sessions = useControl((s) => s.sessions);
  const { active, ended } = useMemo(() => {
    const byEnd = (s: (typeof sessions)[number]): number => s.revokedAt ?? s.expiresAt;
    return {
      active: sessions.filter((s) => s.state === 'active').sort((a, b) => a.expiresAt - b.expiresAt),
      ended: sessions.filter((s) => s.state !== 'active').sort((a, b) => byEnd(b) - byEnd(a)).slice(0, RECENT),
    };
  }, [sessions]);
  return (
    <div className="stack">
      <section aria-labelledby="sessions-active">
        <h2 id="sessions-active" className="section-title">Active sessions</h2>
        {active.length === 0 ? (
          <p className="empty">No agent can use a tool right now. When one asks, the request appears above.</p>
        ) : (
          <ul className="session-list">{active.map((s) => <SessionCard key={s.id} session={s} />)}</ul>
        )}
      </section>
      {ended.length > 0 ? (
        <section aria-labelledby="sessions-ended">
          <h2 id="sessions-ended" className="section-title">Recently ended</h2>
          <ul className="session-list ended">{ended.map((s) => <SessionCard key={s.id} session={s} />)}</ul>
        </section>
      ) : null}
    </div>
  );
}
