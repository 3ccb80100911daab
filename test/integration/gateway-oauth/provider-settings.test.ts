// Each provider's documented OAuth endpoints, default scopes and client authentication, and the overrides IT and
// tests use (GitHub Enterprise, Salesforce sandboxes and My Domain, Snowflake accounts, a loopback test server).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { providerSettings } from '../../../main/core/connections/oauth/provider-settings.ts';
import type { OAuthConnectorConfig, OAuthProvider } from '../../../main/core/model.ts';

const config = (provider: OAuthProvider, over: Partial<OAuthConnectorConfig> = {}): OAuthConnectorConfig =>
  ({ kind: 'oauth', id: 'conn', provider, clientId: 'client-from-it', enabled: true, ...over });

test('Google Drive: discovery at accounts.google.com, full Drive scope, offline access, secret in the body', () => {
  const s = providerSettings(config('google-drive'));
  assert.deepEqual(s.server, { kind: 'discovery', issuer: 'https://accounts.google.com', algorithm: 'oidc' });
  assert.deepEqual(s.scopes, ['https://www.googleapis.com/auth/drive']);
  assert.deepEqual(s.authorizationParams, { access_type: 'offline', prompt: 'consent' });
  assert.equal(s.clientAuthMethod, 'client_secret_post');
  assert.equal(s.clientId, 'client-from-it');
  assert.equal(s.allowInsecureLoopback, undefined);
});

test('Salesforce: login.salesforce.com endpoints with revocation, refresh_token scope, instance_url kept', () => {
  const s = providerSettings(config('salesforce'));
  assert.deepEqual(s.server, {
    kind: 'static', issuer: 'https://login.salesforce.com',
    authorizationEndpoint: 'https://login.salesforce.com/services/oauth2/authorize',
    tokenEndpoint: 'https://login.salesforce.com/services/oauth2/token',
    revocationEndpoint: 'https://login.salesforce.com/services/oauth2/revoke',
  });
  assert.deepEqual(s.scopes, ['api', 'refresh_token']);
  assert.deepEqual(s.keepTokenFields, ['instance_url']);
  const sandbox = providerSettings(config('salesforce', { issuer: 'https://test.salesforce.com/' }));
  assert.equal(sandbox.server.kind === 'static' && sandbox.server.tokenEndpoint, 'https://test.salesforce.com/services/oauth2/token');
});

test('Snowflake: the account URL\'s /oauth endpoints (from --base-url or --issuer), basic client auth; no account is an error', () => {
  const s = providerSettings(config('snowflake', { baseUrl: 'https://acme-prod.snowflakecomputing.com' }));
  assert.deepEqual(s.server, {
    kind: 'static', issuer: 'https://acme-prod.snowflakecomputing.com',
    authorizationEndpoint: 'https://acme-prod.snowflakecomputing.com/oauth/authorize',
    tokenEndpoint: 'https://acme-prod.snowflakecomputing.com/oauth/token-request',
  });
  assert.deepEqual(s.scopes, ['refresh_token']);
  assert.equal(s.clientAuthMethod, 'client_secret_basic');
  const byIssuer = providerSettings(config('snowflake', { issuer: 'https://acme-prod.snowflakecomputing.com/some/path' }));
  assert.equal(byIssuer.server.issuer, 'https://acme-prod.snowflakecomputing.com');
  assert.throws(() => providerSettings(config('snowflake')), /no Snowflake account URL/);
});

test('GitHub: github.com/login/oauth endpoints (no revocation), repo scope; Enterprise Server on its own host', () => {
  const s = providerSettings(config('github'));
  assert.deepEqual(s.server, {
    kind: 'static', issuer: 'https://github.com',
    authorizationEndpoint: 'https://github.com/login/oauth/authorize',
    tokenEndpoint: 'https://github.com/login/oauth/access_token',
  });
  assert.deepEqual(s.scopes, ['repo']);
  const ghes = providerSettings(config('github', { issuer: 'https://git.corp.example', baseUrl: 'https://git.corp.example/api/v3' }));
  assert.equal(ghes.server.kind === 'static' && ghes.server.authorizationEndpoint, 'https://git.corp.example/login/oauth/authorize');
});

test('configured scopes replace the defaults; bad scopes and an empty client id are refused', () => {
  assert.deepEqual(providerSettings(config('github', { scopes: ['public_repo', 'read:org'] })).scopes, ['public_repo', 'read:org']);
  assert.deepEqual(providerSettings(config('github', { scopes: [] })).scopes, ['repo'], 'an empty list keeps the default');
  assert.throws(() => providerSettings(config('github', { scopes: ['has space'] })), /scope tokens/);
  assert.throws(() => providerSettings(config('github', { clientId: '' })), /clientId/);
});

test('plain http only to a loopback authorization server (development, tests), never elsewhere', () => {
  assert.equal(providerSettings(config('github', { issuer: 'http://127.0.0.1:8080' })).allowInsecureLoopback, true);
  assert.equal(providerSettings(config('google-drive', { issuer: 'http://localhost:9000' })).allowInsecureLoopback, true);
  assert.throws(() => providerSettings(config('github', { issuer: 'http://github.example' })), /authorization server of "conn" must use https/);
  assert.throws(() => providerSettings(config('snowflake', { baseUrl: 'http://acme.snowflakecomputing.com' })), /must use https/);
  assert.equal(providerSettings(config('github', { issuer: 'https://127.0.0.1:8443' })).allowInsecureLoopback, undefined);
});
