/** A stdio connection to the real @modelcontextprotocol/server-everything: list, call, progress, abort, crash, dispose. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStdioConnection, type StdioConnection } from '../../../main/core/connections/stdio/stdio-connection.ts';
import { everythingServerConfig } from '../../support/downstream-servers.ts';
import { firstText, isProcessAlive, liveGroupMembers, recordingLog, systemClock, waitForConnection } from '../../support/downstream-helpers.ts';

const running = (c: { status(): string }) => c.status() === 'running';
const never = () => new AbortController().signal;

describe('stdio connection to server-everything', { timeout: 60_000 }, () => {
  const log = recordingLog();
  let connection: StdioConnection;

  before(async () => {
    connection = createStdioConnection(everythingServerConfig('everything'), { clock: systemClock, log, restartPolicy: { initialDelayMs: 50 } });
    assert.equal(connection.status(), 'starting');
    assert.deepEqual(connection.tools(), [], 'no tools before the server runs');
    await waitForConnection(connection, running, 'server-everything running');
  });

  after(async () => {
    await connection.dispose();
  });

  it('lists every tool with the access its annotations give (readOnlyHint true → read, else write)', () => {
    const access = Object.fromEntries(connection.tools().map((t) => [t.name, t.access]));
    assert.equal(access.echo, 'read');
    assert.equal(access['get-sum'], 'read');
    assert.equal(access['trigger-long-running-operation'], 'read');
    // readOnlyHint false + destructiveHint false: still write (destructiveHint never makes anything read).
    assert.equal(access['toggle-simulated-logging'], 'write');
    assert.equal(access['gzip-file-as-resource'], 'write');
    const echo = connection.tools().find((t) => t.name === 'echo');
    assert.equal(echo?.title, 'Echo Tool');
    assert.deepEqual(echo?.inputSchema.required, ['message'], 'input schema passed through');
    assert.ok(connection.tools().length >= 12);
  });

  it('calls echo', async () => {
    const result = await connection.callTool('echo', { message: 'hello' }, { signal: never() });
    assert.equal(firstText(result), 'Echo: hello');
    assert.notEqual(result.isError, true);
  });

  it('rejects an unknown tool clearly, without a round trip', async () => {
    await assert.rejects(connection.callTool('no-such-tool', {}, { signal: never() }), /unknown tool "no-such-tool" on connection "everything"/);
  });

  it('returns a server-side error (bad arguments) as an isError result', async () => {
    const result = await connection.callTool('get-sum', { a: 'not a number' }, { signal: never() });
    assert.equal(result.isError, true);
  });

  it('passes progress notifications through', async () => {
    const updates: { progress: number; total?: number }[] = [];
    const result = await connection.callTool('trigger-long-running-operation', { duration: 0.3, steps: 3 }, {
      signal: never(),
      onProgress: (u) => updates.push(u),
    });
    assert.match(firstText(result), /Long running operation completed/);
    assert.deepEqual(updates, [
      { progress: 1, total: 3 },
      { progress: 2, total: 3 },
      { progress: 3, total: 3 },
    ]);
  });

  it('aborting mid-call rejects with the abort reason, and the connection stays usable', async () => {
    const pid = connection.pid();
    const controller = new AbortController();
    const reason = new Error('revoked by the person');
    const call = connection.callTool('trigger-long-running-operation', { duration: 60, steps: 600 }, {
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await assert.rejects(call, (error) => error === reason);
    const echo = await connection.callTool('echo', { message: 'still here' }, { signal: never() });
    assert.equal(firstText(echo), 'Echo: still here');
    assert.equal(connection.pid(), pid, 'the server was not restarted');
  });

  it('rejects a call whose signal is already aborted, with its reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('kill switch'));
    await assert.rejects(connection.callTool('echo', { message: 'x' }, { signal: controller.signal }), /kill switch/);
  });

  it('after kill -9: in-flight calls reject with "exited", the server restarts and calls work again', async () => {
    const pid = connection.pid();
    assert.ok(pid);
    const inFlight = connection.callTool('trigger-long-running-operation', { duration: 60, steps: 600 }, { signal: never(), onProgress: () => {} });
    const seen: string[] = [];
    const subscription = connection.onChange(() => seen.push(connection.status()));
    process.kill(pid, 'SIGKILL');
    await assert.rejects(inFlight, /downstream server "everything" exited during the call/);
    await waitForConnection(connection, (c) => running(c) && c.pid() !== pid, 'restart');
    subscription.dispose();
    assert.ok(seen.includes('restarting'), `statuses seen: ${seen.join(', ')}`);
    assert.match(connection.statusDetail() ?? '', /restarted 1 time/);
    const echo = await connection.callTool('echo', { message: 'back' }, { signal: never() });
    assert.equal(firstText(echo), 'Echo: back');
    assert.ok(log.lines.some((l) => l.msg === 'downstream server exited' && l.fields?.signal === 'SIGKILL'));
  });

  it('dispose kills the whole process group and stops', async () => {
    const pid = connection.pid();
    assert.ok(pid);
    assert.ok(isProcessAlive(pid));
    await connection.dispose();
    assert.equal(connection.status(), 'stopped');
    assert.deepEqual(connection.tools(), []);
    assert.equal(isProcessAlive(pid), false);
    if (process.platform === 'linux') assert.deepEqual(liveGroupMembers(pid), []);
    await assert.rejects(connection.callTool('echo', { message: 'x' }, { signal: never() }), /connection "everything" is stopped/);
  });
});

describe('server-everything started through a shell (like npx: the server is a grandchild)', { timeout: 30_000, skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  it('works, and dispose leaves no process of its group', async () => {
    const direct = everythingServerConfig();
    // `; exit $?` keeps sh as the parent instead of exec'ing node, so node is a grandchild of Hallpass.
    const config = { ...direct, id: 'via-shell', command: 'sh', args: ['-c', '"$0" "$1" stdio; exit $?', direct.command, direct.args[0] as string] };
    const connection = createStdioConnection(config, { clock: systemClock, log: recordingLog() });
    try {
      await waitForConnection(connection, running, 'running through sh');
      const echo = await connection.callTool('echo', { message: 'via sh' }, { signal: never() });
      assert.equal(firstText(echo), 'Echo: via sh');
      const pgid = connection.pid() as number;
      assert.equal(liveGroupMembers(pgid).length, 2, 'sh and node');
      await connection.dispose();
      assert.deepEqual(liveGroupMembers(pgid), []);
    } finally {
      await connection.dispose();
    }
  });
});
