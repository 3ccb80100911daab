// A remote MCP server protected by OAuth (SDK server auth helpers + oidc-provider), fronted end to end:
// needs-auth → connect (PRM, AS discovery, DCR, PKCE, resource) → tools → calls with the vault's token.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connectRemote } from '../../../main/core/connections/remote/connect-remote.ts';
import { disconnectRemote } from '../../../main/core/connections/remote/disconnect-remote.ts';
import { createRemoteConnection, type RemoteConnection } from '../../../main/core/connections/remote/remote-connection.ts';
import type { RemoteServerConfig } from '../../../main/core/model.ts';
import { createMemoryVaultForTests } from '../../../main/core/vault/memory-vault.ts';
import { firstText, waitForConnection, waitUntil } from '../../support/downstream-helpers.ts';
import { createHttpBrowser } from '../../support/oidc-browser.ts';
import { capturedLog, manualClock } from '../../support/oidc-harness.ts';
import { startOidcMcpServer, type OidcMcpServer } from '../../support/oidc-mcp-server.ts';

let server: OidcMcpServer;
before(async () => {
  server = await startOidcMcpServer({ accessTokenTtlSeconds: 300 });
});
after(() => server.close());

const signal = () => AbortSignal.timeout(15_000);
interface StoredRemote {
  client: { client_id: string };
  tokens: { access_token: string; refresh_token: string; expires_in: number };
  savedAt: number;
}

describe('remote MCP server with OAuth', () => {
  const vault = createMemoryVaultForTests();
  const clock = manualClock();
  const log = capturedLog();
  let config: RemoteServerConfig;
  let connection: RemoteConnection;
  const stored = async () => (await vault.get('remote')) as unknown as StoredRemote;

  before(() => {
    config = { kind: 'remote', id: 'remote', url: server.url, enabled: true, allowLoopback: true };
    connection = createRemoteConnection(config, { vault, clock, log });
  });
  after(() => connection.dispose());

  test('without a token: needs-auth, calls get a clear isError, nothing registered in the background', async () => {
    await waitForConnection(connection, (c) => c.status() === 'needs-auth', 'needs-auth');
    assert.match(connection.statusDetail() ?? '', /not connected yet.*hallpass connect remote/);
    assert.equal(server.as.registrations(), 0);
    const result = await connection.callTool('echo', { message: 'x' }, { signal: signal() });
    assert.equal(result.isError, true);
    assert.match(firstText(result), /needs authorization/);
  });

  test('connect: protected-resource metadata, discovery, registration, PKCE and resource, tokens into the vault', async () => {
    const browser = createHttpBrowser();
    const result = await connectRemote(config, { vault, clock, log, opener: browser.open });
    await browser.idle();
    assert.deepEqual(result, { connectionId: 'remote', authorized: true });
    const [opened] = browser.opened;
    assert.equal(opened!.searchParams.get('resource'), server.url);
    assert.equal(opened!.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(new URL(opened!.searchParams.get('redirect_uri')!).hostname, '127.0.0.1');
    assert.equal(browser.callbacks[0]!.status, 200);
    assert.equal(server.as.registrations(), 1);
    const record = await stored();
    assert.ok(record.tokens.access_token && record.tokens.refresh_token && record.client.client_id);
  });

  test('after connecting, tools are listed (classified) and a call carries the token from the vault', async () => {
    await connection.reconnect();
    await waitForConnection(connection, (c) => c.status() === 'running', 'running');
    const byName = Object.fromEntries(connection.tools().map((t) => [t.name, t.access]));
    assert.deepEqual(byName, { echo: 'read', whoami: 'read', 'debug-headers': 'write', 'wait-for-cancel': 'write' });
    const result = await connection.callTool('echo', { message: 'hello' }, { signal: signal() });
    assert.equal(firstText(result), 'echo: hello');
    const { tokens, client } = await stored();
    assert.equal(server.acceptedTokens.at(-1), tokens.access_token);
    assert.equal(JSON.parse(firstText(await connection.callTool('whoami', {}, { signal: signal() }))).clientId, client.client_id);
  });

  test('the token never reaches the agent, even from a server that echoes it', async () => {
    const { tokens } = await stored();
    const result = await connection.callTool('debug-headers', {}, { signal: signal() });
    const text = JSON.stringify(result);
    assert.ok(!text.includes(tokens.access_token));
    assert.match(text, /\[redacted\]/);
    assert.ok(!log.text().includes(tokens.access_token) && !log.text().includes(tokens.refresh_token));
  });

  test('aborting a call (revoke, kill) cancels it at the remote server', async () => {
    const controller = new AbortController();
    const call = connection.callTool('wait-for-cancel', {}, { signal: controller.signal });
    await waitUntil(() => server.waits.started === 1, 'the call to reach the server');
    controller.abort(new Error('session revoked'));
    await assert.rejects(call, /session revoked/);
    await waitUntil(() => server.waits.cancelled === 1, 'the server to see the cancellation');
  });

  test('near expiry, 20 concurrent calls share one refresh; the rotated refresh token is kept', async () => {
    const before = await stored();
    const refreshes = server.as.grants('refresh_token');
    clock.advance(before.savedAt + before.tokens.expires_in * 1000 - clock.now() - 5_000);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => connection.callTool('echo', { message: `m${i}` }, { signal: signal() })));
    results.forEach((r, i) => assert.equal(firstText(r), `echo: m${i}`));
    assert.equal(server.as.grants('refresh_token') - refreshes, 1);
    const after = await stored();
    assert.notEqual(after.tokens.access_token, before.tokens.access_token);
    assert.notEqual(after.tokens.refresh_token, before.tokens.refresh_token);
    assert.equal(server.acceptedTokens.at(-1), after.tokens.access_token);
    assert.equal(await server.as.refreshTokenActive(before.tokens.refresh_token), false);
  });

  test('a 401 (token revoked at the AS) triggers one refresh and the call succeeds', async () => {
    const before = await stored();
    await (await server.as.provider.AccessToken.find(before.tokens.access_token))!.destroy();
    const refused = server.refused();
    const result = await connection.callTool('echo', { message: 'after 401' }, { signal: signal() });
    assert.equal(firstText(result), 'echo: after 401');
    assert.ok(server.refused() > refused);
    assert.notEqual((await stored()).tokens.access_token, before.tokens.access_token);
  });

  test('a reconnect that fails half-way leaves the working authorization untouched', async () => {
    const before = await vault.get('remote');
    const browser = createHttpBrowser({ tamper: (u) => (u.searchParams.set('state', 'forged-state-0123456789'), u) });
    await assert.rejects(connectRemote(config, { vault, clock, log, opener: browser.open }), /unexpected state/);
    await browser.idle();
    assert.deepEqual(await vault.get('remote'), before);
    assert.equal(firstText(await connection.callTool('echo', { message: 'still' }, { signal: signal() })), 'echo: still');
  });

  test('a dead grant (refresh refused) → needs-auth with a clear isError; no silent re-registration', async () => {
    const before = await stored();
    await server.as.expireRefreshToken(before.tokens.refresh_token);
    await (await server.as.provider.AccessToken.find(before.tokens.access_token))!.destroy();
    const registrations = server.as.registrations();
    const result = await connection.callTool('echo', { message: 'x' }, { signal: signal() });
    assert.equal(result.isError, true);
    assert.match(firstText(result), /needs authorization: the server no longer accepts the stored authorization/);
    assert.equal(connection.status(), 'needs-auth');
    assert.equal(server.as.registrations(), registrations);
  });
});

