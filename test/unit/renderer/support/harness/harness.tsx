/** Component harness: the real UI over the fake bridge and a hand-driven clock, steered from Playwright. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from '../../../../../renderer/app.tsx';
import { TokenPrompt } from '../../../../../renderer/features/token/token-prompt.tsx';
import { createServices } from '../../../../../renderer/services.ts';
import '../../../../../renderer/styles/app.css';
import { createFakeBridge } from '../fake-bridge.ts';
import { manualTimers } from '../manual-timers.ts';
import * as views from '../views.ts';

/** 2025-01-15 10:00:00 UTC. */
const START = 1_736_935_200_000;

const root = createRoot(document.getElementById('root') as HTMLElement);
if (location.hash === '#token') {
  const tokens: string[] = [];
  Object.assign(window, { harness: { tokens } });
  root.render(<TokenPrompt refused onToken={(t) => tokens.push(t)} />);
} else {
  const timers = manualTimers(START);
  const fake = createFakeBridge(timers.now);
  const services = createServices(fake, timers);
  services.start();
  Object.assign(window, { harness: { fake, timers, services, views, START } });
  root.render(<StrictMode><AppRoot services={services} /></StrictMode>);
}
