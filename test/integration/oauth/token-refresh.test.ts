// The TokenSource against a real oidc-provider: refresh before expiry and after a 401, one refresh for many
// callers, rotation kept, and needs-auth when the provider refuses the refresh token.
import assert from 'node:assert/strict';
import * as oauth from 'oauth4webapi';
import { after, before, describe, test } from 'node:test';
import { connectOAuth } from '../../../main/core/connections/oauth/connect-oauth.ts';
import { createTokenSource } from '../../../main/core/connections/oauth/create-token-source.ts';
import type { OAuthSettings } from '../../../main/core/connections/oauth/oauth-settings.ts';
import { NeedsReauthorizationError } from '../../../main/core/connections/oauth/token-source.ts';
import { createMemoryVaultForTests } from '../../../main/core/vault/memory-vault.ts';
import { VaultUnavailableError } from '../../../main/core/vault/vault-types.ts';
import { createHttpBrowser } from '../../support/oidc-browser.ts';
import { capturedLog, countingFetch, manualClock } from '../../support/oidc-harness.ts';
import { startOidcServer, type OidcServer } from '../../support/oidc-server.ts';

let as: OidcServer;
before(async () => {
  as = await startOidcServer({ accessTokenTtlSeconds: 60 });
});
after(() => as.close());

interface Stored {
  tokens: { accessToken: string; refreshToken: string; expiresAt: number };
}

/** A connected grant: vault, clock, log, counting fetch, and its token source. */
async function connected(id = 'drive') {
  const vault = createMemoryVaultForTests();
  const clock = manualClock();
  const log = capturedLog();
  const http = countingFetch();
  const settings: OAuthSettings = {
    connectionId: id,
    clientId: as.publicClientId,
    server: { kind: 'discovery', issuer: as.issuer, algorithm: 'oidc' },
    scopes: ['openid', 'api.read'],
    keepTokenFields: ['scope'],
    allowInsecureLoopback: true,
  };
  await connectOAuth(settings, { vault, clock, log, opener: createHttpBrowser().open, fetch: http.fetch });
  const source = createTokenSource(settings, { vault, clock, log, fetch: http.fetch });
  const stored = async () => (await vault.get(id)) as unknown as Stored;
  const tokenRequests = () => http.count('/token');
  return { vault, clock, log, http, settings, source, stored, tokenRequests };
}

