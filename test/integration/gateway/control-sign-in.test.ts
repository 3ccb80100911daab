// Connect and Disconnect over the control API of a real in-process serve: an OAuth connector (Google Drive's connector
// with oidc-provider as its authorization server) and a remote MCP server protected by OAuth, tokens in a real GNOME
// Keyring. The browser is a stand-in: the opener records the address, an HTTP browser follows it through the sign-in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserOpener } from '../../../main/core/connections/oauth/system-browser.ts';
import type { ConnectionView, ConnectResult, DisconnectResult } from '../../../main/core/control/schemas.ts';
import type { ConnectionConfig } from '../../../main/core/model.ts';
import { dataFiles } from '../../../main/core/paths/data-dir.ts';
import { startServe, type RunningServe } from '../../../main/core/serve/start-serve.ts';
import { createKeyringVault } from '../../../main/core/vault/keyring-vault.ts';
import type { Vault } from '../../../main/core/vault/vault-types.ts';
import { keyringSession } from '../../support/keyring-session.ts';
import { createHttpBrowser } from '../../support/oidc-browser.ts';
import { capturedLog, type CapturedLog } from '../../support/oidc-harness.ts';
import { startOidcMcpServer, type OidcMcpServer } from '../../support/oidc-mcp-server.ts';
import { startOidcServer, type OidcServer } from '../../support/oidc-server.ts';

const keyring = await keyringSession(import.meta.filename);

