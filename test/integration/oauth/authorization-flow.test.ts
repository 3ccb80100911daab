// Authorization code + PKCE against a real oidc-provider, driven over HTTP in place of the person's browser.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connectOAuth } from '../../../main/core/connections/oauth/connect-oauth.ts';
import type { OAuthSettings } from '../../../main/core/connections/oauth/oauth-settings.ts';
import { storeClientSecret } from '../../../main/core/connections/oauth/stored-grant.ts';
import { createMemoryVaultForTests } from '../../../main/core/vault/memory-vault.ts';
import { createHttpBrowser } from '../../support/oidc-browser.ts';
import { capturedLog, manualClock } from '../../support/oidc-harness.ts';
import { startOidcServer, type OidcServer } from '../../support/oidc-server.ts';

let as: OidcServer;
before(async () => {
  as = await startOidcServer();
});
after(() => as.close());

const settings = (over: Partial<OAuthSettings> = {}): OAuthSettings => ({
  connectionId: 'drive',
  clientId: as.publicClientId,
  server: { kind: 'discovery', issuer: as.issuer, algorithm: 'oidc' },
  scopes: ['openid', 'api.read'],
  allowInsecureLoopback: true,
  ...over,
});

const deps = (opener: (url: URL) => Promise<void>) => ({ vault: createMemoryVaultForTests(), clock: manualClock(), log: capturedLog(), opener, timeoutMs: 15_000 });

const storedTokens = async (vault: ReturnType<typeof createMemoryVaultForTests>, id = 'drive') =>
  ((await vault.get(id)) as { tokens?: { accessToken: string; refreshToken?: string; expiresAt?: number; issuer: string } } | undefined)?.tokens;

describe('connectOAuth', () => {
  test('full code + PKCE flow: loopback redirect, S256, tokens to the vault, listener closed', async () => {
    const browser = createHttpBrowser();
    const d = deps(browser.open);
    const result = await connectOAuth(settings(), d);
    await browser.idle();
    const [opened] = browser.opened;
    assert.equal(opened!.searchParams.get('code_challenge_method'), 'S256');
    assert.match(opened!.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(opened!.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{20,}$/);
    const redirect = new URL(opened!.searchParams.get('redirect_uri')!);
    assert.equal(redirect.hostname, '127.0.0.1');
    assert.notEqual(redirect.port, '');
    assert.equal(browser.callbacks[0]!.status, 200);
    assert.equal(browser.callbacks[0]!.url.searchParams.get('iss'), as.issuer, 'the AS sent iss (RFC 9207)');

    const tokens = await storedTokens(d.vault);
    assert.ok(tokens?.accessToken && tokens.refreshToken);
    assert.equal(tokens.issuer, as.issuer);
    assert.ok(await as.accessTokenActive(tokens.accessToken));
    assert.deepEqual(Object.keys(result).sort(), ['connectionId', 'expiresAt', 'refreshable', 'scope']);
    assert.equal(result.refreshable, true);
    // The listener served one callback and closed.
    await assert.rejects(fetch(redirect, { signal: AbortSignal.timeout(5_000) }));
  });

  test('a confidential client authenticates with the secret kept in the vault', async () => {
    const d = deps(createHttpBrowser().open);
    const s = settings({ connectionId: 'sales', clientId: as.confidentialClient.id });
    await assert.rejects(connectOAuth(s, d), (error: Error) => /invalid_client/.test(error.message) && !error.message.includes(as.confidentialClient.secret));
    await storeClientSecret(d.vault, 'sales', as.confidentialClient.secret);
    await connectOAuth(s, d);
    const record = (await d.vault.get('sales')) as { clientSecret: string; tokens: { accessToken: string } };
    assert.equal(record.clientSecret, as.confidentialClient.secret);
    assert.ok(await as.accessTokenActive(record.tokens.accessToken));
  });

  test('fixed endpoints (no discovery, like GitHub) work too', async () => {
    const d = deps(createHttpBrowser().open);
    const s = settings({
      server: { kind: 'static', issuer: as.issuer, authorizationEndpoint: `${as.issuer}/auth`, tokenEndpoint: `${as.issuer}/token`, revocationEndpoint: `${as.issuer}/token/revocation` },
      scopes: ['api.read'],
    });
    await connectOAuth(s, d);
    assert.ok(await storedTokens(d.vault));
  });

  for (const [name, tamper, expected] of [
    ['a wrong state', (u: URL) => (u.searchParams.set('state', 'forged-state-value-0123456789'), u), /state/],
    ['a wrong iss (mix-up attack)', (u: URL) => (u.searchParams.set('iss', 'https://evil.example'), u), /iss/],
    ['a missing iss although the AS always sends it', (u: URL) => (u.searchParams.delete('iss'), u), /iss/],
    ['an error answer (access_denied)', (u: URL) => new URL(`${u.origin}${u.pathname}?error=access_denied&state=${u.searchParams.get('state')}&iss=${encodeURIComponent(u.searchParams.get('iss')!)}`), /access_denied/],
  ] as const) {
    test(`${name} is rejected: no code is redeemed, nothing stored`, async () => {
      const browser = createHttpBrowser({ tamper });
      const d = deps(browser.open);
      const codesBefore = as.grants('authorization_code');
      await assert.rejects(connectOAuth(settings(), d), (error: Error) => error.name === 'OAuthFlowError' && expected.test(error.message));
      await browser.idle();
      assert.equal(as.grants('authorization_code'), codesBefore);
      assert.equal(await d.vault.get('drive'), undefined);
      assert.equal(browser.callbacks[0]!.status, 400);
    });
  }

  test('no answer from the browser: times out and closes the listener', async () => {
    let redirect: URL | undefined;
    const d = { ...deps(async (url: URL) => void (redirect = new URL(url.searchParams.get('redirect_uri')!))), timeoutMs: 300 };
    await assert.rejects(connectOAuth(settings(), d), /no answer from the browser/);
    await assert.rejects(fetch(redirect!, { signal: AbortSignal.timeout(5_000) }));
  });

  test('a browser that cannot be opened fails the flow with the reason', async () => {
    const d = deps(async () => {
      throw new Error('no display');
    });
    await assert.rejects(connectOAuth(settings(), d), /no display/);
  });

  test('http to a non-loopback host, or http without the development switch, is refused before any browser opens', async () => {
    let opened = false;
    const d = deps(async () => void (opened = true));
    await assert.rejects(connectOAuth(settings({ allowInsecureLoopback: false }), d), /must use https/);
    await assert.rejects(connectOAuth(settings({ server: { kind: 'discovery', issuer: 'http://example.com', algorithm: 'oidc' } }), d), /must use https/);
    assert.equal(opened, false);
  });

  test('settings cannot override the flow parameters or keep secret token fields', async () => {
    const d = deps(createHttpBrowser().open);
    await assert.rejects(connectOAuth(settings({ authorizationParams: { redirect_uri: 'https://evil.example/cb' } }), d), /set by Hallpass itself/);
    await assert.rejects(connectOAuth(settings({ keepTokenFields: ['refresh_token'] }), d), /is a secret/);
  });
});
