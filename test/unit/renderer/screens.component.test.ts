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

test('activity: newest first, filters, chain state, exports', async () => {
  const { page, problems } = await harness.open();
  await inHarness(page, (h) => {
    const at = (s: number): number => h.START - 600_000 + s * 1000;
    const base = { clientId: 'cli_1', clientName: 'Claude Code', connection: 'everything', tool: 'echo' };
    h.fake.put({
      clients: [h.views.clientView({ id: 'cli_1', name: 'Claude Code' }), h.views.clientView({ id: 'cli_2', name: 'Cursor' })],
      connections: [h.views.connectionView({ id: 'everything' }), h.views.connectionView({ id: 'files', kind: 'remote', target: 'https://files.example.com/mcp', status: 'needs-auth', statusDetail: 'sign in required' })],
      audit: [
        h.views.auditRow({ seq: 1, kind: 'pending', at: at(1), ...base, access: 'write', reason: 'no session covers everything__echo' }),
        h.views.auditRow({ seq: 2, kind: 'approved', at: at(9), ...base, reason: '15 min' }),
        h.views.auditRow({ seq: 3, kind: 'allowed', at: at(10), ...base, access: 'write' }),
        h.views.auditRow({ seq: 4, kind: 'denied', at: at(20), clientId: 'cli_2', clientName: 'Cursor', connection: 'files', tool: 'read_file', access: 'read', reason: 'no active session' }),
        h.views.auditRow({ seq: 5, kind: 'kill', at: at(30), reason: 'kill switch: 1 session revoked' }),
      ],
      verify: { ok: true, rows: 5 },
    });
  });
  await page.getByRole('tab', { name: 'Activity' }).click();
  const table = page.locator('.activity-table');
  await table.waitFor();
  assert.deepEqual(await table.locator('tbody td:nth-child(2)').allInnerTexts(), ['Kill switch', 'Refused', 'Allowed', 'Approved', 'Asked']);
  assert.match(await page.locator('.chain-state').innerText(), /Chain intact · 5 rows/);
  assert.deepEqual(await checkScreen(page, 'harness-activity'), []);

  await page.getByLabel('Decision').selectOption('denied');
  assert.deepEqual(await table.locator('tbody td:nth-child(3)').allInnerTexts(), ['Cursor']);
  await page.getByLabel('Decision').selectOption('');
  await page.getByLabel('Connection').selectOption('everything');
  assert.equal(await table.locator('tbody tr').count(), 3);
  await page.getByLabel('Client').selectOption('cli_2');
  await page.getByText('Nothing recorded for these filters.').waitFor();
  await page.getByLabel('Time').selectOption('15m');
  const asked = await inHarness(page, (h) => h.fake.calls.filter((c) => c.method === 'audit').at(-1)?.args[0]);
  assert.deepEqual(asked, { limit: 500, since: 1_736_935_200_000 - 900_000, client: 'cli_2' });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^hallpass-audit-20250115-100000\.csv$/);
  assert.match(await (await file.createReadStream()).toArray().then((b) => Buffer.concat(b).toString()), /^seq,kind\n1,pending/);

  await inHarness(page, (h) => h.fake.put({ verify: { ok: false, rows: 5, firstBad: { seq: 3, reason: 'hash mismatch' } } }));
  await page.getByRole('button', { name: 'Verify again' }).click();
  await page.getByText('Chain broken at row 3: hash mismatch').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('connections show state, tool count and the read/write split', async () => {
  const { page } = await harness.open();
  await page.getByRole('tab', { name: 'Connections' }).click();
  await page.getByText('No connections yet.').waitFor();
  await inHarness(page, (h) => h.fake.put({
    connections: [
      h.views.connectionView({ id: 'everything', target: 'npx -y @modelcontextprotocol/server-everything' }),
      h.views.connectionView({ id: 'github', kind: 'oauth', target: 'https://api.github.com', status: 'needs-auth', statusDetail: 'Sign in to GitHub', tools: 0, readTools: 0, writeTools: 0 }),
      h.views.connectionView({ id: 'old', enabled: false, status: 'stopped' }),
    ],
  }));
  const rows = page.locator('table tbody tr');
  await rows.first().waitFor();
  assert.deepEqual(await rows.first().locator('td').allInnerTexts(), ['everything\nLocal server · npx -y @modelcontextprotocol/server-everything', 'running', '12', '7', '5', '']);
  assert.match(await rows.nth(1).innerText(), /needs-auth\s*Sign in to GitHub/);
  assert.match(await rows.nth(2).innerText(), /disabled/);
  assert.deepEqual(await checkScreen(page, 'harness-connections'), []);
  await page.close();
});

test('clients: adding one shows its config once, then never again', async () => {
  const { page, problems } = await harness.open();
  await inHarness(page, (h) => h.fake.put({ clients: [h.views.clientView({ id: 'cli_1', name: 'Claude Code' })] }));
  await page.getByRole('tab', { name: 'Clients' }).click();
  await page.getByRole('cell', { name: 'Claude Code' }).waitFor();
  assert.deepEqual(await checkScreen(page, 'harness-clients'), []);
  await page.getByLabel('New client name').fill('Cursor');
  await page.getByRole('button', { name: 'Add client' }).click();
  const panel = page.locator('.added-client');
  await panel.waitFor();
  const token = await panel.locator('.secret').innerText();
  assert.match(token, /^hp_/);
  assert.match(await panel.locator('pre').first().innerText(), new RegExp(`"Authorization": "Bearer ${token}"`));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'added-title');
  assert.deepEqual(await checkScreen(page, 'harness-client-added'), []);
  await page.getByRole('button', { name: 'Done' }).click();
  await panel.waitFor({ state: 'detached' });
  assert.ok(!(await page.content()).includes(token), 'the token is gone from the page');
  assert.equal(await page.getByRole('cell', { name: 'Cursor' }).count(), 1);

  await inHarness(page, (h) => h.fake.failNext('addClient', 'a client named "Cursor" already exists'));
  await page.getByLabel('New client name').fill('Cursor');
  await page.getByLabel('New client name').press('Enter');
  await page.getByRole('alert').filter({ hasText: 'already exists' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('without a token the page asks for one, accessibly', async () => {
  const { page, problems } = await harness.open('#token');
  const field = page.getByLabel('Control token');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'password');
  assert.match(await page.getByRole('alert').innerText(), /refused/);
  assert.deepEqual(await checkScreen(page, 'harness-token'), []);
  await field.fill('short');
  assert.equal(await page.getByRole('button', { name: 'Continue' }).isDisabled(), true);
  await field.fill('  a-real-looking-control-token-123  ');
  await field.press('Enter');
  assert.deepEqual(await page.evaluate(() => (window as unknown as { harness: { tokens: string[] } }).harness.tokens), ['a-real-looking-control-token-123']);
  assert.deepEqual(problems, []);
  await page.close();
});
