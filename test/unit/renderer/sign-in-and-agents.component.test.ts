// Connect / Disconnect on the Connections screen and "Connect an agent" on the Clients screen: the real UI over the
// fake bridge in Chromium, by keyboard where a person would use it, axe-clean in light and dark.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkScreen } from '../../e2e/support/browser.ts';
import { inHarness, startHarness } from './support/harness-page.ts';
import type { Harness } from './support/harness-page.ts';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness.close());

const focusedText = (page: import('playwright-core').Page): Promise<string | undefined> => page.evaluate(() => document.activeElement?.textContent ?? undefined);

test('Connect shows the sign-in link and a spinner until the connection runs; Disconnect asks first', async () => {
  const { page, problems } = await harness.open();
  await inHarness(page, (h) => h.fake.put({
    connections: [
      h.views.connectionView({ id: 'everything' }),
      h.views.connectionView({ id: 'drive', kind: 'oauth', target: 'google-drive', status: 'needs-auth', statusDetail: 'not connected yet; run `hallpass connect drive` (or Connect in the Hallpass window) to authorize it', tools: 0, readTools: 0, writeTools: 0 }),
      h.views.connectionView({ id: 'crm', kind: 'remote', target: 'https://crm.example.com/mcp', status: 'needs-auth', statusDetail: 'the server no longer accepts the stored authorization', tools: 0, readTools: 0, writeTools: 0 }),
    ],
  }));
  await page.getByRole('tab', { name: 'Connections' }).click();
  const drive = page.locator('tbody tr').filter({ hasText: 'drive' });
  const crm = page.locator('tbody tr').filter({ hasText: 'crm' });
  await drive.getByRole('button', { name: 'Connect' }).waitFor();
  assert.equal(await page.locator('tbody tr').filter({ hasText: 'everything' }).getByRole('button').count(), 0, 'a local server has nothing to sign in to');
  assert.deepEqual(await crm.getByRole('button').allInnerTexts(), ['Reconnect', 'Disconnect'], 'a lapsed authorization reads Reconnect');
  assert.deepEqual(await drive.getByRole('button').allInnerTexts(), ['Connect'], 'never connected: nothing to disconnect');

  await drive.getByRole('button', { name: 'Connect' }).focus();
  await page.keyboard.press('Enter');
  const link = drive.getByRole('link', { name: /Open sign-in page/ });
  await link.waitFor();
  assert.match(await link.getAttribute('href') ?? '', /^https:\/\/accounts\.example\.com\/o\/oauth2\/auth\?client_id=hallpass&state=s\d+$/);
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  assert.match(await drive.getByRole('status').innerText(), /Waiting for you to sign in…/);
  assert.equal(await drive.getByRole('button').count(), 0, 'no second sign-in while one waits');
  assert.deepEqual(await inHarness(page, (h) => h.fake.calls.filter((c) => c.method === 'connect').map((c) => c.args)), [['drive']]);
  assert.deepEqual(await checkScreen(page, 'harness-connect-waiting'), []);

  // Main finishes the flow: the row turns running, the link goes, the person hears it.
  await inHarness(page, (h) => h.fake.put({ connections: h.fake.state.connections.map((c) => (c.id === 'drive' ? { ...c, status: 'running', statusDetail: undefined, signIn: undefined, tools: 6, readTools: 3, writeTools: 3 } : c)) }));
  await drive.getByText('Signed in. Its tools are available to approved sessions.').waitFor();
  assert.equal(await link.count(), 0);
  assert.match(await drive.locator('td').nth(1).innerText(), /^running/);
  assert.deepEqual(await checkScreen(page, 'harness-connect-done'), []);

  // Disconnect asks first; Esc keeps everything; confirming revokes.
  await drive.getByRole('button', { name: 'Disconnect' }).click();
  const ask = drive.getByRole('group');
  await ask.waitFor();
  assert.match(await ask.innerText(), /Revoke Hallpass’ access to drive and delete its tokens from the keychain\?/);
  assert.equal(await focusedText(page), 'Cancel', 'the safe choice has the focus');
  assert.deepEqual(await checkScreen(page, 'harness-disconnect-confirm'), []);
  await page.keyboard.press('Escape');
  await ask.waitFor({ state: 'detached' });
  assert.equal(await focusedText(page), 'Disconnect', 'focus returns to the button');
  await page.keyboard.press('Enter');
  await drive.getByRole('group').getByRole('button', { name: 'Disconnect' }).click();
  await drive.getByRole('button', { name: 'Connect' }).waitFor();
  assert.equal(await focusedText(page), 'Connect', 'focus lands on what the row offers now');
  assert.deepEqual(await inHarness(page, (h) => h.fake.calls.filter((c) => c.method === 'disconnect').map((c) => c.args)), [['drive']]);

  // A refusal from main is shown as it is.
  await inHarness(page, (h) => h.fake.failNext('connect', 'a sign-in for "crm" is already waiting for the browser'));
  await crm.getByRole('button', { name: 'Reconnect' }).click();
  await page.getByRole('alert').filter({ hasText: 'already waiting for the browser' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('Connect an agent: choose the app and where, review the redacted plan, apply, then restart the app', async () => {
  const { page, problems } = await harness.open();
  await inHarness(page, (h) => {
    const base = { installed: true, state: 'not-connected' as const };
    h.fake.state.agents = [
      { client: 'claude-desktop', name: 'Claude Desktop', scopes: ['user'], file: '/home/sam/.config/Claude/claude_desktop_config.json', ...base },
      { client: 'cursor', name: 'Cursor', scopes: ['user', 'project'], file: '/home/sam/.cursor/mcp.json', ...base },
      { client: 'vscode', name: 'VS Code', scopes: ['user', 'project'], file: '/home/sam/.config/Code/User/mcp.json', installed: false, state: 'not-connected' },
      { client: 'claude-code', name: 'Claude Code', scopes: ['user', 'project'], file: '/home/sam/.claude.json', installed: true, state: 'connected' },
    ];
  });
  await page.getByRole('tab', { name: 'Clients' }).click();
  const panel = page.getByRole('region', { name: 'Connect an agent' });
  await panel.getByRole('radio', { name: /Cursor/ }).waitFor();
  assert.match(await panel.getByRole('radio', { name: /VS Code/ }).locator('xpath=..').innerText(), /Not found on this computer/);
  assert.match(await panel.getByRole('radio', { name: /Claude Code/ }).locator('xpath=..').innerText(), /Connected to Hallpass/);
  const review = panel.getByRole('button', { name: 'Review the change' });
  assert.equal(await review.isDisabled(), true, 'nothing chosen yet');
  await panel.getByRole('radio', { name: /Claude Desktop/ }).check();
  assert.equal(await panel.getByRole('radio', { name: 'In one project' }).isDisabled(), true, 'Claude Desktop has no project settings');
  assert.deepEqual(await checkScreen(page, 'harness-agent-choose'), []);

  await panel.getByRole('radio', { name: /Cursor/ }).check();
  await panel.getByRole('radio', { name: 'In one project' }).check();
  assert.equal(await review.isDisabled(), true, 'a project needs its folder');
  await panel.getByLabel('Project folder').fill('/home/sam/code/webapp');
  await review.click();
  const plan = panel.getByLabel('Planned change to /home/sam/code/webapp/.cursor/mcp.json');
  await plan.waitFor();
  assert.match(await plan.innerText(), /"Authorization": "Bearer \*\*\*"/);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H3', 'the new step has the focus');
  assert.match(await panel.innerText(), /Change\s*Adds a Hallpass entry/);
  assert.deepEqual(await checkScreen(page, 'harness-agent-plan'), []);

  await panel.getByRole('button', { name: 'Apply' }).click();
  await panel.getByRole('heading', { name: 'Cursor is connected to Hallpass' }).waitFor();
  const done = await panel.innerText();
  assert.match(done, /Written to\s*\/home\/sam\/code\/webapp\/\.cursor\/mcp\.json/);
  assert.match(done, /Backup\s*\/home\/sam\/code\/webapp\/\.cursor\/mcp\.json\.hallpass-backup-/);
  assert.match(done, /Reload Cursor's MCP servers \(or restart it\) to load the change\./);
  assert.deepEqual(await checkScreen(page, 'harness-agent-done'), []);
  const installs = await inHarness(page, (h) => h.fake.calls.filter((c) => c.method === 'installAgent').map((c) => c.args[0]));
  assert.deepEqual(installs, [
    { client: 'cursor', scope: 'project', projectDir: '/home/sam/code/webapp', dryRun: true },
    { client: 'cursor', scope: 'project', projectDir: '/home/sam/code/webapp' },
  ]);
  await page.getByRole('cell', { name: 'Cursor' }).waitFor();
  await panel.getByRole('button', { name: 'Done' }).click();
  await panel.getByRole('radio', { name: /Cursor.*Connected to Hallpass/ }).waitFor();

  // An app already connected: the review says so and offers nothing to apply.
  await panel.getByRole('radio', { name: /Claude Code/ }).check();
  await panel.getByRole('radio', { name: 'For all projects' }).check();
  await review.click();
  await panel.getByRole('heading', { name: 'Claude Code is already connected' }).waitFor();
  assert.equal(await panel.getByRole('button', { name: 'Apply' }).count(), 0);
  await panel.getByRole('button', { name: 'Done' }).click();

  await inHarness(page, (h) => h.fake.failNext('installAgent', 'Claude Desktop does not seem to be installed here (no /home/sam/.config/Claude); install it first'));
  await panel.getByRole('radio', { name: /Claude Desktop/ }).check();
  await review.click();
  await page.getByRole('alert').filter({ hasText: 'does not seem to be installed' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
