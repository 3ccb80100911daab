/** Entry point: picks the bridge (Electron IPC, else `serve`'s HTTP API with the tab's token) and mounts the UI. */
import { StrictMode, useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app.tsx';
import { ipcBridge } from './bridge.ts';
import type { Bridge } from './bridge.ts';
import { createHttpBridge } from './bridge-http.ts';
import { TokenPrompt } from './features/token/token-prompt.tsx';
import { browserTimers, createServices } from './services.ts';
import type { Services } from './services.ts';
import { forgetToken, keepToken, takeToken } from './token.ts';
import type { TokenPlace } from './token.ts';
import './styles/app.css';

/** Opens a bridge; `link` hears when the live connection drops or returns. */
type Connect = (link: (up: boolean) => void) => Bridge & { dispose(): void };

/** The UI over one bridge, with its services started while mounted. */
function Live({ connect }: { connect: Connect }): ReactElement | null {
  const [services, setServices] = useState<Services>();
  useEffect(() => {
    let started: Services | undefined;
    const bridge = connect((up) => started?.control.getState().setLinkUp(up));
    started = createServices(bridge, browserTimers());
    const stop = started.start();
    setServices(started);
    return () => {
      stop();
      bridge.dispose();
    };
  }, [connect]);
  return services ? <AppRoot services={services} /> : null;
}

/** `hallpass serve`: the token from the link (or typed), the HTTP bridge. */
function Served({ place }: { place: TokenPlace }): ReactElement {
  const [token, setToken] = useState(() => takeToken(place));
  const [refused, setRefused] = useState(false);
  const connect = useCallback<Connect>(
    (link) =>
      createHttpBridge({
        origin: window.location.origin,
        token: token ?? '',
        fetch: (input, init) => window.fetch(input, init),
        onUnauthorized: () => {
          forgetToken(place);
          setRefused(true);
          setToken(undefined);
        },
        onLink: link,
      }),
    [token, place],
  );
  if (token === undefined) {
    return <TokenPrompt refused={refused} onToken={(t) => { keepToken(place, t); setRefused(false); setToken(t); }} />;
  }
  return <Live key={token} connect={connect} />;
}

const desktop = ipcBridge(window);
const root = document.getElementById('root');
if (root) {
  const place: TokenPlace = { location: window.location, history: window.history, storage: window.sessionStorage };
  const connectDesktop: Connect | undefined = desktop ? () => ({ ...desktop, dispose: () => undefined }) : undefined;
  createRoot(root).render(
    <StrictMode>{connectDesktop ? <Live connect={connectDesktop} /> : <Served place={place} />}</StrictMode>,
  );
}
