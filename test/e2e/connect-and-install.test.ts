// Connect and Connect an agent in the web UI of a real `hallpass serve` (child process, tokens in a private GNOME
// Keyring, a fixture HOME): Connect on an OAuth connector shows the sign-in link, the browser completes the sign-in
// (oidc-provider), the row turns running; Connect an agent writes Cursor's file, whose token then works at /mcp.
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Browser, Page } from 'playwright-core';
import { keyringSession } from '../support/keyring-session.ts';
import { startOidcServer, type OidcServer } from '../support/oidc-server.ts';
import { startServeProcess, type ServeProcess } from '../support/serve-process.ts';
import { checkScreen, launchChromium, watchProblems } from './support/browser.ts';
import { ensureRendererBuilt } from './support/renderer-build.ts';

const keyring = await keyringSession(import.meta.filename);

describe('Connect and Connect an agent in the web UI', { skip: keyring ? false : 'needs Linux with gnome-keyring (a real Secret Service)', timeout: 90_000 }, () => {
  let as: OidcServer;
  let dir: string;
  let home: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const opened = () => readFile(join(dir, 'xdg-open.log'), 'utf8').catch(() => '');

  before(async () => {
    await ensureRendererBuilt();
    as = await startOidcServer({ scopes: ['https://www.googleapis.com/auth/drive'], accessTokenTtlSeconds: 600 });
    dir = await mkdtemp(join(tmpdir(), 'hallpass-e2e-connect-'));
    home = join(dir, 'home');
    await mkdir(join(home, '.cursor'), { recursive: true });
    // The system browser of this machine, as serve finds it on PATH: it only notes what it was asked to open.
    await mkdir(join(dir, 'bin'));
    await writeFile(join(dir, 'bin', 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" >> "${join(dir, 'xdg-open.log')}"\n`);
    await chmod(join(dir, 'bin', 'xdg-open'), 0o755);
    serve = await startServeProcess({ env: { PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
    const added = await serve.cli(['connect', 'add', 'google-drive', 'drive', '--client-id', as.publicClientId, '--issuer', as.issuer]);
    assert.equal(added.code, 0, added.stderr);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    problems = watchProblems(page);
    await page.goto(serve.uiLink);
  });

  after(async () => {
    await browser?.close();
    await serve?.stop();
    await as?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('Connect shows the sign-in link; signing in through it turns the row running', async () => {
    await page.getByRole('tab', { name: 'Connections' }).click();
    const row = page.locator('tbody tr').filter({ hasText: 'drive' });
    await row.getByText('needs-auth').waitFor();
    await row.getByRole('button', { name: 'Connect' }).click();
    const link = row.getByRole('link', { name: /Open sign-in page/ });
    await link.waitFor();
    const href = await link.getAttribute('href') ?? '';
    assert.ok(href.startsWith(`${as.issuer}/auth?`), href);
    assert.equal((await opened()).trim(), href, 'serve asked the system browser to open the same address');
    assert.deepEqual(await checkScreen(page, 'e2e-connect-waiting'), []);

    // The person follows the link: a new tab goes through the sign-in and lands on Hallpass' loopback answer.
    const [tab] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    await tab.getByText('Hallpass is connected').waitFor();
    await tab.close();
    await row.getByText('Signed in. Its tools are available to approved sessions.').waitFor({ timeout: 20_000 });
    assert.match(await row.locator('td').nth(1).innerText(), /^running/);
    assert.ok(Number(await row.locator('td').nth(2).innerText()) > 0, 'its tools are listed');
    assert.equal(await link.count(), 0);
    assert.deepEqual(await checkScreen(page, 'e2e-connect-done'), []);
    assert.deepEqual(problems, []);
  });

  test('Connect an agent writes Cursor\'s file; its token works and never reaches the page', async () => {
    await page.getByRole('tab', { name: 'Clients' }).click();
    const panel = page.getByRole('region', { name: 'Connect an agent' });
    await panel.getByRole('radio', { name: /Cursor\s*Not connected yet/ }).check();
    await panel.getByRole('button', { name: 'Review the change' }).click();
    const file = join(home, '.cursor', 'mcp.json');
    await panel.getByLabel(`Planned change to ${file}`).waitFor();
    await panel.getByRole('button', { name: 'Apply' }).click();
    await panel.getByRole('heading', { name: 'Cursor is connected to Hallpass' }).waitFor();
    assert.match(await panel.innerText(), new RegExp(`Written to\\s*${file.replaceAll('.', '\\.')}`));
    assert.deepEqual(await checkScreen(page, 'e2e-agent-done'), []);

    const entry = (JSON.parse(await readFile(file, 'utf8')) as { mcpServers: { hallpass: { url: string; headers: { Authorization: string } } } }).mcpServers.hallpass;
    assert.equal(entry.url, serve.mcpUrl);
    const cursor = new Client({ name: 'cursor', version: '1.0.0' });
    await cursor.connect(new StreamableHTTPClientTransport(new URL(entry.url), { requestInit: { headers: { Authorization: entry.headers.Authorization } } }));
    assert.ok((await cursor.listTools()).tools.some((t) => t.name.startsWith('drive__')), 'the agent sees the connected drive tools');
    await cursor.close();
    const token = entry.headers.Authorization.replace(/^Bearer /, '');
    assert.ok(!(await page.content()).includes(token), 'the token is not in the page');
    await page.getByRole('cell', { name: 'Cursor' }).waitFor();
    assert.deepEqual(problems, []);
  });
});
