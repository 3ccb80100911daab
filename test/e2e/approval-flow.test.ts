// The approval prompt against a real `hallpass serve`, server-everything and SDK agents, in Chromium.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { checkScreen } from './support/browser.ts';
import { startUiWorld } from './support/ui-world.ts';
import type { UiWorld } from './support/ui-world.ts';

let world: UiWorld;
before(async () => {
  world = await startUiWorld({ approvalWaitSeconds: 45 });
});
after(() => world?.close());

const ARMED_APPROVE = 'button[aria-keyshortcuts="Enter"]:not([disabled])';

test('the link\'s token is taken from the fragment, which leaves the address bar', async () => {
  await world.page.getByRole('button', { name: 'Kill switch' }).waitFor();
  assert.equal(world.page.url(), `http://127.0.0.1:${world.serve.port}/`);
  assert.equal(await world.page.evaluate(() => sessionStorage.length), 1);
  assert.deepEqual(await checkScreen(world.page, 'e2e-sessions-empty'), []);
});

test('a waiting call shows the prompt; a click approves and the agent gets the real result', async () => {
  const agent = await world.agent('Claude Code');
  const call = agent.call('echo', { message: 'hello from the agent' });
  const card = world.page.locator('.request-card');
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /Claude Code asks for access/);
  assert.match(text, /everything\s*Read only/);
  assert.match(text, /Triggered by\s*everything__echo/);
  assert.match(text, /hello from the agent/);
  await world.page.locator(ARMED_APPROVE).waitFor();
  assert.deepEqual(await checkScreen(world.page, 'e2e-prompt'), []);
  await world.page.locator(ARMED_APPROVE).click();
  assert.deepEqual(await call, { text: 'Echo: hello from the agent', isError: false });
  await card.waitFor({ state: 'detached' });
});

test('Enter approves, with the duration the person picked', async () => {
  const agent = await world.agent('Cursor');
  const call = agent.call('echo', { message: 'approved by keyboard' });
  await world.page.getByText('Cursor asks for access').waitFor();
  await world.page.getByRole('radio', { name: '5 min', exact: true }).check();
  await world.page.locator(ARMED_APPROVE).waitFor();
  await world.page.keyboard.press('Enter');
  assert.deepEqual(await call, { text: 'Echo: approved by keyboard', isError: false });
  const sessions = (await world.serve.api('GET', '/api/sessions')).body as { clientName: string; createdAt: number; expiresAt: number }[];
  const cursor = sessions.find((s) => s.clientName === 'Cursor');
  assert.equal(cursor && cursor.expiresAt - cursor.createdAt, 300_000);
});

test('Esc denies and the agent is told so', async () => {
  const agent = await world.agent('VS Code');
  const call = agent.call('echo', { message: 'please' });
  await world.page.getByText('VS Code asks for access').waitFor();
  await world.page.keyboard.press('Escape');
  const result = await call;
  assert.equal(result.isError, true);
  assert.match(result.text, /denied by the user/i);
});

test('sessions count down, activity shows every decision, connections and clients are listed', async () => {
  const { page } = world;
  await page.getByRole('tab', { name: /Sessions/ }).click();
  await page.locator('.session-card').nth(1).waitFor();
  const clocks = await page.locator('.session-list:not(.ended) .clock').allInnerTexts();
  assert.equal(clocks.length, 2);
  for (const clock of clocks) assert.match(clock, /^\d\d:\d\d$/);
  assert.deepEqual(await checkScreen(page, 'e2e-sessions'), []);

  await page.getByRole('tab', { name: 'Activity' }).click();
  await page.getByText(/Chain intact/).waitFor();
  const decisions = await page.locator('.activity-table tbody td:nth-child(2)').allInnerTexts();
  for (const kind of ['Asked', 'Approved', 'Allowed', 'Denied by you']) assert.ok(decisions.includes(kind), `${kind} in ${decisions.join(', ')}`);
  assert.equal(decisions[0], 'Denied by you', 'newest first');
  await page.getByLabel('Decision').selectOption('approved');
  assert.deepEqual(await page.locator('.activity-table tbody td:nth-child(3)').allInnerTexts(), ['Cursor', 'Claude Code']);
  await page.getByLabel('Decision').selectOption('');
  assert.deepEqual(await checkScreen(page, 'e2e-activity'), []);

  await page.getByRole('tab', { name: 'Connections' }).click();
  const row = page.locator('table tbody tr').filter({ hasText: 'everything' });
  await row.waitFor();
  const [, state, tools, read, write] = await row.locator('td').allInnerTexts();
  assert.match(state ?? '', /^running/);
  assert.equal(Number(tools), Number(read) + Number(write));
  assert.ok(Number(tools) > 5);
  assert.deepEqual(await checkScreen(page, 'e2e-connections'), []);
});

test('adding a client in the UI shows a config that really connects, once', async () => {
  const { page } = world;
  await page.getByRole('tab', { name: 'Clients' }).click();
  await page.getByLabel('New client name').fill('Zed');
  await page.getByRole('button', { name: 'Add client' }).click();
  const token = await page.locator('.added-client .secret').innerText();
  const mcpUrl = await page.locator('.added-client dd code').first().innerText();
  assert.equal(mcpUrl, world.serve.mcpUrl);
  assert.deepEqual(await checkScreen(page, 'e2e-client-added'), []);
  const zed = new Client({ name: 'zed', version: '1' });
  await zed.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  assert.ok((await zed.listTools()).tools.some((t) => t.name === 'everything__echo'));
  await zed.close();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('cell', { name: 'Zed' }).waitFor();
  assert.ok(!(await page.content()).includes(token));
  assert.deepEqual(await checkScreen(page, 'e2e-clients'), []);
});

test('without the token the page asks for it and refuses a wrong one', async () => {
  const page = await world.browser.newPage();
  try {
    await page.goto(`http://127.0.0.1:${world.serve.port}/`);
    const field = page.getByLabel('Control token');
    await field.fill('not-the-right-token-at-all');
    await field.press('Enter');
    await page.getByText('That token was refused.').waitFor();
    assert.deepEqual(await checkScreen(page, 'e2e-token'), []);
    await field.fill(world.serve.controlToken);
    await field.press('Enter');
    await page.getByRole('button', { name: 'Kill switch' }).waitFor();
  } finally {
    await page.close();
  }
});

test('no console errors and no CSP violations on the way', () => {
  assert.deepEqual(world.problems, []);
});