test('connectRemote rejects a forged state and a wrong iss; no tokens are stored', async () => {
  const config: RemoteServerConfig = { kind: 'remote', id: 'forged', url: server.url, enabled: true, allowLoopback: true };
  for (const [tamper, expected] of [
    [(u: URL) => (u.searchParams.set('state', 'forged-state-0123456789'), u), /unexpected state/],
    [(u: URL) => (u.searchParams.set('iss', 'https://evil.example'), u), /Issuer mismatch/],
  ] as const) {
    const vault = createMemoryVaultForTests();
    const browser = createHttpBrowser({ tamper });
    const codes = server.as.grants('authorization_code');
    await assert.rejects(connectRemote(config, { vault, clock: manualClock(), log: capturedLog(), opener: browser.open }), expected);
    await browser.idle();
    assert.equal(browser.callbacks[0]!.status, 400);
    assert.equal(server.as.grants('authorization_code'), codes, 'the code was never redeemed');
    assert.equal(((await vault.get('forged')) as { tokens?: unknown } | undefined)?.tokens, undefined);
  }
});

test('disconnect revokes the remote grant at its authorization server and forgets it', async () => {
  const vault = createMemoryVaultForTests();
  const deps = { vault, clock: manualClock(), log: capturedLog() };
  const config: RemoteServerConfig = { kind: 'remote', id: 'gone', url: server.url, enabled: true, allowLoopback: true };
  await connectRemote(config, { ...deps, opener: createHttpBrowser().open });
  const { tokens } = (await vault.get('gone')) as unknown as StoredRemote;
  assert.ok(await server.as.accessTokenActive(tokens.access_token));
  assert.deepEqual(await disconnectRemote(config, deps), { connectionId: 'gone', revocation: 'revoked' });
  assert.equal(await server.as.refreshTokenActive(tokens.refresh_token), false);
  assert.equal(await server.as.accessTokenActive(tokens.access_token), false);
  assert.deepEqual(vault.accounts(), []);
  assert.deepEqual(await disconnectRemote(config, deps), { connectionId: 'gone', revocation: 'nothing-stored' });
});

test('a remote server that asks for no authorization connects without any', async () => {
  const open = await startOidcMcpServer({ unprotected: true });
  const vault = createMemoryVaultForTests();
  const config: RemoteServerConfig = { kind: 'remote', id: 'open', url: open.url, enabled: true, allowLoopback: true, overrides: { echo: 'write', 'debug-headers': 'read' } };
  const deps = { vault, clock: manualClock(), log: capturedLog() };
  let opened = false;
  try {
    assert.deepEqual(await connectRemote(config, { ...deps, opener: async () => void (opened = true) }), { connectionId: 'open', authorized: false });
    assert.equal(opened, false);
    const connection = createRemoteConnection(config, deps);
    try {
      await waitForConnection(connection, (c) => c.status() === 'running', 'running');
      const byName = Object.fromEntries(connection.tools().map((t) => [t.name, t.access]));
      assert.deepEqual(byName, { echo: 'write', whoami: 'read', 'debug-headers': 'read', 'wait-for-cancel': 'write' }, 'overrides win over annotations');
      assert.equal(firstText(await connection.callTool('echo', { message: 'open' }, { signal: signal() })), 'echo: open');
      assert.deepEqual(vault.accounts(), []);
    } finally {
      await connection.dispose();
    }
  } finally {
    await open.close();
  }
});
