// Fail closed without a keychain: with no Secret Service reachable, `hallpass serve` still serves stdio servers, while
// OAuth and remote connections show `failed: keychain unavailable …` and the CLI stores nothing anywhere. A keychain
// that comes back is noticed on its own. Also the CLI's usage errors and exit codes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { CliContext } from '../../../main/cli/cli-context.ts';
import { runCli } from '../../../main/cli/run-cli.ts';
import { signalAuthorizationChanged } from '../../../main/core/connections/authorization-signals.ts';
import { randomIds, silentLog, systemClock } from '../../../main/core/defaults.ts';
import type { OAuthConnectorConfig } from '../../../main/core/model.ts';
import { startServe } from '../../../main/core/serve/start-serve.ts';
import { createMemoryVaultForTests } from '../../../main/core/vault/memory-vault.ts';
import { VaultUnavailableError, type Vault } from '../../../main/core/vault/vault-types.ts';
import { everythingServerConfig } from '../../support/downstream-servers.ts';
import { startOAuthGateway, textOf, type OAuthGateway } from './oauth-gateway.ts';

// No Secret Service for this process or the CLI it starts (set before the keychain module is ever loaded).
process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/hallpass-test-no-keychain-bus';

const gh: OAuthConnectorConfig = { kind: 'oauth', id: 'gh', provider: 'github', clientId: 'Iv1.test', issuer: 'https://github.example', enabled: true };

describe('without a keychain', { skip: process.platform === 'linux' ? false : 'only Linux lets a test hide the keychain (no Secret Service bus)' }, () => {
  let gw: OAuthGateway;
  before(async () => {
    gw = await startOAuthGateway();
  });
  after(() => gw?.close());

  test('stdio servers serve; OAuth and remote connections show failed: keychain unavailable', async () => {
    const store = gw.serve.core.store;
    store.connections.put(everythingServerConfig('everything'));
    store.connections.put(gh);
    store.connections.put({ kind: 'remote', id: 'rmt', url: 'http://127.0.0.1:9/mcp', allowLoopback: true, enabled: true });
    await gw.serve.core.syncConnections();
    for (const id of ['gh', 'rmt']) {
      await gw.until(async () => (await gw.connection(id))?.status === 'failed', `${id} failed`);
      const detail = (await gw.connection(id))?.statusDetail ?? '';
      assert.match(detail, /^keychain unavailable: The OS keychain could not read the item/);
      assert.match(detail, /never stores them in plain text/);
    }
    await gw.until(async () => (await gw.connection('everything'))?.status === 'running', 'everything running');
    const agent = await gw.agent('claude');
    const [result] = await Promise.all([gw.call(agent, 'everything__echo', { message: 'still here' }), gw.approveNext('claude', 'everything')]);
    assert.equal(textOf(result), 'Echo: still here');
    const refused = await gw.call(agent, 'gh__list_issues', { owner: 'octo', repo: 'hello' });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /gh is failed \(keychain unavailable/);
  });

  test('the CLI refuses to store a client secret or tokens, and registers nothing', async () => {
    const add = await gw.cli(['connect', 'add', 'github', 'gh2', '--client-id', 'Iv1.x', '--client-secret-stdin'], 'a-client-secret-value\n');
    assert.equal(add.code, 1);
    assert.match(add.stderr, /^hallpass: The OS keychain could not delete the item "gh2@Hallpass".*never stores them in plain text/);
    assert.equal(gw.serve.core.store.connections.get('gh2'), undefined);
    for (const id of ['gh', 'rmt']) {
      const connect = await gw.cli(['connect', id]);
      assert.equal(connect.code, 1);
      assert.match(connect.stderr, new RegExp(`^hallpass: The OS keychain could not read the item "${id}@Hallpass"`));
      assert.doesNotMatch(connect.stdout, /Authorize Hallpass/, 'no browser is opened when the tokens could not be kept');
    }
    assert.equal(gw.browserLog(), '');
  });
});

