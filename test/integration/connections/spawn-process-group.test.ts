/** spawnProcessGroup with real processes: minimal env, stderr tail, and killing the whole group. */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { spawnProcessGroup } from '../../../main/core/connections/stdio/spawn-process-group.ts';
import { isProcessAlive, liveGroupMembers, waitUntil } from '../../support/downstream-helpers.ts';

/** Reads stdout until `lines` full lines arrived. */
async function readLines(stream: NodeJS.ReadableStream, lines: number): Promise<string[]> {
  let text = '';
  stream.setEncoding('utf8');
  while (text.split('\n').length <= lines) {
    const [chunk] = (await once(stream, 'data')) as [string];
    text += chunk;
  }
  return text.split('\n').slice(0, lines);
}

const posix = process.platform !== 'win32';

describe('spawnProcessGroup', { timeout: 30_000 }, () => {
  it('gives the child only a minimal inherited environment plus the configured one', async () => {
    process.env.HALLPASS_TEST_PARENT_ONLY = 'must-not-leak';
    try {
      const group = spawnProcessGroup({ command: process.execPath, args: ['-e', 'console.log(JSON.stringify(process.env))'], env: { CONFIGURED: 'yes' } });
      const [line] = await readLines(group.stdout, 1);
      const env = JSON.parse(line ?? '{}') as Record<string, string>;
      assert.equal(env.CONFIGURED, 'yes');
      assert.equal(env.HALLPASS_TEST_PARENT_ONLY, undefined);
      assert.equal(env.PATH, process.env.PATH);
      const exit = await group.exited;
      assert.deepEqual({ code: exit.code, killedByUs: exit.killedByUs }, { code: 0, killedByUs: false });
    } finally {
      delete process.env.HALLPASS_TEST_PARENT_ONLY;
    }
  });

  it('keeps a bounded stderr tail with configured env values redacted', async () => {
    const script = "for (let i = 0; i < 200; i++) console.error('line ' + i); console.error('auth failed for ' + process.env.TOKEN)";
    const group = spawnProcessGroup({ command: process.execPath, args: ['-e', script], env: { TOKEN: 'tok_0123456789abcdef' }, stderrLimitChars: 100 });
    await group.exited;
    await waitUntil(() => group.stderrTail().includes('auth failed'), 'stderr drained');
    const tail = group.stderrTail();
    assert.ok(tail.length <= 100);
    assert.match(tail, /auth failed for \[redacted\]\n$/);
    assert.ok(!tail.includes('line 0\n'));
    await group.kill();
  });

  it('reports a command that cannot be started, and kill() still resolves', async () => {
    const group = spawnProcessGroup({ command: '/nonexistent/hallpass-cmd', args: [], env: {} });
    assert.equal(group.pid, undefined);
    const exit = await group.exited;
    assert.match(exit.error?.message ?? '', /ENOENT/);
    await group.kill();
  });

  it('reports a spawn that throws (bad options) the same way, instead of throwing', async () => {
    const group = spawnProcessGroup({ command: process.execPath, args: [], env: {}, cwd: 42 as unknown as string });
    assert.equal(group.pid, undefined);
    assert.match((await group.exited).error?.message ?? '', /options\.cwd/);
    await group.kill();
  });

  it('kill() ends the leader and its grandchildren (sh -c with a background sleeper)', { skip: !posix && 'POSIX process groups' }, async () => {
    const group = spawnProcessGroup({ command: 'sh', args: ['-c', 'sleep 1000 & echo $!; wait'], env: {} });
    const [line] = await readLines(group.stdout, 1);
    const grandchild = Number(line);
    assert.ok(group.pid && isProcessAlive(group.pid) && isProcessAlive(grandchild));
    const exit = await group.kill();
    assert.deepEqual({ signal: exit.signal, killedByUs: exit.killedByUs }, { signal: 'SIGTERM', killedByUs: true });
    assert.equal(isProcessAlive(grandchild), false);
    if (process.platform === 'linux') assert.deepEqual(liveGroupMembers(group.pid), []);
  });

  it('escalates to SIGKILL for a group that ignores SIGTERM', { skip: !posix && 'POSIX process groups' }, async () => {
    const script = "trap '' TERM; sh -c \"trap '' TERM; echo ready; while :; do sleep 0.05; done\" & wait";
    const group = spawnProcessGroup({ command: 'sh', args: ['-c', script], env: {}, killGraceMs: 150 });
    await readLines(group.stdout, 1);
    const exit = await group.kill();
    assert.deepEqual({ signal: exit.signal, killedByUs: exit.killedByUs }, { signal: 'SIGKILL', killedByUs: true });
    if (process.platform === 'linux') assert.deepEqual(liveGroupMembers(group.pid as number), []);
  });

  it('a leader that already exited: kill() still reaps the orphans left in its group', { skip: !posix && 'POSIX process groups' }, async () => {
    const group = spawnProcessGroup({ command: 'sh', args: ['-c', 'sleep 1000 & echo $!'], env: {} });
    const [line] = await readLines(group.stdout, 1);
    const orphan = Number(line);
    const exit = await group.exited;
    assert.equal(exit.code, 0);
    assert.ok(isProcessAlive(orphan), 'the orphan outlived its parent');
    await group.kill();
    await waitUntil(() => !isProcessAlive(orphan), 'orphan gone', 5000);
  });
});
