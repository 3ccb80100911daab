/** The HTTP edge of /mcp: loopback checks, bearer authentication, body limit, then the gateway. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Gateway } from '../gateway/gateway.ts';
import type { Client } from '../model.ts';
import { readBody, sendJson, writeResponse, BodyTooLargeError } from './http-util.ts';
import { tryFastCall } from './mcp-fast-path.ts';

export interface McpEdgeOptions {
  maxBodyBytes: number;
  authenticate(token: string | undefined): Client | undefined;
}

/** Returns the /mcp handler. */
export function createMcpEdge(gateway: Gateway, options: McpEdgeOptions) {
  return async function handleMcp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    // SECURITY: per-client identity: no valid token, no MCP.
    const client = options.authenticate(token);
    if (!client) {
      res.setHeader('www-authenticate', 'Bearer realm="hallpass"');
      return sendJson(res, 401, { jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Unauthorized: send Authorization: Bearer <your Hallpass client token> (hallpass clients add NAME)' } });
    }
    let body: Buffer | undefined;
    if (req.method === 'POST') {
      try {
        body = await readBody(req, options.maxBodyBytes);
      } catch (err) {
        if (err instanceof BodyTooLargeError) return sendJson(res, 413, { jsonrpc: '2.0', id: null, error: { code: -32600, message: err.message } });
        throw err;
      }
    }
    const abort = new AbortController();
    res.on('close', () => { if (!res.writableFinished) abort.abort(); });
    if (body && body.length) {
      const fast = await tryFastCall(gateway, client, req.headers, body, abort.signal);
      if (fast !== undefined) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(fast) });
        return void res.end(fast);
      }
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || k === 'authorization') continue; // SECURITY: the client token goes no further
      headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const request = new Request(url, { method: req.method ?? 'GET', headers, signal: abort.signal, ...(body && body.length ? { body: new Uint8Array(body) } : {}) });
    const response = await gateway.fetch(request, client);
    await writeResponse(response, res);
  };
}
