// Renderer budgets (issue 3): request → prompt visible in Chromium over serve's bridge; idle CPU with 20 live countdowns.
// Prints JSON lines. Run alone: node bench/renderer-prompt.bench.ts
import type { Page } from 'playwright-core';
import { startUiWorld } from '../test/e2e/support/ui-world.ts';
import type { UiWorld } from '../test/e2e/support/ui-world.ts';
import { summarize } from './bench-util.ts';

const PROMPTS = 20;
const SESSIONS = 20;
const IDLE_SECONDS = 10;

/** Epoch ms (sub-ms) in the page when the next prompt card has been painted. */
function armPromptWatch(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { promptSeenAt?: Promise<number> };
    w.promptSeenAt = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('.request-card')) return;
        observer.disconnect();
        // The frame after the DOM change is the one that shows it.
        requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  });
}

async function promptLatency(world: UiWorld): Promise<void> {
  const agent = await world.agent('Bench Agent');
  const fromCall: number[] = [];
  const fromCreated: number[] = [];
  for (let i = 0; i < PROMPTS + 2; i++) {
    await armPromptWatch(world.page);
    const startedAt = performance.timeOrigin + performance.now();
    const call = agent.call('echo', { message: `bench ${i}` });
    const seenAt = (await world.page.evaluate('window.promptSeenAt')) as number;
    const id = await world.pendingRequest('Bench Agent');
    const requests = (await world.serve.api('GET', '/api/requests')).body as { id: string; createdAt: number }[];
    const createdAt = requests.find((r) => r.id === id)?.createdAt ?? Number.NaN;
    await world.serve.api('POST', `/api/requests/${id}/deny`, {});
    await call;
    await world.page.locator('.request-card').waitFor({ state: 'detached' });
    if (i < 2) continue; // warm-up
    fromCall.push(seenAt - startedAt);
    fromCreated.push(seenAt - createdAt);
  }
  const round = (ms: number[]) => {
    const { p50, p99, mean } = summarize(ms);
    return { p50: Math.round(p50 * 10) / 10, p99: Math.round(p99 * 10) / 10, mean: Math.round(mean * 10) / 10 };
  };
  console.log(JSON.stringify({ bench: 'renderer-prompt-visible', samples: PROMPTS, from: 'agent call', unit: 'ms', ...round(fromCall) }));
  console.log(JSON.stringify({ bench: 'renderer-prompt-visible', samples: PROMPTS, from: 'request createdAt', unit: 'ms', ...round(fromCreated) }));
}

async function idleCpu(world: UiWorld, label: string): Promise<void> {
  const cdp = await world.page.context().newCDPSession(world.page);
  await cdp.send('Performance.enable');
  const read = async (): Promise<Record<string, number>> =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await world.page.evaluate(() => {
    const w = window as unknown as { outsideClock: number };
    w.outsideClock = 0;
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target instanceof Element ? r.target : r.target.parentElement;
        if (!el?.closest('.clock')) w.outsideClock++;
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const before = await read();
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const after = await read();
  const per = (name: string): number => Math.round((((after[name] ?? 0) - (before[name] ?? 0)) / IDLE_SECONDS) * 1000) / 1000;
  const outside = (await world.page.evaluate('window.outsideClock')) as number;
  const countdowns = await world.page.locator('.session-list:not(.ended) .clock').count();
  console.log(JSON.stringify({
    bench: 'renderer-idle', label, countdowns, seconds: IDLE_SECONDS,
    cpuPercent: Math.round(per('TaskDuration') * 1000) / 10,
    scriptMsPerSecond: Math.round(per('ScriptDuration') * 1e4) / 10,
    layoutsPerSecond: per('LayoutCount'),
    styleRecalcsPerSecond: per('RecalcStyleCount'),
    domMutationsOutsideCountdowns: outside,
  }));
  await cdp.detach();
}

async function openSessions(world: UiWorld, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const agent = await world.agent(`Agent ${i + 1}`);
    const asked = agent.client.callTool({ name: 'hallpass__request_access', arguments: { task: `Bench task ${i + 1}`, connections: ['everything'], access: 'read', minutes: 60 } });
    const id = await world.pendingRequest(`Agent ${i + 1}`);
    await world.serve.api('POST', `/api/requests/${id}/approve`, { ttlSeconds: 3600 - i * 60 });
    await asked;
  }
  await world.until('every countdown on screen', async () => (await world.page.locator('.session-list:not(.ended) .clock').count()) === count);
}

const world = await startUiWorld({ approvalWaitSeconds: 30 });
try {
  await world.page.getByRole('button', { name: 'Kill switch' }).waitFor();
  await promptLatency(world);
  await idleCpu(world, 'no sessions');
  await openSessions(world, SESSIONS);
  await idleCpu(world, `${SESSIONS} sessions counting down`);
} finally {
  await world.close();
}
