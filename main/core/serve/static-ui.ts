/** Serves the built web UI (dist/renderer) at `/` with a strict CSP, or a plain page when it is not built. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

/** The Content-Security-Policy of every UI response. */
export const UI_CSP = "default-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const PLAIN_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Hallpass</title>
<body><h1>Hallpass is running</h1><p>The web UI has not been built in this checkout. Run <code>npm run build:renderer</code>, then reload.</p>
<p>The control API is under <code>/api</code>; agents connect to <code>/mcp</code>.</p></body></html>`;

/** Returns the handler for everything outside /mcp and /api. */
export function createStaticUi(root: string) {
  return function handleUi(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const headers = { 'content-security-policy': UI_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers);
      return void res.end();
    }
    let path = decodeURIComponent(url.pathname);
    if (path === '/' || path === '') path = '/index.html';
    const file = normalize(join(root, path));
    // SECURITY: never serve outside the UI folder.
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      if (path === '/index.html') {
        res.writeHead(200, { ...headers, 'content-type': TYPES['.html']! });
        return void res.end(PLAIN_PAGE);
      }
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' });
      return void res.end('not found');
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  };
}
