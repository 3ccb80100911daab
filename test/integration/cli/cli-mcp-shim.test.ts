// `hallpass mcp` (the stdio shim) as a real child process: its failures, and its relay against a socket
// that speaks the instance's documented hello protocol (the real instance is in cli-serve-*.test.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLI_ENTRY, cliEnv, createTempHome, runCli, type CliResult } from '../../support/serve-process.ts';

type Behaviour = (socket: Socket, hello: string, rest: Buffer) => void;

/** A Unix socket that reads the hello line, records it, and then behaves as told. */
async function helloSocket(path: string, behaviour: Behaviour): Promise<{ server: Server; hellos: string[] }> {
  const hellos: string[] = [];
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const nl = buf.indexOf(0x0a);
      if (nl === -1) return;
      socket.off('data', onData);
      const hello = buf.subarray(0, nl).toString('utf8');
      hellos.push(hello);
      behaviour(socket, hello, buf.subarray(nl + 1));
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return { server, hellos };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function assertCleanFailure(r: CliResult, pattern: RegExp): void {
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, '', 'stdout stays pure JSON-RPC: nothing on failure');
  assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
  assert.match(r.stderr, pattern);
}

describe('hallpass mcp (stdio shim)', () => {
  let home: string;
  let socketPath: string;
  const TOKEN = 'hp_fixture-token';
  const writeInstance = (pid: number) =>
    writeFile(join(home, 'instance.json'), JSON.stringify({ pid, port: 1, socket: socketPath, version: 'test' }));

  before(async () => {
    home = await createTempHome();
    socketPath = join(home, 'hallpass.sock');
  });
  after(async () => { await rm(home, { recursive: true, force: true }); });

  it('fails clearly without a token', async () => {
    assertCleanFailure(await runCli(['mcp'], { home }), /^hallpass: HALLPASS_TOKEN is not set/);
    assertCleanFailure(await runCli(['mcp'], { home, env: { HALLPASS_TOKEN: '  ' } }), /HALLPASS_TOKEN is not set/);
  });

  it('fails clearly when no instance runs (no instance file, or a stale one)', async () => {
    assertCleanFailure(await runCli(['mcp'], { home, env: { HALLPASS_TOKEN: TOKEN } }), /^hallpass: no Hallpass instance is running for .*hallpass serve/);
    await writeInstance(spawnSync(process.execPath, ['-e', '']).pid!);
    assertCleanFailure(await runCli(['mcp'], { home, env: { HALLPASS_TOKEN: TOKEN } }), /no Hallpass instance is running/);
    // A live pid whose socket is gone.
    await writeInstance(process.pid);
    assertCleanFailure(await runCli(['mcp'], { home, env: { HALLPASS_TOKEN: TOKEN } }), /no Hallpass instance is running/);
  });

  it('reports a refused token with the instance\'s reason', async () => {
    await writeInstance(process.pid);
    const { server, hellos } = await helloSocket(socketPath, (socket) => socket.end('{"hallpass":"error","message":"unknown or missing client token"}\n'));
    try {
      assertCleanFailure(await runCli(['mcp'], { home, env: { HALLPASS_TOKEN: 'hp_wrong' }, input: '{"jsonrpc":"2.0"}\n' }),
        /^hallpass: the running Hallpass refused the shim: unknown or missing client token\n$/);
      assert.deepEqual(hellos.map((h) => JSON.parse(h) as unknown), [{ hallpass: 'hello', token: 'hp_wrong' }]);
    } finally {
      await closeServer(server);
    }
  });

  it('relays bytes both ways unchanged and exits 0 when stdin closes', async () => {
    await writeInstance(process.pid);
    const early = '{"jsonrpc":"2.0","method":"notifications/message","params":{"data":"early ✓"}}\n';
    const received: Buffer[] = [];
    const { server, hellos } = await helloSocket(socketPath, (socket, _hello, rest) => {
      // The answer line and the first relayed bytes arrive in one chunk.
      socket.write(`{"hallpass":"ok"}\n${early}`);
      received.push(rest);
      socket.on('data', (d: Buffer) => received.push(d));
      // When the shim's stdin closes it half-closes; answer with everything it sent, then close.
      socket.on('end', () => socket.end(Buffer.concat([Buffer.from('echo:'), ...received])));
    });
    try {
      const big = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x","arguments":{"blob":"${'é✓\\u0000 '.repeat(100_000)}"}}}\n`;
      const input = `{"jsonrpc":"2.0","id":0,"method":"initialize"}\n${big}no newline at the end`;
      const r = await runCli(['mcp'], { home, env: { HALLPASS_TOKEN: ` ${TOKEN}\n` }, input });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.deepEqual(hellos.map((h) => JSON.parse(h) as unknown), [{ hallpass: 'hello', token: TOKEN }]);
      assert.ok(Buffer.concat(received).equals(Buffer.from(input)), 'the instance got stdin byte for byte');
      assert.equal(r.stdout, `${early}echo:${input}`, 'stdout got the socket byte for byte, nothing else');
    } finally {
      await closeServer(server);
    }
  });

  it('exits 1 with a message when the instance closes the connection while the client is still there', async () => {
    await writeInstance(process.pid);
    const { server } = await helloSocket(socketPath, (socket) => socket.end('{"hallpass":"ok"}\n{"jsonrpc":"2.0","method":"bye"}\n'));
    const child = spawn(process.execPath, [CLI_ENTRY, 'mcp'], { env: cliEnv(home, { HALLPASS_TOKEN: TOKEN }), stdio: 'pipe' });
    try {
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
      child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
      // stdin stays open: the shim must still exit on its own.
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 1, stderr);
      assert.equal(stdout, '{"jsonrpc":"2.0","method":"bye"}\n');
      assert.equal(stderr, 'hallpass: the Hallpass instance closed the connection\n');
    } finally {
      child.kill('SIGKILL');
      await closeServer(server);
    }
  });
});
