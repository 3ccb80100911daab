/** The loopback redirect of a native app (RFC 8252 §7.3): 127.0.0.1, a random port, one callback, then closed. */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Disposable } from '../../model.ts';

export const CALLBACK_PATH = '/callback';

export interface LoopbackCallback extends Disposable {
  /** `http://127.0.0.1:<port>/callback`. */
  redirectUri: string;
  /** The full callback URL the browser brought back (resolves once; rejects on timeout or abort). */
  received: Promise<URL>;
  /** Answers the waiting browser with a short page; a later call does nothing. */
  respond(ok: boolean, message: string): void;
}

/** Starts listening. Only the first GET of the callback path counts; the listener closes right after it. */
export async function listenForCallback(options: { timeoutMs: number; signal?: AbortSignal }): Promise<LoopbackCallback> {
  let pending: ServerResponse | undefined;
  let settle: { resolve(url: URL): void; reject(error: Error): void } | undefined;
  const received = new Promise<URL>((resolve, reject) => (settle = { resolve, reject }));
  received.catch(() => {}); // the caller may stop waiting first; dispose() still settles it
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', redirectUri);
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH || settle === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    // INVARIANT: one callback per flow; the state it carries is single-use, and the listener stops accepting at once.
    const done = settle;
    settle = undefined;
    pending = res;
    server.close();
    done.resolve(url);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // SECURITY: the IPv4 loopback literal (RFC 8252 §8.3), never a wildcard address other machines could reach.
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${CALLBACK_PATH}`;

  const fail = (error: Error): void => {
    const s = settle;
    settle = undefined;
    s?.reject(error);
  };
  const timer = setTimeout(() => fail(new Error(`no answer from the browser within ${Math.round(options.timeoutMs / 1000)} s; start the connection again`)), options.timeoutMs);
  const onAbort = (): void => fail(new Error('the authorization was cancelled'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  const respond = (ok: boolean, message: string): void => {
    const res = pending;
    pending = undefined;
    if (!res) return;
    const title = ok ? 'Hallpass is connected' : 'Hallpass could not connect';
    const page = `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${escapeHtml(message)}</p>`;
    // SECURITY: no caching of a page whose URL held a code, and no Referer carrying it anywhere.
    res.writeHead(ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).end(page);
  };

  return {
    redirectUri,
    received,
    respond,
    dispose() {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fail(new Error('the authorization was stopped'));
      respond(false, 'The authorization was stopped.');
      server.close();
      server.closeAllConnections();
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
