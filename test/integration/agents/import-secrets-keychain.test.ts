/**
 * import with env secrets against a real Secret Service (private GNOME Keyring under dbus-run-session) and
 * a real `hallpass serve`: the values go to the keychain only, never to the database or the client's file,
 * and the moved server still gets them when Hallpass starts it.
 */
import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { runImport } from '../../../main/cli/agents/agent-commands.ts';
import type { ConnectionView, RequestView } from '../../../main/core/control/schemas.ts';
import { fixtureServerConfig } from '../../support/downstream-servers.ts';
import { keyringSession } from '../../support/keyring-session.ts';
import { startServeProcess, type ServeProcess } from '../../support/serve-process.ts';
import { testCli, type TestCli } from '../../unit/agents/cli-context.ts';
import { fixtureTree, type FixtureTree } from '../../unit/agents/fixture-tree.ts';

const keyring = await keyringSession(import.meta.filename);
const skip = keyring ? false : 'needs Linux with gnome-keyring (a real Secret Service)';
const SECRET = 'sk-hallpass-it-4f1c9e27b8d05a36';

describe('import moves env secrets into the OS keychain', { skip, timeout: 120_000 }, () => {
  let tree: FixtureTree;
  let serve: ServeProcess;
  let cli: TestCli;
  const agent = new Client({ name: 'keychain-it', version: '1.0.0' });
  const configFile = () => join(tree.roots.xdgConfigHome, 'Claude', 'claude_desktop_config.json');

  before(async () => {
    tree = await fixtureTree('linux');
    const fixture = fixtureServerConfig();
    await writeFile(configFile(), `${JSON.stringify({ mcpServers: { fixture: { command: fixture.command, args: fixture.args, env: { API_KEY: SECRET, REGION: 'eu-west' } } } }, null, 2)}\n`);
    serve = await startServeProcess({ args: ['--approval-wait', '1'] });
    cli = await testCli(tree, {}, serve.home);
  });
  after(async () => {
    await agent.close().catch(() => undefined);
    await serve?.stop();
    await cli?.[Symbol.asyncDispose]();
    await tree?.[Symbol.asyncDispose]();
  });

  test('the values live in the keychain only: not in the database, the client file or the output', async () => {
    assert.equal(await cli.run(runImport, ['claude-desktop', '--yes']), 0, cli.err());
    assert.match(cli.out(), /env: API_KEY, REGION \(values move to the keychain\)/);
    assert.doesNotMatch(cli.out() + cli.err(), new RegExp(SECRET));
    assert.doesNotMatch(await readFile(configFile(), 'utf8'), new RegExp(SECRET));
    // SECURITY: every file of the data dir (database, WAL, instance files) is free of the value.
    for (const name of await readdir(serve.home)) {
      const path = join(serve.home, name);
      if ((await stat(path)).isFile()) assert.doesNotMatch((await readFile(path)).toString('latin1'), new RegExp(SECRET), `${name} must not hold the secret`);
    }
    const [item] = keyring!.search('service', 'Hallpass');
    assert.ok(item, 'one keychain item under service Hallpass');
    assert.match(item.label, /fixture/);
    assert.deepEqual(JSON.parse(item.secret).secret, { env: { API_KEY: SECRET, REGION: 'eu-west' } });
    const backup = (await readdir(join(tree.roots.xdgConfigHome, 'Claude'))).find((n) => n.includes('hallpass-backup'));
    assert.ok(backup, 'the original is kept as a backup');
    assert.equal((await stat(join(tree.roots.xdgConfigHome, 'Claude', backup))).mode & 0o777, 0o600, 'owner-only: it still holds the old value');
  });

  test('the moved server receives the value from the keychain (the stdio connection resolves hallpass-vault: references)', async () => {
    for (let i = 0; i < 300; i += 1) {
      const list = (await serve.api('GET', '/api/connections')).body as ConnectionView[];
      if (list.find((c) => c.id === 'fixture')?.status === 'running') break;
      await sleep(100);
    }
    const token = JSON.parse(await readFile(configFile(), 'utf8')).mcpServers.hallpass.env.HALLPASS_TOKEN as string;
    await agent.connect(new StreamableHTTPClientTransport(new URL(serve.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    const ask = () => agent.callTool({ name: 'fixture__get-env', arguments: { name: 'API_KEY' } });
    assert.equal((await ask()).isError, true, 'gated until approved');
    const pending = ((await serve.api('GET', '/api/requests')).body as RequestView[]).find((r) => r.state === 'pending');
    assert.ok(pending);
    assert.equal((await serve.api('POST', `/api/requests/${pending.id}/approve`, { ttlSeconds: 60 })).status, 200);
    const result = await ask();
    assert.notEqual(result.isError, true, JSON.stringify(result));
    assert.deepEqual(JSON.parse((result.content as { text: string }[])[0]!.text), { value: SECRET });
  });
});
