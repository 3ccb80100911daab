import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkScreen } from '../../e2e/support/browser.ts';
import { inHarness, startHarness } from './support/harness-page.ts';
import type { Harness } from './support/harness-page.ts';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness.close());

const APPROVE = 'button[aria-keyshortcuts="Enter"]';

/** Opens the harness with one (or more) pending requests and waits until approval is armed. */
async function withRequests(count: number): Promise<{ page: Page; problems: string[] }> {
  const opened = await harness.open();
  await inHarness(opened.page, (h, n: number) => {
    const requests = Array.from({ length: n }, (_, i) =>
      h.views.requestView({
        id: `req_${i + 1}`,
        clientName: ['Claude Code', 'Cursor', 'VS Code'][i] ?? 'Agent',
        task: i === 0 ? 'Send a test greeting through the everything server' : `Task number ${i + 1}`,
        grants: [{ connection: 'everything', access: 'write' }, { connection: 'files', access: 'read' }],
        trigger: { tool: 'everything__echo', argsSummary: '{"message":"hello from the agent","details":{"long":"' + 'x'.repeat(200) + '"}}' },
        minutes: i === 0 ? 15 : undefined,
        createdAt: h.START - 12_000 * (n - i),
      }, h.START));
    h.fake.put({ requests });
  }, count);
  await opened.page.locator(`${APPROVE}:not([disabled])`).waitFor();
  return opened;
}

const decisions = (page: Page): Promise<{ method: string; args: unknown[] }[]> =>
  inHarness(page, (h) => h.fake.calls.filter((c) => c.method === 'approve' || c.method === 'deny'));

test('the prompt says who, what, which scope, what triggered it and how long it waited', async () => {
  const { page, problems } = await withRequests(1);
  const card = page.locator('.request-card');
  const text = await card.innerText();
  assert.match(text, /Claude Code asks for access/);
  assert.match(text, /Send a test greeting through the everything server/);
  assert.match(text, /everything\s*Read & write/);
  assert.match(text, /files\s*Read only/);
  assert.match(text, /Triggered by\s*everything__echo/);
  assert.match(text, /Waiting 00:12/);
  assert.match(text, /the agent asked for 15 min/);
  assert.equal(await page.locator(APPROVE).innerText(), 'Approve for 15 min\nEnter');
  await card.locator('summary').click();
  assert.match(await card.locator('.args-full').innerText(), /x{200}/);
  await inHarness(page, (h) => h.timers.advance(3010));
  assert.match(await card.innerText(), /Waiting 00:15/);
  assert.deepEqual(await checkScreen(page, 'harness-prompt'), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Enter approves what the person narrowed to: read only, one connection, custom minutes', async () => {
  const { page } = await withRequests(1);
  await page.getByLabel('files').uncheck();
  await page.getByRole('radio', { name: 'Read only' }).check();
  await page.getByLabel('Custom duration in minutes').fill('7');
  await page.keyboard.press('Enter');
  await page.locator('.request-card').waitFor({ state: 'detached' });
  assert.deepEqual(await decisions(page), [{ method: 'approve', args: ['req_1', { ttlSeconds: 420, connections: ['everything'], access: 'read' }] }]);
  await page.close();
});

test('a click approves as asked; widening is impossible and the last connection cannot be dropped', async () => {
  const { page } = await withRequests(1);
  await page.getByLabel('files').uncheck();
  assert.equal(await page.getByLabel('everything').isDisabled(), true);
  assert.equal(await page.getByRole('radio', { name: /120|write, as asked/ }).count(), 1, 'only "as asked" or lower');
  assert.equal(await page.getByRole('radio', { name: '60 min', exact: true }).count(), 1);
  await page.getByLabel('Custom duration in minutes').fill('61');
  assert.match(await page.locator('.problem').innerText(), /1 to 60 minutes/);
  assert.equal(await page.locator(APPROVE).isDisabled(), true);
  await page.getByRole('radio', { name: '5 min', exact: true }).check();
  await page.locator(APPROVE).click();
  await page.locator('.request-card').waitFor({ state: 'detached' });
  assert.deepEqual(await decisions(page), [{ method: 'approve', args: ['req_1', { ttlSeconds: 300, connections: ['everything'] }] }]);
  await page.close();
});

test('Esc denies (even from a button elsewhere); Enter on the focused Deny button denies too', async () => {
  const { page } = await withRequests(2);
  await page.getByRole('tab', { name: 'Activity' }).focus();
  await page.keyboard.press('Escape');
  await page.getByText('Cursor asks for access').waitFor();
  await page.locator(`${APPROVE}:not([disabled])`).waitFor();
  await page.getByRole('button', { name: /^Deny/ }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.request-card').waitFor({ state: 'detached' });
  assert.deepEqual(await decisions(page), [{ method: 'deny', args: ['req_1'] }, { method: 'deny', args: ['req_2'] }]);
  await page.close();
});

test('keys meant for another control never decide a request', async () => {
  const { page } = await withRequests(1);
  await page.getByRole('tab', { name: 'Clients' }).click();
  const name = page.getByLabel('New client name');
  await name.fill('Cursor');
  await name.press('Escape');
  await name.press('Enter');
  await page.getByText('Cursor is registered').waitFor();
  assert.deepEqual(await decisions(page), []);
  assert.equal(await page.locator('.request-card').count(), 1);
  await page.close();
});

test('several pending requests queue visibly, oldest first, and can be picked', async () => {
  const { page } = await withRequests(3);
  assert.match(await page.locator('.eyebrow').innerText(), /1 of 3/i);
  const queue = page.getByRole('navigation', { name: 'Waiting requests' });
  assert.deepEqual((await queue.locator('.client-name').allInnerTexts()), ['Claude Code', 'Cursor', 'VS Code']);
  await queue.getByRole('button', { name: /Cursor/ }).click();
  await page.getByText('Cursor asks for access').waitFor();
  assert.match(await page.locator('.eyebrow').innerText(), /2 of 3/i);
  assert.deepEqual(await checkScreen(page, 'harness-prompt-queue'), []);
  await page.close();
});
