/** `hallpass serve`: the headless core with the MCP endpoint, the local socket, the control API and the web UI. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { installRoot } from '../paths/install-root.ts';
import type { Log } from '../model.ts';
import { createCore, HALLPASS_VERSION, type Core, type CoreOptions } from '../index.ts';
import { dataFiles } from '../paths/data-dir.ts';
import { randomIds, streamLog } from '../defaults.ts';
import { createControlHttp } from '../control/http.ts';
import { createMcpEdge } from './mcp-edge.ts';
import { createStaticUi } from './static-ui.ts';
import { startSocketServer } from './socket-server.ts';
import { isAllowedOrigin, isLoopbackHost } from './loopback-guard.ts';
import { sendJson } from './http-util.ts';
import { readLiveInstance, removeInstanceFile, writePrivateFile } from './instance-files.ts';

export interface ServeOptions extends Partial<Omit<CoreOptions, 'dataDir' | 'mcpUrl'>> {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  log?: Log;
  /** Where the built web UI lives (default dist/renderer of this checkout). */
  uiRoot?: string;
}

export interface RunningServe {
  port: number;
  mcpUrl: string;
  /** http://127.0.0.1:<port>/#token=<control token> — the fragment never reaches a server log. */
  uiLink: string;
  core: Core;
  close(): Promise<void>;
}

const defaultUiRoot = () => join(installRoot(), 'dist', 'renderer');

/** Starts serving; refuses when another live instance owns the data dir. */
export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const files = dataFiles(options.dataDir);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  // SECURITY: the data dir holds the database, the control token and the socket: this user only.
  if (process.platform !== 'win32') chmodSync(options.dataDir, 0o700);
  const other = readLiveInstance(files.instance);
  if (other && other.pid !== process.pid) {
    throw new Error(`another Hallpass instance (pid ${other.pid}) is already serving ${options.dataDir} on port ${other.port}`);
  }
  const log = options.log ?? streamLog();
  let port = options.port;
  const core = await createCore({ ...options, log, mcpUrl: () => `http://127.0.0.1:${port}/mcp` });
  const controlToken = (options.ids ?? randomIds).token();
  writePrivateFile(files.controlToken, `${controlToken}\n`);

  const handleMcp = createMcpEdge(core.gateway, { maxBodyBytes: 4 * 1024 * 1024, authenticate: core.authenticate });
  const handleApi = createControlHttp(core.control, controlToken);
  const handleUi = createStaticUi(options.uiRoot ?? defaultUiRoot());

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // SECURITY: loopback Host only and Origin absent or loopback, on every route (DNS rebinding, CSRF).
    if (!isLoopbackHost(req.headers.host) || !isAllowedOrigin(req.headers.origin)) {
      return sendJson(res, 403, { error: 'forbidden: Hallpass only answers loopback hosts and origins' });
    }
    let url: URL;
    try { url = new URL(req.url ?? '/', `http://${req.headers.host}`); } catch { return sendJson(res, 400, { error: 'bad request URL' }); }
    const route = url.pathname === '/mcp' ? handleMcp : url.pathname === '/api' || url.pathname.startsWith('/api/') ? handleApi : handleUi;
    Promise.resolve(route(req, res, url)).catch((err: Error) => {
      log.error('request failed', { path: url.pathname, error: err.message });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 0; // long SSE streams and approval waits
  let socket: Awaited<ReturnType<typeof startSocketServer>>;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
    });
    port = (server.address() as { port: number }).port;
    socket = await startSocketServer({ path: files.socket, gateway: core.gateway, authenticate: core.authenticate, log });
  } catch (err) {
    // Nothing half-started stays behind: close what listens, stop the core.
    server.close();
    await core.dispose();
    const e = err as NodeJS.ErrnoException;
    throw new Error(e.code === 'EADDRINUSE' ? `port ${options.port} is already in use; pick another with --port` : `cannot listen: ${e.message}`);
  }
  writePrivateFile(files.instance, `${JSON.stringify({ pid: process.pid, port, socket: files.socket, version: HALLPASS_VERSION })}\n`);

  let closed = false;
  return {
    port, core,
    mcpUrl: `http://127.0.0.1:${port}/mcp`,
    uiLink: `http://127.0.0.1:${port}/#token=${controlToken}`,
    async close() {
      if (closed) return;
      closed = true;
      removeInstanceFile(files.instance, process.pid);
      await socket.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.dispose();
    },
  };
}
