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

/** Opens the harness with sessions ending at START + each offset (ms). */
async function withSessions(offsets: number[]): Promise<{ page: Page; problems: string[] }> {
  const opened = await harness.open();
  await inHarness(opened.page, (h, ends: number[]) => {
    const names = ['Claude Code', 'Cursor', 'VS Code', 'Zed', 'Goose'];
    h.fake.put({
      sessions: ends.map((end, i) => h.views.sessionView({
        id: `ses_${i + 1}`,
        clientName: names[i % names.length] ?? 'Agent',
        task: i === 0 ? 'Triage the new GitHub issues and label them' : `Session task ${i + 1}`,
        grants: i === 0 ? [{ connection: 'github', access: 'write' }, { connection: 'drive', access: 'read', tools: ['search', 'read_file'] }] : [{ connection: 'everything', access: 'read' }],
        expiresAt: h.START + end,
        calls: i * 3,
      })),
    });
  }, offsets);
  await opened.page.locator('.session-card').first().waitFor();
  return opened;
}

const advance = (page: Page, ms: number): Promise<void> =>
  inHarness(page, (h, by: number) => h.timers.advance(by), ms).then(() => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r()))));

const clocks = (page: Page): Promise<string[]> => page.locator('.session-card .clock').allInnerTexts();

test('countdowns show mm:ss from the absolute expiry and each tick touches only their text', async () => {
  const { page, problems } = await withSessions([65_000, 600_000, 3_599_000, 30 * 60_000, 7_200_000]);
  assert.deepEqual(await clocks(page), ['01:05', '10:00', '30:00', '59:59', '2:00:00'], 'soonest first');
  await page.evaluate(() => {
    const seen: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target instanceof Element ? r.target : r.target.parentElement;
        seen.push(el?.closest('.clock') ? 'clock' : `${r.type}:${el?.outerHTML.slice(0, 80)}`);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    Object.assign(window, { seen, observer });
  });
  await advance(page, 1005); // ticks land just after each whole second
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen.splice(0));
  assert.ok(seen.length > 0 && seen.every((s) => s === 'clock'), `only countdown text changed: ${seen.join(' | ')}`);
  assert.deepEqual(await clocks(page), ['01:04', '09:59', '29:59', '59:58', '1:59:59']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the last minute is marked, zero means ended, and a sleep is caught up at once', async () => {
  const { page } = await withSessions([65_000, 600_000]);
  const first = page.locator('.session-card').first();
  assert.equal(await first.getAttribute('data-phase'), 'running');
  await advance(page, 6_000);
  assert.equal(await first.getAttribute('data-phase'), 'last-minute');
  assert.match(await first.innerText(), /Last minute/);
  assert.deepEqual(await checkScreen(page, 'harness-sessions'), []);
  await advance(page, 60_000);
  assert.equal(await first.getAttribute('data-phase'), 'ended');
  assert.match(await first.innerText(), /Expired/);
  assert.equal(await first.getByRole('button', { name: 'Revoke' }).count(), 0);
  // The machine sleeps 5 minutes without any timer firing, then the window becomes visible again.
  await inHarness(page, (h) => {
    h.timers.jump(300_000);
    document.dispatchEvent(new Event('visibilitychange'));
  });
  assert.deepEqual(await clocks(page), ['03:54']);
  await page.close();
});

test('revoke ends one session; extend asks the person again instead of extending', async () => {
  const { page } = await withSessions([600_000, 900_000]);
  await page.locator('.session-card').first().getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('heading', { name: 'Recently ended' }).waitFor();
  assert.match(await page.locator('.session-list.ended').innerText(), /Revoked/);
  await page.locator('.session-card').first().getByRole('button', { name: 'Extend…' }).click();
  await page.locator('.request-card').waitFor();
  assert.match(await page.locator('.request-card h2').innerText(), /Cursor asks for access/);
  const calls = await inHarness(page, (h) => h.fake.calls.filter((c) => c.method === 'revoke' || c.method === 'extend' || c.method === 'approve'));
  assert.deepEqual(calls, [{ method: 'revoke', args: ['ses_1'] }, { method: 'extend', args: ['ses_2'] }]);
  await page.close();
});

test('the kill switch is one click: everything ends and the locked-down banner explains re-arming', async () => {
  const { page, problems } = await withSessions([600_000, 900_000]);
  await inHarness(page, (h) => h.fake.put({ requests: [h.views.requestView({ id: 'req_9' }, h.START)] }));
  await page.locator('.request-card').waitFor();
  await page.getByRole('button', { name: /Kill switch/ }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'Locked down' });
  await banner.waitFor();
  assert.match(await banner.innerText(), /re-arm/i);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'lockdown-title');
  assert.equal(await page.locator('.request-card').count(), 0);
  assert.equal(await page.locator('.session-list:not(.ended) .session-card').count(), 0);
  assert.deepEqual(await checkScreen(page, 'harness-lockdown'), []);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await banner.waitFor({ state: 'detached' });
  assert.deepEqual(await inHarness(page, (h) => h.fake.calls.filter((c) => c.method === 'kill' || c.method === 'rearm').map((c) => c.method)), ['kill', 'rearm']);
  assert.deepEqual(problems, []);
  await page.close();
});
