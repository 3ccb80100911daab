// Sessions ending against a real `hallpass serve`: expiry at zero, revoke, and extend as a new approval.
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

const ARMED_APPROVE = 'button[aria-keyshortcuts="Enter"]:not([disabled])';

test('a short session counts down to zero in the UI and the next call is refused', async () => {
  const agent = await world.agent('Short Lived');
  const call = agent.call('echo', { message: 'quick' });
  // The UI offers whole minutes; a 4-second session is approved through the same control API it uses.
  const id = await world.pendingRequest('Short Lived');
  assert.equal((await world.serve.api('POST', `/api/requests/${id}/approve`, { ttlSeconds: 4 })).status, 200);
  assert.deepEqual(await call, { text: 'Echo: quick', isError: false });

  const card = world.page.locator('.session-card').filter({ hasText: 'Short Lived' });
  const clock = card.locator('.clock');
  await clock.waitFor();
  assert.match(await clock.innerText(), /^00:0[1-4]$/);
  assert.equal(await card.getAttribute('data-phase'), 'last-minute');
  await world.page.waitForFunction(() => document.querySelector('.session-card[data-phase="ended"]') !== null, undefined, { timeout: 15_000 });
  assert.match(await card.innerText(), /Expired/);

  const next = agent.call('echo', { message: 'one more' });
  // The refused call opens a new request: the person sees the prompt again and denies it.
  await world.page.getByText('Short Lived asks for access').waitFor();
  await world.page.keyboard.press('Escape');
  const refused = await next;
  assert.equal(refused.isError, true);
  assert.doesNotMatch(refused.text, /Echo:/);
  const kinds = ((await world.serve.api('GET', '/api/audit')).body as { kind: string; clientName?: string }[])
    .filter((r) => r.clientName === 'Short Lived').map((r) => r.kind);
  assert.ok(kinds.includes('expired'), kinds.join(', '));
});

test('revoke in the UI ends a session at once; the next call is refused', async () => {
  const agent = await world.agent('Revokee');
  const call = agent.call('echo', { message: 'first' });
  await world.page.getByText('Revokee asks for access').waitFor();
  await world.page.locator(ARMED_APPROVE).click();
  assert.equal((await call).text, 'Echo: first');
  const card = world.page.locator('.session-list:not(.ended) .session-card').filter({ hasText: 'Revokee' });
  await card.getByRole('button', { name: 'Revoke' }).click();
  await world.page.locator('.session-list.ended .session-card').filter({ hasText: 'Revokee' }).getByText('Revoked').waitFor();
  const next = agent.call('echo', { message: 'second' });
  await world.page.getByText('Revokee asks for access').waitFor();
  await world.page.keyboard.press('Escape');
  const refused = await next;
  assert.equal(refused.isError, true);
  assert.doesNotMatch(refused.text, /Echo:/);
  assert.deepEqual(await checkScreen(world.page, 'e2e-sessions-ended'), []);
});

test('extend asks the person again with the same scope; the session itself is untouched', async () => {
  const agent = await world.agent('Extender');
  const call = agent.call('echo', { message: 'hi' });
  await world.page.getByText('Extender asks for access').waitFor();
  await world.page.locator(ARMED_APPROVE).click();
  await call;
  const before = ((await world.serve.api('GET', '/api/sessions')).body as { clientName: string; expiresAt: number; state: string }[])
    .find((s) => s.clientName === 'Extender' && s.state === 'active');
  await world.page.locator('.session-list:not(.ended) .session-card').filter({ hasText: 'Extender' }).getByRole('button', { name: 'Extend…' }).click();
  await world.page.getByText('Extender asks for access').waitFor();
  assert.match(await world.page.locator('.request-card').innerText(), /everything\s*Read only/);
  await world.page.keyboard.press('Escape');
  await world.page.locator('.request-card').waitFor({ state: 'detached' });
  const after = ((await world.serve.api('GET', '/api/sessions')).body as { clientName: string; expiresAt: number; state: string }[])
    .find((s) => s.clientName === 'Extender' && s.state === 'active');
  assert.equal(after?.expiresAt, before?.expiresAt);
  assert.deepEqual(world.problems, []);
});
