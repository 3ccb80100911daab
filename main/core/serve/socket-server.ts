/** The local socket for stdio-only clients: a hello line with the client token, then MCP stdio framing. */
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { chmodSync, rmSync } from 'node:fs';
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { Client, Disposable, Log } from '../model.ts';
import type { Gateway } from '../gateway/gateway.ts';

const HELLO_MAX = 4096;
const HELLO_TIMEOUT_MS = 5_000;

export interface SocketServerOptions {
  path: string;
  gateway: Gateway;
  authenticate(token: string | undefined): Client | undefined;
  log: Log;
}

/** Listens on the socket; resolves once listening. */
export async function startSocketServer(options: SocketServerOptions): Promise<Disposable> {
  const sockets = new Set<Socket>();
  const handles = new Set<{ close(): Promise<void> }>();
  if (process.platform !== 'win32') rmSync(options.path, { force: true });
  const server: NetServer = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    readHello(socket).then((token) => {
      const client = options.authenticate(token);
      if (!client) {
        socket.end(`${JSON.stringify({ hallpass: 'error', message: 'unknown or missing client token (set HALLPASS_TOKEN to a token from `hallpass clients add`)' })}\n`);
        return;
      }
      socket.write(`${JSON.stringify({ hallpass: 'ok' })}\n`);
      const handle = serveStdio(() => options.gateway.serverFor(client), {
        transport: new StdioServerTransport(socket, socket),
        onerror: (e) => options.log.warn('socket mcp', { error: e.message }),
      });
      handles.add(handle);
      // readHello paused the socket; adding a 'data' listener does not restart an explicitly paused stream.
      socket.resume();
      socket.on('close', () => { handles.delete(handle); handle.close().catch(() => {}); });
    }, (err: Error) => {
      socket.end(`${JSON.stringify({ hallpass: 'error', message: err.message })}\n`);
    });
  });
  // SECURITY: only this user may connect: the socket is born 0600 (umask), not chmod-ed after a window.
  const previousUmask = process.platform !== 'win32' ? process.umask(0o177) : undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.path, () => { server.off('error', reject); resolve(); });
    });
  } finally {
    if (previousUmask !== undefined) process.umask(previousUmask);
  }
  if (process.platform !== 'win32') chmodSync(options.path, 0o600);
  return {
    async dispose() {
      for (const h of handles) await h.close().catch(() => {});
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (process.platform !== 'win32') rmSync(options.path, { force: true });
    },
  };
}

/** Reads the first line `{"hallpass":"hello","token":…}`; leaves any following bytes in the socket. */
function readHello(socket: Socket): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => done(new Error('no hello line in time')), HELLO_TIMEOUT_MS);
    const done = (err: Error | undefined, token?: string) => {
      clearTimeout(timer);
      socket.off('data', onData);
      if (err) reject(err);
      else resolve(token);
    };
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const nl = buf.indexOf(0x0a);
      if (nl === -1) {
        if (buf.length > HELLO_MAX) done(new Error('hello line too long'));
        return;
      }
      const rest = buf.subarray(nl + 1);
      socket.pause();
      if (rest.length) socket.unshift(rest);
      try {
        const hello = JSON.parse(buf.subarray(0, nl).toString('utf8')) as { hallpass?: unknown; token?: unknown };
        if (hello.hallpass !== 'hello') return done(new Error('expected a hello line first'));
        done(undefined, typeof hello.token === 'string' ? hello.token : undefined);
      } catch {
        done(new Error('the hello line is not JSON'));
      }
    };
    socket.on('data', onData);
  });
}
