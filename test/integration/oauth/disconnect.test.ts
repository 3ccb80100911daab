// Disconnect: RFC 7009 revocation at a real oidc-provider, then the keychain item is gone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connectOAuth } from '../../../main/core/connections/oauth/connect-oauth.ts';
import { createTokenSource } from '../../../main/core/connections/oauth/create-token-source.ts';
import { disconnectOAuth } from '../../../main/core/connections/oauth/disconnect-oauth.ts';
import type { OAuthSettings } from '../../../main/core/connections/oauth/oauth-settings.ts';
import { storeClientSecret } from '../../../main/core/connections/oauth/stored-grant.ts';
import { NeedsReauthorizationError } from '../../../main/core/connections/oauth/token-source.ts';
import { createMemoryVaultForTests } from '../../../main/core/vault/memory-vault.ts';
import { createHttpBrowser } from '../../support/oidc-browser.ts';
import { capturedLog, manualClock } from '../../support/oidc-harness.ts';
import { startOidcServer, type OidcServer } from '../../support/oidc-server.ts';

let as: OidcServer;
before(async () => {
  as = await startOidcServer();
});
after(() => as.close());

const base = (): OAuthSettings => ({
  connectionId: 'drive',
  clientId: as.publicClientId,
  server: { kind: 'discovery', issuer: as.issuer, algorithm: 'oidc' },
  scopes: ['openid', 'api.read'],
  allowInsecureLoopback: true,
});
const tokensOf = async (vault: ReturnType<typeof createMemoryVaultForTests>, id: string) =>
  ((await vault.get(id)) as { tokens: { accessToken: string; refreshToken: string } }).tokens;

test('disconnect revokes refresh and access token at the provider, then deletes the keychain item', async () => {
  const vault = createMemoryVaultForTests();
  const deps = { vault, clock: manualClock(), log: capturedLog() };
  await connectOAuth(base(), { ...deps, opener: createHttpBrowser().open });
  const tokens = await tokensOf(vault, 'drive');
  const source = createTokenSource(base(), deps);
  assert.equal(await source.accessToken(), tokens.accessToken);
  const revocationsBefore = as.revocations();

  assert.deepEqual(await disconnectOAuth(base(), deps), { connectionId: 'drive', revocation: 'revoked' });
  assert.equal(as.revocations() - revocationsBefore, 2);
  assert.equal(await as.refreshTokenActive(tokens.refreshToken), false);
  assert.equal(await as.accessTokenActive(tokens.accessToken), false);
  assert.equal(await vault.get('drive'), undefined);
  assert.deepEqual(vault.accounts(), []);

  // The token source of the running core learns it on reload: not connected any more.
  await source.reload();
  assert.equal(source.status(), 'needs-auth');
  await assert.rejects(source.accessToken(), NeedsReauthorizationError);
  assert.deepEqual(await disconnectOAuth(base(), deps), { connectionId: 'drive', revocation: 'nothing-stored' });
  source.dispose();
});

test('a stored client secret survives disconnect; only the tokens go', async () => {
  const vault = createMemoryVaultForTests();
  const deps = { vault, clock: manualClock(), log: capturedLog() };
  const settings = { ...base(), connectionId: 'sales', clientId: as.confidentialClient.id };
  await storeClientSecret(vault, 'sales', as.confidentialClient.secret);
  await connectOAuth(settings, { ...deps, opener: createHttpBrowser().open });
  const tokens = await tokensOf(vault, 'sales');
  assert.equal((await disconnectOAuth(settings, deps)).revocation, 'revoked');
  assert.equal(await as.refreshTokenActive(tokens.refreshToken), false);
  assert.deepEqual(await vault.get('sales'), { kind: 'oauth', clientSecret: as.confidentialClient.secret });
});

test('without a revocation endpoint, or when the provider is down, the local tokens are still deleted', async () => {
  const vault = createMemoryVaultForTests();
  const deps = { vault, clock: manualClock(), log: capturedLog() };
  const fixed: OAuthSettings = {
    ...base(),
    server: { kind: 'static', issuer: as.issuer, authorizationEndpoint: `${as.issuer}/auth`, tokenEndpoint: `${as.issuer}/token` },
  };
  await connectOAuth(fixed, { ...deps, opener: createHttpBrowser().open });
  assert.equal((await disconnectOAuth(fixed, deps)).revocation, 'not-offered');
  assert.equal(await vault.get('drive'), undefined);

  await connectOAuth(base(), { ...deps, opener: createHttpBrowser().open });
  const tokens = await tokensOf(vault, 'drive');
  const down = async (): Promise<Response> => {
    throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
  };
  const result = await disconnectOAuth(base(), { ...deps, fetch: down });
  assert.equal(result.revocation, 'failed');
  assert.match(result.detail ?? '', /ECONNREFUSED/);
  assert.ok(!JSON.stringify(result).includes(tokens.refreshToken));
  assert.equal(await vault.get('drive'), undefined);
  assert.match(deps.log.text(), /revocation failed/);
});