describe('createTokenSource', () => {
  test('a fresh token is served without a request; near expiry it is refreshed and the rotated refresh token kept', async () => {
    const c = await connected();
    const first = await c.stored();
    const before = c.tokenRequests();
    assert.equal(await c.source.accessToken(), first.tokens.accessToken);
    assert.equal(c.source.status(), 'ready');
    assert.equal(c.tokenRequests(), before, 'no request while the token is fresh');
    assert.match(c.source.extra('scope') ?? '', /api\.read/, 'a kept token-response field');
    assert.equal(c.source.extra('access_token'), undefined);

    c.clock.advance(first.tokens.expiresAt - c.clock.now() - 10_000); // 10 s before expiry: inside the refresh margin
    const renewed = await c.source.accessToken();
    assert.notEqual(renewed, first.tokens.accessToken);
    assert.ok(await as.accessTokenActive(renewed));
    const second = await c.stored();
    assert.equal(second.tokens.accessToken, renewed);
    assert.notEqual(second.tokens.refreshToken, first.tokens.refreshToken, 'the AS rotated the refresh token');
    assert.equal(c.tokenRequests(), before + 1);

    // The old refresh token is dead at the AS (reuse is refused).
    const meta = await oauth.processDiscoveryResponse(new URL(as.issuer), await oauth.discoveryRequest(new URL(as.issuer), { [oauth.allowInsecureRequests]: true }));
    const reuse = await oauth.refreshTokenGrantRequest(meta, { client_id: as.publicClientId }, oauth.None(), first.tokens.refreshToken, { [oauth.allowInsecureRequests]: true });
    await assert.rejects(oauth.processRefreshTokenResponse(meta, { client_id: as.publicClientId }, reuse), (e: unknown) => e instanceof oauth.ResponseBodyError && e.error === 'invalid_grant');
    c.source.dispose();
  });

  test('100 concurrent accessToken() after expiry make exactly one refresh request', async () => {
    const c = await connected();
    const { tokens } = await c.stored();
    c.clock.advance(tokens.expiresAt - c.clock.now() + 1_000);
    const grantsBefore = as.grants('refresh_token');
    const requestsBefore = c.tokenRequests();
    const all = await Promise.all(Array.from({ length: 100 }, () => c.source.accessToken()));
    assert.equal(new Set(all).size, 1);
    assert.notEqual(all[0], tokens.accessToken);
    assert.equal(c.tokenRequests() - requestsBefore, 1, 'one token request');
    assert.equal(as.grants('refresh_token') - grantsBefore, 1, 'one refresh at the AS');
    c.source.dispose();
  });

  test('two processes on one keychain: the second adopts the first one\'s rotated grant instead of spending a dead refresh token', async () => {
    const c = await connected();
    const other = createTokenSource(c.settings, { vault: c.vault, clock: c.clock, log: c.log, fetch: c.http.fetch });
    const { tokens } = await c.stored();
    assert.equal(await other.accessToken(), tokens.accessToken);
    c.clock.advance(tokens.expiresAt - c.clock.now() + 1_000);
    const before = c.tokenRequests();
    const renewed = await c.source.accessToken();
    assert.equal(await other.accessToken(), renewed, 'read from the keychain, not refreshed again');
    assert.equal(c.tokenRequests() - before, 1);
    assert.equal(other.status(), 'ready');
    other.dispose();
    c.source.dispose();
  });

  test('after a 401, 100 callers holding the refused token share one refresh; a stale token reuses the new one', async () => {
    const c = await connected();
    const rejected = await c.source.accessToken();
    const before = c.tokenRequests();
    const all = await Promise.all(Array.from({ length: 100 }, () => c.source.refreshAfterUnauthorized(rejected)));
    assert.equal(new Set(all).size, 1);
    assert.notEqual(all[0], rejected);
    assert.equal(c.tokenRequests() - before, 1);
    // A late caller with the old token gets the current one, no new refresh.
    assert.equal(await c.source.refreshAfterUnauthorized(rejected), all[0]);
    assert.equal(c.tokenRequests() - before, 1);
    c.source.dispose();
  });

  for (const [name, kill] of [
    ['an expired refresh token', (rt: string) => as.expireRefreshToken(rt)],
    ['a refresh token revoked at the provider', (rt: string) => revokeAtAs(rt)],
  ] as const) {
    test(`${name} → needs-auth: callers get NeedsReauthorizationError, no more requests, reconnecting heals it`, async () => {
      const c = await connected();
      const { tokens } = await c.stored();
      let changes = 0;
      c.source.onChange(() => void (changes += 1));
      await c.source.accessToken();
      await kill(tokens.refreshToken);
      c.clock.advance(tokens.expiresAt - c.clock.now() + 1_000);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => c.source.accessToken()));
      for (const r of results) {
        assert.equal(r.status, 'rejected');
        assert.ok(r.reason instanceof NeedsReauthorizationError);
        assert.match(r.reason.message, /needs re-authorization.*invalid_grant.*Reconnect/);
      }
      assert.equal(c.source.status(), 'needs-auth');
      assert.match(c.source.statusDetail() ?? '', /invalid_grant/);
      assert.ok(changes >= 1);
      const before = c.tokenRequests();
      await assert.rejects(c.source.accessToken(), NeedsReauthorizationError);
      await assert.rejects(c.source.refreshAfterUnauthorized(tokens.accessToken), NeedsReauthorizationError);
      assert.equal(c.tokenRequests(), before, 'a dead grant is not retried');

      await connectOAuth(c.settings, { vault: c.vault, clock: c.clock, log: c.log, opener: createHttpBrowser().open });
      const fresh = await c.source.accessToken();
      assert.equal(c.source.status(), 'ready');
      assert.ok(await as.accessTokenActive(fresh));
      c.source.dispose();
    });
  }

  test('a keychain that cannot be read: unavailable (not needs-auth), and the next call tries again', async () => {
    const memory = createMemoryVaultForTests();
    let locked = true;
    const vault = { ...memory, get: (account: string) => (locked ? Promise.reject(new VaultUnavailableError('keychain locked')) : memory.get(account)) };
    const source = createTokenSource(
      { connectionId: 'github', clientId: 'x', server: { kind: 'discovery', issuer: as.issuer, algorithm: 'oidc' }, scopes: [], allowInsecureLoopback: true },
      { vault, clock: manualClock(), log: capturedLog() },
    );
    await assert.rejects(source.accessToken(), VaultUnavailableError);
    assert.equal(source.status(), 'unavailable');
    locked = false;
    await assert.rejects(source.accessToken(), NeedsReauthorizationError);
    assert.equal(source.status(), 'needs-auth');
    source.dispose();
  });

  test('not connected yet → needs-auth right away', async () => {
    const source = createTokenSource(
      { connectionId: 'github', clientId: 'x', server: { kind: 'discovery', issuer: as.issuer, algorithm: 'oidc' }, scopes: [], allowInsecureLoopback: true },
      { vault: createMemoryVaultForTests(), clock: manualClock(), log: capturedLog() },
    );
    await assert.rejects(source.accessToken(), (e: unknown) => e instanceof NeedsReauthorizationError && /not connected yet/.test(e.message));
    assert.equal(source.status(), 'needs-auth');
    source.dispose();
  });

  test('a provider that issues no refresh token: a 401 means needs-auth, not a crash', async () => {
    const c = await connected();
    const record = (await c.vault.get('drive')) as { kind: string; tokens: Record<string, unknown> };
    delete record.tokens.refreshToken;
    delete record.tokens.expiresAt;
    await c.vault.set('drive', record as never);
    await c.source.reload();
    const token = await c.source.accessToken();
    c.clock.advance(10 * 24 * 3600_000);
    assert.equal(await c.source.accessToken(), token, 'no expiry known: used until refused');
    await assert.rejects(c.source.refreshAfterUnauthorized(token), /no refresh token/);
    assert.equal(c.source.status(), 'needs-auth');
    c.source.dispose();
  });
});

async function revokeAtAs(token: string): Promise<void> {
  const response = await fetch(`${as.issuer}/token/revocation`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, client_id: as.publicClientId, token_type_hint: 'refresh_token' }),
  });
  assert.equal(response.status, 200);
  assert.equal(await as.refreshTokenActive(token), false);
}
