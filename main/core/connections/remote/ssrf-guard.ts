/** The SSRF guard for remote MCP servers: every URL Hallpass requests (the server and everything discovery finds)
 * must be https to a public address; loopback/private targets (and http to them) only when `allowLoopback` is set. */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isNonPublicAddress } from './address-policy.ts';

/** Resolves a hostname to every address it has. Injected in tests. */
export type Lookup = (hostname: string) => Promise<string[]>;

/** The system resolver. */
export const systemLookup: Lookup = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** A URL the guard refused; says why, never a token. */
export class BlockedUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlockedUrlError';
  }
}

export interface GuardOptions {
  /** Development and tests only: allow loopback and private addresses, and http:// to them. */
  allowLoopback: boolean;
  lookup?: Lookup;
}

/** Checks one URL; resolves to it when allowed. */
export async function checkUrl(raw: string | URL, options: GuardOptions): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BlockedUrlError('refusing a malformed URL');
  }
  const where = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new BlockedUrlError(`refusing ${url.protocol} URLs`);
  if (url.username || url.password) throw new BlockedUrlError(`refusing ${where}: URLs must not carry credentials`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (options.lookup ?? systemLookup)(host);
  } catch {
    throw new BlockedUrlError(`cannot resolve ${url.hostname}`);
  }
  if (addresses.length === 0) throw new BlockedUrlError(`cannot resolve ${url.hostname}`);
  const nonPublic = addresses.filter((a) => isNonPublicAddress(a));
  // SECURITY: a discovered URL must not turn Hallpass into a probe of this machine or the local network.
  if (nonPublic.length > 0 && !options.allowLoopback) {
    throw new BlockedUrlError(`refusing ${where}: it is a loopback or private address (allowed only for servers added for development with allowLoopback)`);
  }
  // SECURITY: tokens never travel in clear text over a network; plain http only to this machine or a private network in development.
  if (url.protocol === 'http:' && !(options.allowLoopback && nonPublic.length === addresses.length)) {
    throw new BlockedUrlError(`refusing ${where}: remote servers must use https`);
  }
  return url;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A fetch that checks every request, and every redirect hop, with `checkUrl`. Redirects never leave the origin. */
export function createGuardedFetch(options: GuardOptions & { fetch?: typeof fetch; maxRedirects?: number }): typeof fetch {
  const base = options.fetch ?? fetch;
  return async (input, init) => {
    let url = await checkUrl(input instanceof Request ? input.url : input, options);
    // SECURITY: fetch never follows a redirect on its own; every hop is checked here first.
    if (input instanceof Request) return base(input, { ...init, redirect: 'manual' });
    if ((init?.redirect ?? 'follow') !== 'follow') return base(url, init);
    let request: RequestInit = { ...init, redirect: 'manual' };
    for (let hop = 0; ; hop++) {
      const response = await base(url, request);
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location) return response;
      const method = (request.method ?? 'GET').toUpperCase();
      // Only bodiless requests (or 303, which turns into GET) are followed; anything else is the caller's to handle.
      if (method !== 'GET' && method !== 'HEAD' && response.status !== 303) return response;
      if (hop >= (options.maxRedirects ?? 5)) throw new BlockedUrlError('too many redirects');
      const next = await checkUrl(new URL(location, url), options);
      // SECURITY: the Authorization header only ever goes to the origin that issued the token.
      if (next.origin !== url.origin) throw new BlockedUrlError(`refusing a redirect from ${url.origin} to ${next.origin}`);
      await response.body?.cancel();
      url = next;
      request = { ...request, method: response.status === 303 ? 'GET' : method, body: null };
    }
  };
}
