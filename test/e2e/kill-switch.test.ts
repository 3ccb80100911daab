// The kill switch in the UI against a real `hallpass serve`, with a long call in flight.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkScreen } from './support/browser.ts';
import { startUiWorld } from './support/ui-world.ts';
import type { UiWorld } from './support/ui-world.ts';

let world: UiWorld;
before(async () => {
  world = await startUiWorld({ approvalWaitSeconds: 30 });
});
after(() => world?.close());

test('kill with a call in flight: the call is cut off, the UI locks down, new calls are refused until re-armed', async () => {
  const { page } = world;
  const agent = await world.agent('Long Runner');
  const first = agent.call('echo', { message: 'warm up' });
  await page.getByText('Long Runner asks for access').waitFor();
  await page.locator('button[aria-keyshortcuts="Enter"]:not([disabled])').click();
  await first;

  // The long-running tool is read-only (readOnlyHint), so the read session covers it.
  const long = agent.call('trigger-long-running-operation', { duration: 60, steps: 60 });
  await world.until('the long call in flight', async () => {
    const rows = (await world.serve.api('GET', '/api/audit')).body as { kind: string; tool?: string }[];
    return rows.some((r) => r.kind === 'allowed' && r.tool === 'trigger-long-running-operation');
  });

  await page.getByRole('button', { name: 'Kill switch' }).click();
  const cut = await long;
  assert.equal(cut.isError, true);
  assert.match(cut.text, /kill switch/i);
  const banner = page.getByRole('alert').filter({ hasText: 'Locked down' });
  await banner.waitFor();
  assert.equal(await page.locator('.session-list:not(.ended) .session-card').count(), 0);
  assert.deepEqual(await checkScreen(page, 'e2e-lockdown'), []);

  const refused = await agent.call('echo', { message: 'still there?' });
  assert.equal(refused.isError, true);
  assert.match(refused.text, /locked down/i);
  assert.equal(await page.locator('.request-card').count(), 0, 'locked down: no prompt opens');

  await page.getByRole('tab', { name: 'Activity' }).click();
  await page.getByRole('cell', { name: 'Kill switch', exact: true }).waitFor();

  await banner.getByRole('button', { name: 'Re-arm' }).focus();
  await page.keyboard.press('Enter');
  await banner.waitFor({ state: 'detached' });
  assert.equal(((await world.serve.api('GET', '/api/status')).body as { lockedDown: boolean }).lockedDown, false);
  await page.getByRole('cell', { name: 'Re-armed', exact: true }).waitFor();
  assert.deepEqual(world.problems, []);
});
