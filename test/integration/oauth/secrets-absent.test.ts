// Secrets stay in the vault: every access token, refresh token and client secret of a full run (native OAuth
// and a remote MCP server, through refresh, 401, dead grants and disconnect) is searched for in the logs, the
// console, error messages, statuses, browser pages, return values, tool results and files on disk. Real keychain.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { connectOAuth } from '../../../main/core/connections/oauth/connect-oauth.ts';
import { createTokenSource } from '../../../main/core/connections/oauth/create-token-source.ts';
import { disconnectOAuth } from '../../../main/core/connections/oauth/disconnect-oauth.ts';
import type { OAuthSettings } from '../../../main/core/connections/oauth/oauth-settings.ts';
import { storeClientSecret } from '../../../main/core/connections/oauth/stored-grant.ts';
import { connectRemote } from '../../../main/core/connections/remote/connect-remote.ts';
import { createRemoteConnection } from '../../../main/core/connections/remote/remote-connection.ts';
import { createKeyringVault } from '../../../main/core/vault/keyring-vault.ts';
import type { VaultJson } from '../../../main/core/vault/vault-types.ts';
import { waitForConnection } from '../../support/downstream-helpers.ts';
import { keyringSession } from '../../support/keyring-session.ts';
import { createHttpBrowser, type HttpBrowser } from '../../support/oidc-browser.ts';
import { capturedLog, manualClock } from '../../support/oidc-harness.ts';
import { startOidcMcpServer } from '../../support/oidc-mcp-server.ts';

