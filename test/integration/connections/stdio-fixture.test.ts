/** A stdio connection to the fixture server: what the reference servers cannot show. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createStdioConnection, type StdioConnection } from '../../../main/core/connections/stdio/stdio-connection.ts';
import { fixtureServerConfig } from '../../support/downstream-servers.ts';
import { firstText, isProcessAlive, liveGroupMembers, recordingLog, systemClock, waitForConnection } from '../../support/downstream-helpers.ts';

const never = () => new AbortController().signal;
const running = (c: { status(): string }) => c.status() === 'running';
const hasTool = (name: string) => (c: StdioConnection) => c.tools().some((t) => t.name === name);

describe('stdio connection to the fixture server', { timeout: 60_000 }, () => {
  const opened: StdioConnection[] = [];
  const open = async (...args: Parameters<typeof createStdioConnection>) => {
    const connection = createStdioConnection(...args);
    opened.push(connection);
    await waitForConnection(connection, running, `${connection.id} running`);
    return connection;
  };
  after(async () => {
    await Promise.all(opened.map((c) => c.dispose()));
  });

  it('classifies access: readOnlyHint true → read; absent, false or destructiveHint-only → write; overrides win', async () => {
    const plain = await open(fixtureServerConfig('fixture-a'), { clock: systemClock, log: recordingLog() });
    const access = (c: StdioConnection) => Object.fromEntries(c.tools().map((t) => [t.name, t.access]));
    assert.equal(access(plain)['read-only'], 'read');
    assert.equal(access(plain)['no-annotations'], 'write');
    assert.equal(access(plain)['not-destructive'], 'write');
    assert.equal(access(plain)['read-only-false'], 'write');

    const overridden = await open(fixtureServerConfig('fixture-b', { overrides: { 'read-only': 'write', 'no-annotations': 'read', 'not-destructive': 'read' } }), {
      clock: systemClock,
      log: recordingLog(),
      accessOverrides: { 'not-destructive': 'write' },
    });
    assert.equal(access(overridden)['read-only'], 'write');
    assert.equal(access(overridden)['no-annotations'], 'read');
    assert.equal(access(overridden)['not-destructive'], 'write', 'deps.accessOverrides win over config.overrides');
    assert.equal(access(overridden)['read-only-false'], 'write');
  });

  it('follows tools/list_changed: a tool added at runtime appears (classified), a removed one disappears', async () => {
    const connection = await open(fixtureServerConfig('fixture-c'), { clock: systemClock, log: recordingLog() });
    let changes = 0;
    const subscription = connection.onChange(() => changes++);
    await connection.callTool('add-tool', { name: 'late-tool' }, { signal: never() });
    await waitForConnection(connection, hasTool('late-tool'), 'late-tool listed');
    assert.equal(connection.tools().find((t) => t.name === 'late-tool')?.access, 'read');
    assert.equal(firstText(await connection.callTool('late-tool', {}, { signal: never() })), 'late-tool');
    await connection.callTool('remove-tool', { name: 'late-tool' }, { signal: never() });
    await waitForConnection(connection, (c) => !hasTool('late-tool')(c), 'late-tool gone');
    subscription.dispose();
    assert.ok(changes >= 2);
    assert.equal(connection.status(), 'running');
  });

  it('abort sends MCP cancellation: the server sees it for that request, and the call rejects with the reason', async () => {
    const connection = await open(fixtureServerConfig('fixture-d'), { clock: systemClock, log: recordingLog() });
    const controller = new AbortController();
    const started: string[] = [];
    const call = connection.callTool('block', {}, {
      signal: controller.signal,
      onProgress: (update) => {
        started.push(update.message ?? '');
        controller.abort(new Error('session revoked'));
      },
    });
    await assert.rejects(call, /session revoked/);
    assert.deepEqual(started, ['started']);
    const seen = JSON.parse(firstText(await connection.callTool('cancellations', {}, { signal: never() }))) as { reason: string }[];
    assert.equal(seen.length, 1);
    assert.match(seen[0]?.reason ?? '', /session revoked/);
  });

  it('a JSON-RPC error from the server comes back as an isError result, not a rejection', async () => {
    const connection = await open(fixtureServerConfig('fixture-e'), { clock: systemClock, log: recordingLog() });
    await connection.callTool('hide-ghost', {}, { signal: never() });
    assert.ok(hasTool('ghost')(connection), 'still listed: the server did not announce the change');
    const result = await connection.callTool('ghost', {}, { signal: never() });
    assert.equal(result.isError, true);
    assert.match(firstText(result), /^fixture-e: .*Tool ghost disabled/);
  });

  it('passes the configured env to the server, and only a minimal set of ours', async () => {
    process.env.HALLPASS_TEST_PARENT_SECRET = 'parent-secret-value';
    try {
      const connection = await open(fixtureServerConfig('fixture-f', { env: { FIXTURE_TOKEN: 'configured-value' } }), { clock: systemClock, log: recordingLog() });
      const env = async (name: string) => JSON.parse(firstText(await connection.callTool('get-env', { name }, { signal: never() }))).value;
      assert.equal(await env('FIXTURE_TOKEN'), 'configured-value');
      assert.equal(await env('HALLPASS_TEST_PARENT_SECRET'), null);
      assert.equal(await env('PATH'), process.env.PATH);
    } finally {
      delete process.env.HALLPASS_TEST_PARENT_SECRET;
    }
  });

  it('dispose kills grandchildren the server started (the npx / sh -c case)', async () => {
    const connection = await open(fixtureServerConfig('fixture-g'), { clock: systemClock, log: recordingLog() });
    const serverPid = connection.pid();
    assert.ok(serverPid);
    const { pid: grandchild } = JSON.parse(firstText(await connection.callTool('spawn-grandchild', {}, { signal: never() }))) as { pid: number };
    assert.ok(isProcessAlive(grandchild));
    await connection.dispose();
    assert.equal(isProcessAlive(serverPid), false, 'server gone');
    assert.equal(isProcessAlive(grandchild), false, 'grandchild gone');
    if (process.platform === 'linux') assert.deepEqual(liveGroupMembers(serverPid), []);
  });

  it('a crash kills the grandchildren of the dead server too, before the restart', async () => {
    const connection = await open(fixtureServerConfig('fixture-h'), { clock: systemClock, log: recordingLog(), restartPolicy: { initialDelayMs: 20 } });
    const serverPid = connection.pid();
    assert.ok(serverPid);
    const { pid: grandchild } = JSON.parse(firstText(await connection.callTool('spawn-grandchild', {}, { signal: never() }))) as { pid: number };
    process.kill(serverPid, 'SIGKILL');
    await waitForConnection(connection, (c) => running(c) && c.pid() !== serverPid, 'restart');
    assert.equal(isProcessAlive(grandchild), false, 'orphaned grandchild reaped');
  });
});
