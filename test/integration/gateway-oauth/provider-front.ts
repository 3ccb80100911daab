// A provider's front door for end-to-end tests, on one loopback origin like the real provider's:
// - its documented OAuth paths (e.g. GitHub's /login/oauth/authorize) served by a real oidc-provider behind it, the way
//   the provider answers (no RFC 9207 `iss` on the redirect, Salesforce's `instance_url` in token responses);
// - its API served by the provider fixture, reachable only with an access token that oidc-provider issued and still
//   accepts (the resource server asks its authorization server), otherwise the fixture's own 401.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FixtureServer } from '../../support/fixture-server.ts';
import type { OidcServer } from '../../support/oidc-server.ts';

export interface ProviderFront {
  /** The origin: issuer, API base URL and Salesforce instance URL at once. */
  url: string;
  /** Every access and refresh token the authorization server issued through this front. */
  issued: Set<string>;
  /** Bearer tokens the API accepted (valid at the authorization server), oldest first. */
  accepted: string[];
  /** API requests refused for a missing, unknown, expired or revoked token. */
  refused(): number;
  close(): Promise<void>;
}

export interface ProviderFrontOptions {
  as: OidcServer;
  fixture: FixtureServer;
  /** The provider's documented OAuth path → oidc-provider's own path (/auth, /token, /token/revocation). */
  oauthPaths: Record<string, string>;
  /** Fields the provider adds to token responses (Salesforce: instance_url). */
  tokenExtras?: (frontUrl: string) => Record<string, string>;
}

const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding']);

/** Starts the front on a random loopback port. */
export async function startProviderFront(options: ProviderFrontOptions): Promise<ProviderFront> {
  const { as, fixture } = options;
  const asOrigin = new URL(as.issuer).origin;
  const issued = new Set<string>();
  const accepted: string[] = [];
  let refused = 0;
  // The fixture checks its own tokens: a valid one stands in for every token the authorization server accepts.
  const fixtureToken = fixture.auth.grant().accessToken;
  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const url = new URL(req.url ?? '/', origin);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_HEADERS.has(name)) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const mapped = options.oauthPaths[url.pathname];
    const toAs = mapped !== undefined || url.pathname.startsWith('/auth/') || url.pathname.startsWith('/interaction/');
    let target: URL;
    if (toAs) {
      target = new URL(`${mapped ?? url.pathname}${url.search}`, asOrigin);
    } else {
      target = new URL(`${url.pathname}${url.search}`, fixture.url);
      const presented = /^Bearer (\S+)$/.exec(headers.get('authorization') ?? '')?.[1];
      const stored = presented === undefined ? undefined : await as.provider.AccessToken.find(presented);
      if (presented !== undefined && stored !== undefined && !stored.isExpired) {
        accepted.push(presented);
        headers.set('authorization', `Bearer ${fixtureToken}`);
      } else {
        refused += 1;
        headers.delete('authorization');
      }
    }
    const answer = await fetch(target, { method: req.method ?? 'GET', headers, redirect: 'manual', ...(body && { body }) });
    let payload: Buffer = Buffer.from(await answer.arrayBuffer());
    if (mapped === '/token' && answer.headers.get('content-type')?.includes('json')) payload = rewriteTokenResponse(payload);
    const out: Record<string, string | string[]> = {};
    answer.headers.forEach((value, name) => {
      if (!HOP_HEADERS.has(name) && name !== 'set-cookie') out[name] = value;
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length > 0) out['set-cookie'] = cookies;
    if (typeof out.location === 'string') out.location = rewriteLocation(out.location);
    res.writeHead(answer.status, out).end(payload);
  };

  const rewriteTokenResponse = (payload: Buffer): Buffer => {
    const json = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
    for (const name of ['access_token', 'refresh_token']) if (typeof json[name] === 'string') issued.add(json[name]);
    return Buffer.from(JSON.stringify({ ...json, ...options.tokenExtras?.(origin) }));
  };

  /** Keeps the browser on this origin; the redirect back to the app carries no `iss`, as these providers send none. */
  const rewriteLocation = (location: string): string => {
    const next = new URL(location, asOrigin);
    if (next.origin === asOrigin) return `${origin}${next.pathname}${next.search}`;
    next.searchParams.delete('iss');
    return next.href;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`provider front failed: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    issued,
    accepted,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** GitHub's documented OAuth paths (no revocation endpoint). */
export const GITHUB_OAUTH_PATHS = { '/login/oauth/authorize': '/auth', '/login/oauth/access_token': '/token' };
/** Salesforce's documented OAuth paths. */
export const SALESFORCE_OAUTH_PATHS = { '/services/oauth2/authorize': '/auth', '/services/oauth2/token': '/token', '/services/oauth2/revoke': '/token/revocation' };
/** Snowflake's documented OAuth paths on the account URL. */
export const SNOWFLAKE_OAUTH_PATHS = { '/oauth/authorize': '/auth', '/oauth/token-request': '/token' };