describe('Connect and Disconnect over the control API', { skip: keyring ? false : 'needs Linux with gnome-keyring (a real Secret Service)', timeout: 60_000 }, () => {
  let as: OidcServer;
  let remote: OidcMcpServer;
  let dir: string;
  let serve: RunningServe;
  let vault: Vault;
  let log: CapturedLog;
  let token = '';
  const opened: URL[] = [];
  let browserMissing = false;
  const answers: string[] = [];
  let events = '';
  const stream = new AbortController();
  const secrets = new Set<string>();

  /** The stand-in for the system browser: records the address; "headless" when asked. */
  const opener: BrowserOpener = async (url) => {
    opened.push(url);
    if (browserMissing) throw new Error('could not open the browser (xdg-open: not found)');
  };
  const api = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`http://127.0.0.1:${serve.port}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    answers.push(text);
    return { status: res.status, body: JSON.parse(text) as T };
  };
  const view = async (id: string): Promise<ConnectionView> => {
    const found = (await api<ConnectionView[]>('GET', '/api/connections')).body.find((c) => c.id === id);
    assert.ok(found, `${id} is listed`);
    return found;
  };
  const until = async (what: string, check: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const connect = (id: string) => api<ConnectResult & { error?: string }>('POST', `/api/connections/${id}/connect`, {});
  /** Remembers every secret the keychain holds for `id` (they rotate). */
  const remember = async (id: string): Promise<Record<string, unknown>> => {
    const item = ((await vault.get(id)) ?? {}) as Record<string, unknown>;
    const walk = (value: unknown, key = ''): void => {
      if (typeof value === 'string' && /token|secret/i.test(key) && value.length >= 8) secrets.add(value);
      else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, k);
    };
    walk(item);
    return item;
  };

  before(async () => {
    [as, remote] = await Promise.all([startOidcServer({ scopes: ['https://www.googleapis.com/auth/drive'], accessTokenTtlSeconds: 600 }), startOidcMcpServer()]);
    dir = await mkdtemp(join(tmpdir(), 'hallpass-control-sign-in-'));
    log = capturedLog();
    serve = await startServe({ dataDir: dir, port: 0, log, browserOpener: opener });
    token = readFileSync(dataFiles(dir).controlToken, 'utf8').trim();
    vault = createKeyringVault({ dataDir: dir });
    const configs: ConnectionConfig[] = [
      { kind: 'oauth', id: 'drive', provider: 'google-drive', clientId: as.publicClientId, issuer: as.issuer, enabled: true },
      { kind: 'remote', id: 'rmt', url: remote.url, allowLoopback: true, enabled: true },
      { kind: 'stdio', id: 'local', command: process.execPath, args: ['--version'], env: {}, enabled: false },
    ];
    for (const config of configs) serve.core.store.connections.put(config);
    await serve.core.syncConnections();
    const res = await fetch(`http://127.0.0.1:${serve.port}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: stream.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) events += decoder.decode(chunk.value, { stream: true });
    })().catch(() => {});
    await until('drive and rmt need a sign-in', async () => (await view('drive')).status === 'needs-auth' && (await view('rmt')).status === 'needs-auth');
  });

  after(async () => {
    stream.abort();
    await serve?.close();
    await Promise.all([as?.close(), remote?.close()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('unknown 404, malformed id 404, stdio 400', async () => {
    const unknown = await connect('nope');
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.error ?? '', /no connection named "nope"/);
    assert.equal((await connect('Bad_Id')).status, 404);
    const local = await connect('local');
    assert.equal(local.status, 400);
    assert.match(local.body.error ?? '', /local \(stdio\) server; it needs no sign-in/);
    assert.equal((await api('POST', '/api/connections/local/disconnect', {})).status, 400);
    assert.equal((await api('POST', '/api/connections/drive/connect', { extra: 1 })).status, 400, 'no input accepted');
    assert.equal(opened.length, 0);
  });

  test('a sign-in that the provider answers wrongly fails visibly, with the reason and no secret', async () => {
    const { status, body } = await connect('drive');
    assert.equal(status, 200, JSON.stringify(body));
    const seen = events.length;
    const tampering = createHttpBrowser({ tamper: (callback) => {
      const wrong = new URL(callback);
      wrong.searchParams.set('state', 'not-this-flow');
      return wrong;
    } });
    await tampering.open(new URL(body.authorizationUrl));
    await until('the failure to show', async () => (await view('drive')).signIn === 'failed');
    const failed = await view('drive');
    assert.equal(failed.status, 'needs-auth');
    assert.match(failed.statusDetail ?? '', /^sign-in failed: could not connect "drive": the authorization response was rejected/);
    assert.match(events.slice(seen), /"type":"connections"/);
    assert.equal((await remember('drive')).tokens, undefined, 'nothing stored');
  });

  test('Connect answers the sign-in address at once, refuses a second flow, and ends with the connection running', async () => {
    const { status, body } = await connect('drive');
    assert.equal(status, 200, JSON.stringify(body));
    const address = new URL(body.authorizationUrl);
    assert.equal(`${address.origin}${address.pathname}`, `${as.issuer}/auth`);
    assert.equal(address.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(opened.at(-1)?.href, address.href, 'the browser was asked to open the same address');
    const waiting = await view('drive');
    assert.deepEqual([waiting.signIn, waiting.statusDetail], ['waiting', 'waiting for the sign-in in the browser']);
    const second = await connect('drive');
    assert.equal(second.status, 409);
    assert.match(second.body.error ?? '', /already waiting for the browser/);
    const seen = events.length;
    const browser = createHttpBrowser();
    await browser.open(address);
    assert.equal(browser.callbacks[0]?.status, 200);
    await until('drive running', async () => {
      const now = await view('drive');
      return now.status === 'running' && now.signIn === undefined;
    });
    assert.match(events.slice(seen), /"type":"connections"/);
    assert.equal((await view('drive')).statusDetail, undefined, 'the old failure is gone');
    assert.ok(((await remember('drive')).tokens as { refreshToken?: string } | undefined)?.refreshToken, 'tokens in the keychain');
  });

  test('headless: no browser opens, the address is still answered and the flow completes through it', async () => {
    browserMissing = true;
    try {
      const { status, body } = await connect('rmt');
      assert.equal(status, 200, JSON.stringify(body));
      assert.ok(body.authorizationUrl.startsWith(`${remote.as.issuer}/auth?`));
      assert.match(log.text(), /could not open a browser for a sign-in/);
      await createHttpBrowser().open(new URL(body.authorizationUrl));
      await until('rmt running', async () => (await view('rmt')).status === 'running');
      assert.ok((await view('rmt')).tools > 0);
      assert.equal(remote.as.registrations(), 1);
      await remember('rmt');
    } finally {
      browserMissing = false;
    }
  });

  test('Disconnect revokes at the provider, deletes the tokens, and the connection needs a sign-in again', async () => {
    const revocations = as.revocations();
    const drive = await api<DisconnectResult>('POST', '/api/connections/drive/disconnect', {});
    assert.deepEqual([drive.status, drive.body], [200, { revocation: 'revoked' }]);
    assert.ok(as.revocations() > revocations);
    assert.equal((await remember('drive')).tokens, undefined);
    await until('drive needs-auth', async () => (await view('drive')).status === 'needs-auth');
    const rmt = await api<DisconnectResult>('POST', '/api/connections/rmt/disconnect', {});
    assert.equal(rmt.status, 200);
    assert.equal(rmt.body.revocation, 'revoked');
    assert.equal(await vault.get('rmt'), undefined);
    await until('rmt needs-auth', async () => (await view('rmt')).status === 'needs-auth');
    const again = await api<DisconnectResult>('POST', '/api/connections/drive/disconnect', {});
    assert.deepEqual(again.body, { revocation: 'nothing-stored' });
  });

  test('no token, code or client secret reached an answer, the event stream or the log', async () => {
    assert.ok(secrets.size >= 4, `${secrets.size} secrets seen`);
    for (const secret of secrets) {
      for (const text of [...answers, events, log.text()]) assert.ok(!text.includes(secret), 'a secret leaked');
    }
    assert.doesNotMatch([...answers, events, log.text()].join('\n'), /[?&]code=/, 'no authorization code either');
  });

  test('stopping Hallpass cancels a sign-in still waiting and closes its loopback listener', async () => {
    const { body } = await connect('drive');
    const redirect = new URL(new URL(body.authorizationUrl).searchParams.get('redirect_uri')!);
    assert.equal((await fetch(new URL('/nothing', redirect))).status, 404, 'listening while waiting');
    await serve.close();
    await assert.rejects(fetch(new URL('/callback', redirect), { signal: AbortSignal.timeout(5_000) }));
  });
});