describe('a keychain that comes back', () => {
  test('is read again on its own: failed → needs-auth → running after a sign-in signal', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hallpass-keychain-back-'));
    const memory = createMemoryVaultForTests();
    let locked = true;
    const refuse = async (): Promise<never> => {
      throw new VaultUnavailableError('The OS keychain is locked (test)');
    };
    const vault: Vault = {
      get: (account) => (locked ? refuse() : memory.get(account)),
      set: (account, secret) => (locked ? refuse() : memory.set(account, secret)),
      delete: (account) => (locked ? refuse() : memory.delete(account)),
    };
    const serve = await startServe({ dataDir, port: 0, log: silentLog, vault });
    try {
      serve.core.store.connections.put(gh);
      await serve.core.syncConnections();
      const view = () => serve.core.control.connections().find((c) => c.id === 'gh');
      const until = async (status: string) => {
        const deadline = Date.now() + 15_000;
        while (view()?.status !== status) {
          if (Date.now() > deadline) throw new Error(`gh never became ${status} (is ${view()?.status}: ${view()?.statusDetail})`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      await until('failed');
      assert.equal(view()?.statusDetail, 'keychain unavailable: The OS keychain is locked (test)');
      locked = false;
      await until('needs-auth');
      assert.match(view()?.statusDetail ?? '', /not connected yet; run `hallpass connect gh`/);
      // What `hallpass connect` leaves behind: a grant in the keychain, then the signal.
      await memory.set('gh', { kind: 'oauth', tokens: { accessToken: 'gho_test_access_token', tokenType: 'bearer', extras: {}, obtainedAt: Date.now(), issuer: 'https://github.example' } });
      await signalAuthorizationChanged(dataDir, 'gh', Date.now());
      await until('running');
    } finally {
      await serve.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('`connect` and `disconnect` usage', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'hallpass-connect-usage-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const stdin = new PassThrough();
    stdin.end();
    const ctx: CliContext = {
      env: {}, dataDir, clock: systemClock, ids: randomIds, stdin, stdout: new PassThrough(),
      out: (text) => void (out += text), err: (text) => void (err += text),
    };
    const code = await runCli(argv, ctx);
    return { code, out, err };
  };

  test('help, usage mistakes (exit 2) and refusals (exit 1) are one clear line each', async () => {
    assert.equal((await run('connect', '--help')).code, 0);
    assert.match((await run('disconnect', '--help')).out, /Usage:\n {2}hallpass disconnect NAME/);
    const cases: [string[], number, RegExp][] = [
      [['connect'], 2, /"connect" needs a connection NAME/],
      [['connect', 'add', 'dropbox', 'db', '--client-id', 'x'], 2, /unknown provider "dropbox"/],
      [['connect', 'add', 'github', 'Bad_Name', '--client-id', 'x'], 2, /invalid NAME "Bad_Name"/],
      [['connect', 'add', 'github', 'gh'], 2, /--client-id is required/],
      [['connect', 'add', 'github', 'gh', '--client-id', 'x', '--issuer', 'http://github.example'], 2, /authorization server of "gh" must use https/],
      [['connect', 'add', 'github', 'gh', '--client-id', 'x', '--base-url', 'http://api.example'], 2, /--base-url: API base URL must use https/],
      [['connect', 'add', 'snowflake', 'snow', '--client-id', 'x'], 2, /no Snowflake account URL/],
      [['connect', 'gh', '--client-id', 'x'], 2, /--client-id is for `connect add`/],
      [['connect', 'missing'], 1, /no connection named "missing"/],
      [['disconnect', 'missing'], 1, /no connection named "missing"/],
    ];
    for (const [argv, code, message] of cases) {
      const result = await run(...argv);
      assert.equal(result.code, code, `${argv.join(' ')}: ${result.err}`);
      assert.match(result.err, message, argv.join(' '));
      assert.equal(result.err.trim().split('\n').length, 1, 'one line');
    }
    assert.equal((await run('servers', 'add', 'files', '--', 'node', 'x.js')).code, 0);
    for (const verb of ['connect', 'disconnect']) {
      const result = await run(verb, 'files');
      assert.equal(result.code, 1);
      assert.match(result.err, /"files" is a local \(stdio\) server/);
    }
  });
});