const keyring = await keyringSession(import.meta.filename);
const dataDir = mkdtempSync(join(tmpdir(), 'hallpass-secrets-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('no secret appears anywhere but the keychain', { skip: keyring ? false : 'needs Linux with gnome-keyring (a real Secret Service)' }, async () => {
  // A small threshold so these items are envelope-encrypted and the files on disk are checked too.
  const vault = createKeyringVault({ dataDir, envelopeThresholdBytes: 256 });
  const clock = manualClock();
  const log = capturedLog();
  const secrets = new Set<string>();
  const outputs: unknown[] = [];
  const browsers: HttpBrowser[] = [];
  const console_: string[] = [];
  const restore = { warn: console.warn, error: console.error, log: console.log };
  console.warn = (...args: unknown[]) => void console_.push(args.map(String).join(' '));
  console.error = (...args: unknown[]) => void console_.push(args.map(String).join(' '));
  console.log = (...args: unknown[]) => void console_.push(args.map(String).join(' '));

  /** Every string value under a secret-looking key of a vault item. */
  const harvest = async (id: string): Promise<void> => {
    const walk = (v: VaultJson | undefined, key = ''): void => {
      if (typeof v === 'string' && /token|secret/i.test(key)) secrets.add(v);
      else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk((await vault.get(id)) ?? undefined);
  };
  const browser = (): ((url: URL) => Promise<void>) => {
    const b = createHttpBrowser();
    browsers.push(b);
    return b.open;
  };
  const attempt = async (op: () => Promise<unknown>): Promise<void> => {
    try {
      outputs.push(await op());
    } catch (error) {
      outputs.push({ error: String(error), cause: String((error as Error).cause) });
    }
  };

  const server = await startOidcMcpServer({ accessTokenTtlSeconds: 300 });
  try {
    // Native OAuth: a confidential client (secret in the vault), connect, refresh, 401, dead grant, disconnect.
    const as = server.as;
    const settings: OAuthSettings = {
      connectionId: 'sales',
      clientId: as.confidentialClient.id,
      server: { kind: 'discovery', issuer: as.issuer, algorithm: 'oidc' },
      scopes: ['openid', 'offline_access'],
      allowInsecureLoopback: true,
    };
    secrets.add(as.confidentialClient.secret);
    await storeClientSecret(vault, 'sales', as.confidentialClient.secret);
    await attempt(() => connectOAuth(settings, { vault, clock, log, opener: browser() }));
    await harvest('sales');
    const source = createTokenSource(settings, { vault, clock, log });
    outputs.push(source.statusDetail(), source.extra('scope'));
    // accessToken() hands the token to the connector that sends it: by design, so its value is not an "output".
    await source.refreshAfterUnauthorized(await source.accessToken());
    await harvest('sales');
    clock.advance(3600_000);
    await source.accessToken();
    await harvest('sales');
    const record = (await vault.get('sales')) as { tokens: { refreshToken: string } };
    await as.expireRefreshToken(record.tokens.refreshToken);
    clock.advance(3600_000);
    await attempt(() => source.accessToken());
    outputs.push(source.status(), source.statusDetail());
    await attempt(() => connectOAuth(settings, { vault, clock, log, opener: browser() }));
    await harvest('sales');
    await attempt(() => connectOAuth(settings, { vault, clock, log, opener: createHttpBrowser({ tamper: (u) => (u.searchParams.set('state', 'forged-0123456789abcdef'), u) }).open }));
    await attempt(() => disconnectOAuth(settings, { vault, log }));
    source.dispose();

    // Remote MCP server: connect, calls (one echoes the token), refresh, dead grant.
    const config = { kind: 'remote' as const, id: 'remote', url: server.url, enabled: true, allowLoopback: true };
    await attempt(() => connectRemote(config, { vault, clock, log, opener: browser() }));
    await harvest('remote');
    const connection = createRemoteConnection(config, { vault, clock, log });
    try {
      await waitForConnection(connection, (c) => c.status() === 'running', 'running');
      const signal = AbortSignal.timeout(15_000);
      await attempt(() => connection.callTool('echo', { message: 'hi' }, { signal }));
      await attempt(() => connection.callTool('debug-headers', {}, { signal }));
      clock.advance(3600_000);
      await attempt(() => connection.callTool('debug-headers', {}, { signal }));
      await harvest('remote');
      const remote = (await vault.get('remote')) as { tokens: { access_token: string; refresh_token: string } };
      await as.expireRefreshToken(remote.tokens.refresh_token);
      await (await as.provider.AccessToken.find(remote.tokens.access_token))!.destroy();
      await attempt(() => connection.callTool('echo', { message: 'dead' }, { signal }));
      outputs.push(connection.status(), connection.statusDetail(), connection.tools());
    } finally {
      await connection.dispose();
    }
    for (const token of server.acceptedTokens) secrets.add(token);
  } finally {
    console.warn = restore.warn;
    console.error = restore.error;
    console.log = restore.log;
    await server.close();
  }
  await Promise.all(browsers.map((b) => b.idle()));

  const secretList = [...secrets].filter((s) => s.length >= 8);
  assert.ok(secretList.length >= 8, `the run produced secrets to look for (${secretList.length})`);
  const files = readdirSync(join(dataDir, 'vault'), { recursive: true, encoding: 'utf8' }).map((f) => readFileSync(join(dataDir, 'vault', f), 'utf8'));
  const places: Record<string, string> = {
    log: log.text(),
    console: console_.join('\n'),
    outputs: JSON.stringify(outputs),
    'browser pages and URLs': JSON.stringify(browsers.map((b) => ({ opened: b.opened.map(String), callbacks: b.callbacks.map((c) => ({ ...c, url: String(c.url) })) }))),
    'files in the data dir': files.join('\n'),
  };
  for (const [place, text] of Object.entries(places)) {
    for (const secret of secretList) {
      const at = text.indexOf(secret);
      assert.ok(at < 0, `a secret appeared in ${place}: …${text.slice(Math.max(0, at - 80), at).replaceAll(secret, '<secret>')}<secret>…`);
    }
  }
  // The run went where it should: connected, refused the dead grant, reconnected, disconnected, called the remote server.
  for (const expected of [/"refreshable":true/, /invalid_grant/, /"revocation":"revoked"/, /"authorized":true/, /echo: hi/, /unexpected \\"state\\"/]) {
    assert.match(places.outputs!, expected);
  }
  assert.ok(files.length > 0, 'envelope files were written (and checked)');
  assert.match(places.outputs!, /\[redacted\]/, 'the echoing tool was called and redacted');
});
