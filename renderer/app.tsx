/** The window: header with the kill switch, lockdown banner, approval prompt and the four screens. */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { TabPanel, Tabs } from './components/tabs.tsx';
import { ActivityView } from './features/activity/activity-view.tsx';
import { ClientsView } from './features/clients/clients-view.tsx';
import { ConnectionsView } from './features/connections/connections-view.tsx';
import { KillSwitch } from './features/kill/kill-switch.tsx';
import { LockdownBanner } from './features/kill/lockdown-banner.tsx';
import { ApprovalPrompt } from './features/prompt/approval-prompt.tsx';
import { SessionsView } from './features/sessions/sessions-view.tsx';
import { ServicesContext, useControl, useServices } from './hooks.ts';
import type { Services } from './services.ts';

type Screen = 'sessions' | 'activity' | 'connections' | 'clients';

/** The whole UI for a set of services. */
export function AppRoot({ services }: { services: Services }): ReactElement {
  return (
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>
  );
}

function App(): ReactElement {
  const { ticker } = useServices();
  const [screen, setScreen] = useState<Screen>('sessions');
  const activeCount = useControl((s) => s.sessions.filter((x) => x.state === 'active').length);
  const loaded = useControl((s) => s.loaded);
  useEffect(() => {
    // After sleep or a hidden tab, re-read the clock at once instead of waiting for the next tick.
    const onVisible = (): void => ticker.tick();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [ticker]);
  return (
    <div className="app" aria-busy={!loaded}>
      <header className="topbar">
        <h1 className="brand">Hallpass</h1>
        <Summary />
        <KillSwitch />
      </header>
      <main className="content">
        <LockdownBanner />
        <Problems />
        <ApprovalPrompt />
        <Tabs<Screen>
          label="Screens"
          current={screen}
          onSelect={setScreen}
          tabs={[
            { id: 'sessions', label: 'Sessions', count: activeCount },
            { id: 'activity', label: 'Activity' },
            { id: 'connections', label: 'Connections' },
            { id: 'clients', label: 'Clients' },
          ]}
        />
        <TabPanel id={screen}>
          {screen === 'sessions' ? <SessionsView /> : null}
          {screen === 'activity' ? <ActivityView /> : null}
          {screen === 'connections' ? <ConnectionsView /> : null}
          {screen === 'clients' ? <ClientsView /> : null}
        </TabPanel>
      </main>
    </div>
  );
}

/** One calm line: what is going on right now. */
function Summary(): ReactElement {
  const pending = useControl((s) => s.requests.filter((r) => r.state === 'pending').length);
  const active = useControl((s) => s.sessions.filter((x) => x.state === 'active').length);
  const linkUp = useControl((s) => s.linkUp);
  const lockedDown = useControl((s) => s.status?.lockedDown ?? false);
  const parts = [
    pending > 0 ? `${pending} waiting for approval` : undefined,
    active > 0 ? `${active} session${active === 1 ? '' : 's'} active` : undefined,
  ].filter(Boolean);
  return (
    <p className="summary">
      {linkUp ? null : <span className="pill pill-bad">Reconnecting…</span>}
      {lockedDown ? <span className="pill pill-bad">Locked down</span> : null}
      <span>{parts.length > 0 ? parts.join(' · ') : 'Idle — no agent can use a tool'}</span>
    </p>
  );
}

/** The last refusal or failure, until dismissed. */
function Problems(): ReactElement | null {
  const error = useControl((s) => s.error);
  const dismiss = useControl((s) => s.dismissError);
  if (!error) return null;
  return (
    <div className="problem-bar" role="alert">
      <span>{error}</span>
      <button type="button" className="button small" onClick={dismiss}>Dismiss</button>
    </div>
  );
}
