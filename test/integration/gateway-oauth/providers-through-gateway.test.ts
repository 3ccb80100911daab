// Built-in OAuth connectors end to end. The real CLI registers GitHub, Salesforce, Snowflake and Google Drive connectors
// and signs in (a stand-in browser drives oidc-provider behind each provider's documented OAuth paths, or found by OIDC
// discovery for Google; tokens go to a real GNOME Keyring); the running serve picks them up; an SDK agent uses them through the gate; refresh, revocation and
// disconnect behave; and no access token, refresh token or client secret shows up anywhere outside the keychain.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/client';
import type { ConnectionView, RequestView } from '../../../main/core/control/schemas.ts';
import { dataFiles } from '../../../main/core/paths/data-dir.ts';
import { createKeyringVault } from '../../../main/core/vault/keyring-vault.ts';
import type { Vault } from '../../../main/core/vault/vault-types.ts';
import { startGitHubFixture, type GitHubFixture } from '../../support/fixture-github.ts';
import { startGoogleDriveFixture, type GoogleDriveFixture } from '../../support/fixture-google-drive.ts';
import { startSalesforceFixture, type SalesforceFixture } from '../../support/fixture-salesforce.ts';
import { startSnowflakeFixture, type SnowflakeFixture } from '../../support/fixture-snowflake.ts';
import { keyringSession } from '../../support/keyring-session.ts';
import { startOidcServer, type OidcServer } from '../../support/oidc-server.ts';
import { startOAuthGateway, textOf, type OAuthGateway } from './oauth-gateway.ts';
import { GITHUB_OAUTH_PATHS, SALESFORCE_OAUTH_PATHS, SNOWFLAKE_OAUTH_PATHS, startProviderFront, type ProviderFront } from './provider-front.ts';

const keyring = await keyringSession(import.meta.filename);

interface StoredGrant {
  clientSecret?: string;
  tokens?: { accessToken: string; refreshToken?: string; extras: Record<string, string> };
}

