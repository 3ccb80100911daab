/** The connection manager with the core's connection factory and real servers (server-everything, server-filesystem). */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createConnectionManager, type ConnectionManager } from '../../../main/core/connections/connection-manager.ts';
import { createConnectionFactory } from '../../../main/core/connections/connection-factory.ts';
import type { ConnectionConfig, StdioServerConfig } from '../../../main/core/model.ts';
import { everythingServerConfig, filesystemServerConfig } from '../../support/downstream-servers.ts';
import { firstText, isProcessAlive, recordingLog, systemClock, waitForConnection } from '../../support/downstream-helpers.ts';
import type { StdioConnection } from '../../../main/core/connections/stdio/stdio-connection.ts';

const never = () => new AbortController().signal;
const running = (c: { status(): string }) => c.status() === 'running';

describe('connection manager', { timeout: 60_000 }, () => {
  const log = recordingLog();
  let dir: string;
  let manager: ConnectionManager;
  let changes = 0;
  const stdio = (id: string) => manager.get(id) as StdioConnection;
  const filesConfig = (extra: Partial<StdioServerConfig> = {}) => filesystemServerConfig('files', dir, { overrides: { list_directory: 'write' }, ...extra });

  before(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'hallpass-fs-')));
    manager = createConnectionManager({ create: createConnectionFactory({ clock: systemClock, log, dataDir: dir }), log });
    manager.onChange(() => changes++);
  });

  after(async () => {
    await manager.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts every enabled connection, ordered by id', async () => {
    await manager.sync([filesConfig(), everythingServerConfig('alpha'), everythingServerConfig('off', { enabled: false })]);
    assert.deepEqual(manager.list().map((c) => c.id), ['alpha', 'files']);
    assert.equal(manager.get('off'), undefined);
    assert.ok(changes >= 1);
    await Promise.all(manager.list().map((c) => waitForConnection(c, running, `${c.id} running`)));
  });

  it('server-filesystem: access classes from its annotations and the override; calls work inside the allowed dir only', async () => {
    const files = stdio('files');
    const access = Object.fromEntries(files.tools().map((t) => [t.name, t.access]));
    assert.equal(access.read_text_file, 'read');
    assert.equal(access.write_file, 'write');
    assert.equal(access.edit_file, 'write');
    assert.equal(access.create_directory, 'write', 'destructiveHint false is still write');
    assert.equal(access.list_directory, 'write', 'the override wins over readOnlyHint');
    const path = join(dir, 'note.txt');
    const written = await files.callTool('write_file', { path, content: 'hello hallpass' }, { signal: never() });
    assert.notEqual(written.isError, true, firstText(written));
    assert.equal(await readFile(path, 'utf8'), 'hello hallpass');
    const read = await files.callTool('read_text_file', { path }, { signal: never() });
    assert.equal(firstText(read), 'hello hallpass');
    const outside = await files.callTool('read_text_file', { path: '/etc/hostname' }, { signal: never() });
    assert.equal(outside.isError, true);
  });

  it('a sync with equal configs (new objects, other key order) restarts nothing', async () => {
    const before = manager.list();
    const pids = before.map((c) => (c as StdioConnection).pid());
    const reordered = Object.fromEntries(Object.entries(everythingServerConfig('alpha')).reverse()) as unknown as ConnectionConfig;
    await manager.sync([reordered, filesConfig()]);
    assert.deepEqual(manager.list(), before);
    assert.deepEqual(manager.list().map((c) => (c as StdioConnection).pid()), pids);
  });

  it('restarts a changed connection and stops a disabled one (their processes are gone)', async () => {
    const alpha = stdio('alpha');
    const files = stdio('files');
    const [alphaPid, filesPid] = [alpha.pid() as number, files.pid() as number];
    await manager.sync([everythingServerConfig('alpha', { env: { CHANGED: '1' } }), filesConfig({ enabled: false })]);
    assert.equal(files.status(), 'stopped');
    assert.equal(isProcessAlive(filesPid), false);
    assert.equal(alpha.status(), 'stopped');
    assert.equal(isProcessAlive(alphaPid), false);
    assert.deepEqual(manager.list().map((c) => c.id), ['alpha']);
    const restarted = stdio('alpha');
    assert.notEqual(restarted, alpha);
    await waitForConnection(restarted, running, 'alpha restarted');
    assert.equal(firstText(await restarted.callTool('echo', { message: 'new' }, { signal: never() })), 'Echo: new');
  });

  it('rejects duplicate ids and changes nothing', async () => {
    const before = manager.list();
    await assert.rejects(manager.sync([everythingServerConfig('dup'), everythingServerConfig('dup')]), /duplicate connection id "dup"/);
    assert.deepEqual(manager.list(), before);
  });

  it('shows a config it cannot run as a failed connection with the reason, leaving the others alone', async () => {
    const alpha = manager.get('alpha');
    await manager.sync([everythingServerConfig('alpha', { env: { CHANGED: '1' } }), { ...everythingServerConfig('bad-env'), env: { 'NOT VALID': 'x' } }]);
    assert.equal(manager.get('alpha'), alpha, 'untouched');
    const bad = manager.get('bad-env');
    assert.equal(bad?.status(), 'failed');
    assert.match(bad?.statusDetail() ?? '', /invalid stdio server config at env/);
    assert.deepEqual(bad?.tools(), []);
    await assert.rejects(bad?.callTool('x', {}, { signal: never() }) ?? Promise.resolve(), /connection "bad-env" is not available/);
  });

  it('sync([]) stops everything', async () => {
    const pid = stdio('alpha').pid() as number;
    await manager.sync([]);
    assert.deepEqual(manager.list(), []);
    assert.equal(isProcessAlive(pid), false);
  });

  it('refuses to sync after dispose', async () => {
    await manager.sync([everythingServerConfig('late')]);
    const pid = stdio('late').pid();
    await manager.dispose();
    assert.deepEqual(manager.list(), []);
    if (pid) assert.equal(isProcessAlive(pid), false);
    await assert.rejects(manager.sync([everythingServerConfig('late')]), /stopped/);
  });
});
