// A remote MCP server protected by OAuth (the SDK's server auth helpers, oidc-provider as its authorization server)
// fronted end to end: `servers add --url`, `hallpass connect` through the CLI (discovery, registration, PKCE, tokens
// in a real GNOME Keyring), tools as rmt__<tool> gated like any other, refresh after a 401, a dead grant shown as
// needs-auth and repaired, disconnect, and no token anywhere an agent, a UI or a log can see.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/client';
import { createKeyringVault } from '../../../main/core/vault/keyring-vault.ts';
import type { Vault } from '../../../main/core/vault/vault-types.ts';
import { keyringSession } from '../../support/keyring-session.ts';
import { startOidcMcpServer, type OidcMcpServer } from '../../support/oidc-mcp-server.ts';
import { startOAuthGateway, textOf, type OAuthGateway } from './oauth-gateway.ts';

const keyring = await keyringSession(import.meta.filename);

interface RemoteItem {
  client?: { client_id: string; client_secret?: string };
  tokens?: { access_token: string; refresh_token?: string };
}

describe('a remote OAuth-protected MCP server through the gateway', { skip: keyring ? false : 'needs Linux with gnome-keyring (a real Secret Service)' }, () => {
  let server: OidcMcpServer;
  let gw: OAuthGateway;
  let vault: Vault;
  let agent: Client;
  const secrets = new Set<string>();
  /** Reads the keychain item and remembers every secret in it (they rotate). */
  const item = async (): Promise<RemoteItem> => {
    const value = ((await vault.get('rmt')) ?? {}) as RemoteItem;
    for (const secret of [value.client?.client_secret, value.tokens?.access_token, value.tokens?.refresh_token]) if (secret) secrets.add(secret);
    return value;
  };
  const toolNames = async () => (await agent.listTools()).tools.map((t) => t.name);

  before(async () => {
    server = await startOidcMcpServer({ accessTokenTtlSeconds: 600 });
    gw = await startOAuthGateway();
    vault = createKeyringVault({ dataDir: gw.dataDir });
    agent = await gw.agent('cursor');
  });

  after(async () => {
    await gw?.close();
    await server?.close();
  });

  test('added with `servers add --url`, it shows needs-auth with what to run, and lists no tools yet', async () => {
    const run = await gw.cli(['servers', 'add', 'rmt', '--url', server.url, '--allow-loopback']);
    assert.equal(run.code, 0, run.stderr);
    await gw.until(async () => (await gw.connection('rmt'))?.status === 'needs-auth', 'rmt needs-auth');
    assert.match((await gw.connection('rmt'))?.statusDetail ?? '', /hallpass connect rmt/);
    assert.ok(!(await toolNames()).some((name) => name.startsWith('rmt__')));
    const refused = await gw.call(agent, 'rmt__echo', { message: 'early' }).catch((error: Error) => error);
    assert.ok(refused instanceof Error && /Unknown tool: rmt__echo/.test(refused.message), 'no tools before authorization');
  });

  test('`hallpass connect` authorizes it in the browser; the running serve reconnects and lists its tools', async () => {
    const run = await gw.cli(['connect', 'rmt']);
    assert.equal(run.code, 0, `${run.stderr}\nbrowser: ${gw.browserLog()}`);
    assert.match(run.stdout, /Connected "rmt": its tokens are in the OS keychain/);
    assert.match(run.stdout, new RegExp(`${server.as.issuer}/auth\\?\\S*code_challenge_method=S256`), 'the address is printed');
    assert.match(run.stdout, /shows "rmt" as running/);
    assert.equal(server.as.registrations(), 1, 'registered once, dynamically');
    assert.ok((await item()).tokens?.refresh_token);
    const names = await toolNames();
    for (const name of ['rmt__echo', 'rmt__whoami', 'rmt__debug-headers']) assert.ok(names.includes(name), name);
  });

  test('outside a session the call waits and is refused; approved, it returns the server\'s answer', async () => {
    const accepted = server.acceptedTokens.length;
    const refused = await gw.call(agent, 'rmt__echo', { message: 'hi' });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /pending|approv/i);
    const [result, session] = await Promise.all([gw.call(agent, 'rmt__echo', { message: 'hi' }), gw.approveNext('cursor', 'rmt')]);
    assert.deepEqual(session.grants, [{ connection: 'rmt', access: 'read' }], 'echo is read-only by its annotation');
    assert.equal(textOf(result), 'echo: hi');
    assert.ok(server.acceptedTokens.length > accepted);
    assert.equal(server.acceptedTokens.at(-1), (await item()).tokens?.access_token, 'the keychain token reached the server');
  });

  test('a server that echoes the credential cannot hand it to the agent', async () => {
    const [result] = await Promise.all([gw.call(agent, 'rmt__debug-headers', {}), gw.approveNext('cursor', 'rmt')]);
    assert.notEqual(result.isError, true, textOf(result));
    assert.match(textOf(result), /\[redacted\]/);
  });

  test('after the server refuses the access token, one refresh through the gateway and the call succeeds', async () => {
    const before = (await item()).tokens!;
    const refusedBefore = server.refused();
    await (await server.as.provider.AccessToken.find(before.access_token))!.destroy();
    const result = await gw.call(agent, 'rmt__echo', { message: 'after refresh' });
    assert.equal(textOf(result), 'echo: after refresh');
    assert.ok(server.refused() > refusedBefore, 'the server refused the dead token');
    const after = (await item()).tokens!;
    assert.notEqual(after.access_token, before.access_token);
    assert.notEqual(after.refresh_token, before.refresh_token, 'the rotated refresh token is kept');
  });

  test('a dead refresh token: needs-auth in the control API, a clear error for the agent; `connect` repairs it', async () => {
    const tokens = (await item()).tokens!;
    await server.as.expireRefreshToken(tokens.refresh_token!);
    await (await server.as.provider.AccessToken.find(tokens.access_token))!.destroy();
    const result = await gw.call(agent, 'rmt__echo', { message: 'dead' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Connect it (again )?in Hallpass \(hallpass connect rmt/);
    const view = await gw.connection('rmt');
    assert.equal(view?.status, 'needs-auth');
    assert.match(view?.statusDetail ?? '', /hallpass connect rmt/);

    const run = await gw.cli(['connect', 'rmt']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /shows "rmt" as running/);
    const again = await gw.call(agent, 'rmt__echo', { message: 'back' });
    assert.equal(textOf(again), 'echo: back');
    await item();
  });

  test('`disconnect` revokes at the authorization server, forgets the item, and the serve shows needs-auth', async () => {
    const tokens = (await item()).tokens!;
    const revocations = server.as.revocations();
    const run = await gw.cli(['disconnect', 'rmt']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Revoked the tokens of "rmt"/);
    assert.match(run.stdout, /shows "rmt" as needs-auth/);
    assert.ok(server.as.revocations() > revocations);
    assert.equal(await server.as.refreshTokenActive(tokens.refresh_token!), false);
    assert.equal(await vault.get('rmt'), undefined);
  });

  test('no token or client credential appears in the log, audit rows, control-API answers, CLI output or tool results', async () => {
    for (const token of server.acceptedTokens) secrets.add(token);
    assert.ok(secrets.size >= 6, `the run produced secrets to look for (${secrets.size})`);
    for (const path of ['/api/connections', '/api/sessions', '/api/requests', '/api/audit?limit=10000', '/api/audit/export?format=jsonl', '/api/audit/export?format=csv']) {
      await gw.api('GET', path);
    }
    const places: Record<string, string> = {
      'the serve log': gw.log.text(),
      'audit rows': JSON.stringify([...gw.serve.core.store.audit.all()]),
      'control-API answers': gw.seen.api.join('\n'),
      'CLI output': gw.seen.cli.join('\n'),
      'tool results': JSON.stringify(gw.seen.results),
      'the stand-in browser output': gw.browserLog(),
    };
    for (const [place, text] of Object.entries(places)) {
      for (const secret of secrets) {
        const at = text.indexOf(secret);
        assert.ok(at < 0, `a secret appeared in ${place}: …${text.slice(Math.max(0, at - 80), at)}<secret>…`);
      }
    }
  });
});