describe('OAuth connectors through the gateway', { skip: keyring ? false : 'needs Linux with gnome-keyring (a real Secret Service)' }, () => {
  let as: OidcServer;
  let github: GitHubFixture;
  let salesforce: SalesforceFixture;
  let snowflake: SnowflakeFixture;
  let drive: GoogleDriveFixture;
  let fronts: { gh: ProviderFront; sf: ProviderFront; snow: ProviderFront; drive: ProviderFront };
  let gw: OAuthGateway;
  let vault: Vault;
  let agent: Client;
  /** The authorization address each `hallpass connect` printed. */
  const printed = new Map<string, URL>();
  const stored = async (id: string) => ((await vault.get(id)) ?? {}) as StoredGrant;
  const status = async (id: string): Promise<ConnectionView> => {
    const view = await gw.connection(id);
    assert.ok(view, `connection ${id} is listed`);
    return view;
  };

  before(async () => {
    as = await startOidcServer({ accessTokenTtlSeconds: 600, scopes: ['repo', 'api', 'refresh_token', 'https://www.googleapis.com/auth/drive'] });
    [github, salesforce, snowflake, drive] = await Promise.all([startGitHubFixture(), startSalesforceFixture(), startSnowflakeFixture(), startGoogleDriveFixture()]);
    fronts = {
      gh: await startProviderFront({ as, fixture: github, oauthPaths: GITHUB_OAUTH_PATHS }),
      sf: await startProviderFront({ as, fixture: salesforce, oauthPaths: SALESFORCE_OAUTH_PATHS, tokenExtras: (url) => ({ instance_url: url }) }),
      snow: await startProviderFront({ as, fixture: snowflake, oauthPaths: SNOWFLAKE_OAUTH_PATHS }),
      // Google's authorization server is found by discovery (here: oidc-provider itself); the front is its API only.
      drive: await startProviderFront({ as, fixture: drive, oauthPaths: {} }),
    };
    gw = await startOAuthGateway();
    vault = createKeyringVault({ dataDir: gw.dataDir });
    agent = await gw.agent('claude');
  });

  after(async () => {
    await gw?.close();
    await Promise.all(Object.values(fronts ?? {}).map((front) => front.close()));
    await Promise.all([github?.close(), salesforce?.close(), snowflake?.close(), drive?.close(), as?.close()]);
  });

  test('`connect add` registers connectors (secret to the keychain); the running serve shows them as needs-auth', async () => {
    const secret = as.confidentialClient.secret;
    const runs = [
      await gw.cli(['connect', 'add', 'github', 'gh', '--client-id', as.publicClientId, '--issuer', fronts.gh.url, '--base-url', fronts.gh.url]),
      await gw.cli(['connect', 'add', 'salesforce', 'sf', '--client-id', as.publicClientId, '--issuer', fronts.sf.url]),
      await gw.cli(['connect', 'add', 'snowflake', 'snow', '--client-id', as.confidentialClient.id, '--base-url', fronts.snow.url, '--client-secret-stdin'], `${secret}\n`),
      await gw.cli(['connect', 'add', 'google-drive', 'drive', '--client-id', as.publicClientId, '--issuer', as.issuer, '--base-url', fronts.drive.url]),
    ];
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    assert.match(runs[2]!.stdout, /client secret in the OS keychain/);
    assert.equal((await stored('snow')).clientSecret, secret);
    for (const id of ['gh', 'sf', 'snow', 'drive']) {
      await gw.until(async () => (await gw.connection(id))?.status === 'needs-auth', `${id} needs-auth`);
      const view = await status(id);
      assert.match(view.statusDetail ?? '', new RegExp(`not connected yet; run \`hallpass connect ${id}\``));
    }
    // Listing is not permission: the tools are listed before anyone connected.
    const names = (await agent.listTools()).tools.map((t) => t.name);
    for (const name of ['gh__list_issues', 'gh__create_issue', 'sf__soql_query', 'snow__query', 'drive__search_files']) assert.ok(names.includes(name), name);
  });

  test('a call before connecting: the agent is told to connect, no request is opened, nothing reaches GitHub', async () => {
    const result = await gw.call(agent, 'gh__list_issues', { owner: 'octo', repo: 'hello' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /gh is needs-auth \(not connected yet; run `hallpass connect gh`/);
    assert.deepEqual(await gw.api('GET', '/api/requests'), []);
    assert.equal(github.requests.length, 0);
  });

  test('`hallpass connect` signs in through the browser; the running serve uses it without a restart', async () => {
    for (const id of ['gh', 'sf', 'snow', 'drive'] as const) {
      const run = await gw.cli(['connect', id]);
      assert.equal(run.code, 0, `${run.stderr}\nbrowser: ${gw.browserLog()}`);
      const address = new URL(/(http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(run.stdout)?.[1] ?? 'http://missing');
      printed.set(id, address);
      assert.equal(address.origin, id === 'drive' ? as.issuer : fronts[id].url, 'the address is printed for headless use');
      assert.equal(address.searchParams.get('code_challenge_method'), 'S256');
      assert.match(run.stdout, new RegExp(`shows "${id}" as running`));
      assert.equal((await status(id)).status, 'running');
      assert.ok((await stored(id)).tokens?.refreshToken, `${id} has a refresh token in the keychain`);
    }
    assert.equal((await stored('sf')).tokens?.extras.instance_url, fronts.sf.url, 'Salesforce instance_url kept');
    assert.equal((await stored('snow')).clientSecret, as.confidentialClient.secret, 'the client secret survived the sign-in');
    assert.equal(gw.browserLog().match(/callback 200 \/callback/g)?.length, 4);
  });

  test('Google Drive: discovered endpoints, offline access asked; approved, the search reaches the Drive API', async () => {
    const address = printed.get('drive')!;
    assert.equal(address.pathname, '/auth', 'the authorization endpoint came from discovery');
    assert.equal(address.searchParams.get('access_type'), 'offline');
    assert.equal(address.searchParams.get('scope'), 'https://www.googleapis.com/auth/drive');
    const [result] = await Promise.all([gw.call(agent, 'drive__search_files', { q: "name contains 'notes'" }), gw.approveNext('claude', 'drive')]);
    assert.notEqual(result.isError, true, textOf(result));
    assert.match(textOf(result), /notes\.txt/);
    assert.equal(fronts.drive.accepted.at(-1), (await stored('drive')).tokens?.accessToken);
  });

  test('GitHub: outside a session the call waits; approved meanwhile, it reaches the API with the keychain token', async () => {
    const [result] = await Promise.all([gw.call(agent, 'gh__list_issues', { owner: 'octo', repo: 'hello' }), gw.approveNext('claude', 'gh')]);
    assert.notEqual(result.isError, true, textOf(result));
    assert.match(textOf(result), /Crash on start/);
    assert.equal(fronts.gh.accepted.at(-1), (await stored('gh')).tokens?.accessToken);
  });

  test('Salesforce: outside a session the call waits and is refused; approved, it returns the org\'s records', async () => {
    const before = salesforce.requests.length;
    const refused = await gw.call(agent, 'sf__soql_query', { query: 'SELECT Id, Name FROM Account' });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /pending|approv/i);
    assert.equal(salesforce.requests.length, before, 'nothing reached Salesforce without a session');
    const [result, session] = await Promise.all([
      gw.call(agent, 'sf__soql_query', { query: 'SELECT Id, Name FROM Account' }),
      gw.approveNext('claude', 'sf'),
    ]);
    assert.deepEqual(session.grants, [{ connection: 'sf', access: 'read' }]);
    assert.notEqual(result.isError, true, textOf(result));
    assert.match(textOf(result), /Acme Energy/);
    assert.equal(salesforce.last().path, '/services/data/v62.0/query', 'the API at instance_url was called');
  });

  test('Snowflake: a SELECT needs read, an INSERT needs write; a read session refuses the INSERT', async () => {
    const [rows] = await Promise.all([
      gw.call(agent, 'snow__query', { statement: 'SELECT ID, CUSTOMER FROM ORDERS' }),
      (async () => {
        const request = await gw.pending('claude', 'snow');
        assert.deepEqual(request.grants, [{ connection: 'snow', access: 'read' }], 'a SELECT asks for read only');
        await gw.api('POST', `/api/requests/${request.id}/approve`, { ttlSeconds: 3600 });
      })(),
    ]);
    assert.notEqual(rows.isError, true, textOf(rows));
    assert.match(textOf(rows), /globex/);
    const insert = await gw.call(agent, 'snow__query', { statement: "INSERT INTO ORDERS VALUES (4, 'initech', 10)" });
    assert.equal(insert.isError, true);
    assert.match(textOf(insert), /pending|approv/i);
    assert.equal(snowflake.tables.get('ORDERS')?.rows.length, 3, 'the INSERT did not run');
    assert.ok(!snowflake.requests.some((r) => r.body.toString().includes('INSERT')), 'the INSERT never reached Snowflake');
    const open = (await gw.api<RequestView[]>('GET', '/api/requests')).find((r) => r.state === 'pending' && r.clientName === 'claude');
    assert.deepEqual(open?.grants, [{ connection: 'snow', access: 'write' }], 'the INSERT asks for write');
    await gw.api('POST', `/api/requests/${open!.id}/deny`, {});
  });

  test('tokens are refreshed through the gateway: before expiry, and after the API refuses one (rotation kept)', async () => {
    const first = (await stored('gh')).tokens!;
    const refreshes = as.grants('refresh_token');
    gw.shift(15 * 60_000);
    try {
      const result = await gw.call(agent, 'gh__get_issue', { owner: 'octo', repo: 'hello', number: 1 });
      assert.notEqual(result.isError, true, textOf(result));
      assert.equal(as.grants('refresh_token'), refreshes + 1, 'refreshed before expiry');
      const second = (await stored('gh')).tokens!;
      assert.notEqual(second.refreshToken, first.refreshToken, 'the rotated refresh token replaced the old one');
      assert.equal(await as.refreshTokenActive(first.refreshToken!), false);
      assert.equal(fronts.gh.accepted.at(-1), second.accessToken);

      const refusedBefore = fronts.gh.refused();
      const stale = await as.provider.AccessToken.find(second.accessToken);
      await stale!.destroy();
      const again = await gw.call(agent, 'gh__get_issue', { owner: 'octo', repo: 'hello', number: 1 });
      assert.notEqual(again.isError, true, textOf(again));
      assert.equal(fronts.gh.refused(), refusedBefore + 1, 'the API refused the destroyed token once');
      assert.equal(as.grants('refresh_token'), refreshes + 2, 'one refresh after the 401');
    } finally {
      gw.reset();
    }
  });

  test('a revoked refresh token: needs-auth in the control API, a clear error for the agent, `connect` repairs it', async () => {
    const tokens = (await stored('gh')).tokens!;
    const revoke = await fetch(`${as.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refreshToken!, token_type_hint: 'refresh_token', client_id: as.publicClientId }),
    });
    assert.equal(revoke.status, 200);
    await (await as.provider.AccessToken.find(tokens.accessToken))?.destroy();
    const result = await gw.call(agent, 'gh__get_issue', { owner: 'octo', repo: 'hello', number: 1 });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /needs re-authorization.*Reconnect it in Hallpass/);
    const view = await status('gh');
    assert.equal(view.status, 'needs-auth');
    assert.match(view.statusDetail ?? '', /refused the refresh \(invalid_grant.*run `hallpass connect gh`/);

    const run = await gw.cli(['connect', 'gh']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((await status('gh')).status, 'running', 'running again before any call');
    const after = await gw.call(agent, 'gh__get_issue', { owner: 'octo', repo: 'hello', number: 1 });
    assert.notEqual(after.isError, true, textOf(after));
  });

  test('`disconnect` revokes at the provider where it can, forgets the tokens, and the serve shows needs-auth', async () => {
    const tokens = (await stored('sf')).tokens!;
    const revocations = as.revocations();
    const run = await gw.cli(['disconnect', 'sf']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Revoked the tokens of "sf" at the provider/);
    assert.match(run.stdout, /shows "sf" as needs-auth/);
    assert.equal(as.revocations(), revocations + 2, 'refresh and access token revoked');
    assert.equal(await as.refreshTokenActive(tokens.refreshToken!), false);
    assert.equal((await stored('sf')).tokens, undefined);
    const result = await gw.call(agent, 'sf__soql_query', { query: 'SELECT Id FROM Account' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /not connected/);

    const gh = await gw.cli(['disconnect', 'gh']);
    assert.equal(gh.code, 0, gh.stderr);
    assert.match(gh.stdout, /offers no revocation endpoint/);
    assert.equal((await status('gh')).status, 'needs-auth');
  });

  test('no token or client secret appears in logs, audit rows, control-API answers, CLI output, tool results or the database', async () => {
    const secrets = new Set<string>([as.confidentialClient.secret]);
    for (const front of Object.values(fronts)) for (const token of front.issued) secrets.add(token);
    for (const id of ['gh', 'sf', 'snow', 'drive']) {
      const item = await stored(id);
      for (const value of [item.clientSecret, item.tokens?.accessToken, item.tokens?.refreshToken]) if (value) secrets.add(value);
    }
    assert.ok(secrets.size >= 12, `the run produced secrets to look for (${secrets.size})`);
    for (const path of ['/api/connections', '/api/sessions', '/api/requests', '/api/clients', '/api/status', '/api/audit?limit=10000', '/api/audit/export?format=jsonl', '/api/audit/export?format=csv']) {
      await gw.api('GET', path);
    }
    const db = dataFiles(gw.dataDir).db;
    const places: Record<string, string> = {
      'the serve log': gw.log.text(),
      'audit rows': JSON.stringify([...gw.serve.core.store.audit.all()]),
      'control-API answers': gw.seen.api.join('\n'),
      'CLI output': gw.seen.cli.join('\n'),
      'tool results': JSON.stringify([...gw.seen.results, await agent.listTools()]),
      'the database': ['', '-wal', '-shm'].map((suffix) => { try { return readFileSync(`${db}${suffix}`, 'latin1'); } catch { return ''; } }).join('\n'),
      'the stand-in browser output': gw.browserLog(),
    };
    assert.ok(gw.log.lines.length > 0 && places['audit rows']!.includes('call-result'), 'the places hold the run');
    for (const [place, text] of Object.entries(places)) {
      for (const secret of secrets) {
        const at = text.indexOf(secret);
        assert.ok(at < 0, `a secret appeared in ${place}: …${text.slice(Math.max(0, at - 80), at)}<secret>…`);
      }
    }
  });
});
