/** Restart behaviour with real crashing processes, stepped with manual timers: backoff, `failed`, no secret leaks. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createStdioConnection } from '../../../main/core/connections/stdio/stdio-connection.ts';
import type { StdioServerConfig } from '../../../main/core/model.ts';
import { isProcessAlive, recordingLog, systemClock, waitForConnection, waitUntil } from '../../support/downstream-helpers.ts';
import { manualTimers } from '../../support/downstream-manual-timers.ts';
import { everythingServerConfig } from '../../support/downstream-servers.ts';

const SECRET = 'sk-live-supersecret-4242';

function nodeScript(id: string, script: string, env: Record<string, string> = {}): StdioServerConfig {
  return { kind: 'stdio', id, command: process.execPath, args: ['-e', script], env, enabled: true };
}

describe('stdio connection restarts', { timeout: 60_000 }, () => {
  it('backs off exponentially, reports failed after repeated quick crashes, keeps retrying at the cap, and never leaks env values', async () => {
    const timers = manualTimers();
    const log = recordingLog();
    const config = nodeScript('crasher', "console.error('fatal: key ' + process.env.API_TOKEN + ' rejected'); process.exit(3)", { API_TOKEN: SECRET });
    const connection = createStdioConnection(config, {
      clock: systemClock,
      log,
      timers,
      restartPolicy: { initialDelayMs: 100, maxDelayMs: 1000, failAfterQuickCrashes: 3 },
    });
    const statuses: string[] = [];
    for (let crash = 1; crash <= 5; crash++) {
      await waitUntil(() => timers.pending().length === 1, `restart timer #${crash}`);
      statuses.push(connection.status());
      if (crash < 5) timers.fireNext();
    }
    assert.deepEqual(timers.history(), [100, 200, 1000, 1000, 1000]);
    assert.deepEqual(statuses, ['restarting', 'restarting', 'failed', 'failed', 'failed']);
    const detail = connection.statusDetail() ?? '';
    assert.match(detail, /^failed: exited with code 3; 5 quick crashes in a row; retrying every 1 s; stderr: fatal: key \[redacted\] rejected$/);
    assert.ok(!JSON.stringify(log.lines).includes(SECRET), 'no env value in the log');
    assert.ok(!detail.includes(SECRET));
    assert.deepEqual(connection.tools(), []);
    await assert.rejects(connection.callTool('anything', {}, { signal: new AbortController().signal }), /"crasher" is not running \(failed\)/);
    await connection.dispose();
    assert.deepEqual(timers.pending(), [], 'dispose cancels the pending restart');
    assert.equal(connection.status(), 'stopped');
  });

  it('a command that does not exist is reported and retried', async () => {
    const timers = manualTimers();
    const connection = createStdioConnection(
      { kind: 'stdio', id: 'missing', command: '/nonexistent/hallpass-test-server', args: [], env: {}, enabled: true },
      { clock: systemClock, log: recordingLog(), timers },
    );
    await waitUntil(() => timers.pending().length === 1, 'restart timer');
    assert.equal(connection.status(), 'restarting');
    assert.match(connection.statusDetail() ?? '', /^could not start \(spawn \/nonexistent\/hallpass-test-server ENOENT\)/);
    await connection.dispose();
    assert.deepEqual(timers.pending(), []);
  });

  it('a process that never answers the handshake is killed after the start timeout and retried', async () => {
    const timers = manualTimers();
    const connection = createStdioConnection(nodeScript('silent', 'setInterval(() => {}, 1000)'), {
      clock: systemClock,
      log: recordingLog(),
      timers,
      startTimeoutMs: 300,
      killGraceMs: 200,
    });
    await waitUntil(() => timers.pending().length === 1, 'restart timer');
    assert.equal(connection.status(), 'restarting');
    assert.match(connection.statusDetail() ?? '', /^could not initialize \(.*timed out.*\)/i);
    await connection.dispose();
  });

  it('a server that ignores SIGTERM is SIGKILLed after the grace period on dispose', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hallpass-stubborn-'));
    try {
      const ready = join(dir, 'ready');
      const script = `process.on('SIGTERM', () => {}); process.stdin.resume(); require('node:fs').writeFileSync(${JSON.stringify(ready)}, ''); setInterval(() => {}, 1000)`;
      const connection = createStdioConnection(nodeScript('stubborn', script), { clock: systemClock, log: recordingLog(), timers: manualTimers(), killGraceMs: 200 });
      await waitUntil(() => existsSync(ready), 'SIGTERM handler installed');
      const pid = connection.pid() as number;
      await connection.dispose(); // would never resolve without the SIGKILL escalation
      assert.equal(isProcessAlive(pid), false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('recovers to running when a restart succeeds', async () => {
    const timers = manualTimers();
    const dir = await mkdtemp(join(tmpdir(), 'hallpass-restart-'));
    try {
      // Crashes on its first start only (a marker file), then runs server-everything.
      const marker = JSON.stringify(join(dir, 'crashed-once'));
      const entry = JSON.stringify(pathToFileURL(everythingServerConfig().args[0] as string).href);
      const script = `const fs = require('node:fs'); if (!fs.existsSync(${marker})) { fs.writeFileSync(${marker}, ''); process.exit(1); } import(${entry});`;
      const connection = createStdioConnection(nodeScript('flaky', script), { clock: systemClock, log: recordingLog(), timers });
      await waitUntil(() => timers.pending().length === 1, 'restart timer');
      assert.equal(connection.status(), 'restarting');
      timers.fireNext();
      await waitForConnection(connection, (c) => c.status() === 'running', 'running after restart');
      assert.match(connection.statusDetail() ?? '', /restarted 1 time$/);
      assert.ok(connection.tools().some((t) => t.name === 'echo'));
      await connection.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
