/** The `api` helper tools call: bearer auth, refresh-once on 401, Retry-After, same-origin redirects. */
import type { z } from 'zod';
import type { Clock } from '../../model.ts';
import type { ProgressUpdate } from '../connection-types.ts';
import type { TokenSource } from '../oauth/token-source.ts';
import { buildUrl, checkBaseUrl, type QueryParams } from './base-url.ts';
import { exchange, type Exchange } from './http-exchange.ts';
import type { ConnectorLimits, ProviderProfile } from './provider-profile.ts';
import { decodeJson, tryJson, utf8 } from './read-body.ts';
import { defaultRetryPolicy } from './retry-after.ts';
import type { Sleep } from './sleep.ts';
import { ProviderError, RateLimitedError, ToolFailure } from './tool-failure.ts';

/** One request to the provider's API. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path under the base URL, starting with "/"; encode ids with `segment()`. */
  path: string;
  query?: QueryParams;
  headers?: Readonly<Record<string, string>>;
  /** A JSON body (sets Content-Type). */
  json?: unknown;
  /** A raw body with its content type (multipart uploads). */
  body?: { data: string | Uint8Array<ArrayBuffer>; contentType: string };
  /** Per-request body cap, below the connection's limit. */
  maxBytes?: number;
  /** Replaces the call's signal (best-effort cleanup after an abort, e.g. cancelling a statement). */
  signal?: AbortSignal;
}

/** A successful (2xx) response. */
export type ApiResponse = Exchange;

/** What tools use to talk to their provider. */
export interface ApiClient {
  request(req: ApiRequest): Promise<ApiResponse>;
  /** `request` + JSON parse + zod validation of the answer. */
  json<S extends z.ZodType>(req: ApiRequest, schema: S): Promise<z.output<S>>;
}

/** What an API client is built from (one per call). */
export interface ApiClientDeps {
  profile: ProviderProfile;
  tokens: TokenSource;
  fetch: typeof fetch;
  clock: Clock;
  sleep: Sleep;
  signal: AbortSignal;
  limits: ConnectorLimits;
  /** Told every token this call used, so results can be redacted. */
  sawToken(token: string): void;
  progress(update: ProgressUpdate): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Builds the API client of one call. */
export function createApiClient(deps: ApiClientDeps): ApiClient {
  const { profile, limits } = deps;
  const name = profile.displayName;
  const policy = profile.retryPolicy ?? defaultRetryPolicy;

  const describe = (res: Exchange): string =>
    profile.describeError(res.status, tryJson(res.body)) ?? (utf8(res.body)?.trim().slice(0, 300) || 'no details given');

  async function request(req: ApiRequest): Promise<ApiResponse> {
    const base = checkBaseUrl(profile.baseUrl());
    if (!base.ok) throw new ToolFailure(`${name} is not configured correctly: ${base.reason}`);
    let url = buildUrl(base.url, req.path, req.query);
    const signal = req.signal ?? deps.signal;
    let token = await deps.tokens.accessToken();
    deps.sawToken(token);
    let refreshed = false;
    let retries = 0;
    let redirects = 0;
    for (;;) {
      const res = await exchange({
        fetch: deps.fetch, url, signal, provider: name, timeoutMs: limits.requestTimeoutMs,
        maxBytes: Math.min(req.maxBytes ?? limits.maxResponseBytes, limits.maxResponseBytes),
        init: { method: req.method, headers: headersFor(req, token, profile), body: bodyOf(req) },
      });
      if (res.status === 401) {
        if (refreshed) throw new ProviderError(name, 401, `${describe(res)} (still refused after refreshing the token; reconnect the connection if this persists)`);
        refreshed = true;
        // INVARIANT: exactly one refresh per request; the token source shares it among concurrent callers.
        token = await deps.tokens.refreshAfterUnauthorized(token);
        deps.sawToken(token);
        continue;
      }
      if (REDIRECTS.has(res.status)) {
        url = sameOriginRedirect(url, res, req.method, ++redirects, limits.maxRedirects, name);
        continue;
      }
      const wait = policy(res, deps.clock.now());
      if (wait !== undefined) {
        if (retries >= limits.maxRetries || wait > limits.maxRetryWaitMs) throw new RateLimitedError(name, res.status, wait, describe(res));
        retries += 1;
        deps.progress({ progress: retries, message: `${name} asked to wait ${Math.ceil(wait / 1000)} s; retrying` });
        await deps.sleep(wait, signal);
        continue;
      }
      if (res.status < 200 || res.status > 299) throw new ProviderError(name, res.status, describe(res));
      return res;
    }
  }

  return {
    request,
    async json(req, schema) {
      const res = await request(req);
      return decodeJson(name, res.body, schema);
    },
  };
}

function headersFor(req: ApiRequest, token: string, profile: ProviderProfile): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'Hallpass', accept: 'application/json', ...profile.headers, ...req.headers };
  if (req.json !== undefined) headers['content-type'] = 'application/json';
  if (req.body !== undefined) headers['content-type'] = req.body.contentType;
  // SECURITY: set last, so no tool or profile header can replace or duplicate the credential.
  headers.authorization = `Bearer ${token}`;
  return headers;
}

function bodyOf(req: ApiRequest): string | Uint8Array<ArrayBuffer> | undefined {
  if (req.json !== undefined) return JSON.stringify(req.json);
  return req.body?.data;
}

function sameOriginRedirect(from: URL, res: Exchange, method: string, count: number, max: number, name: string): URL {
  const location = res.headers.get('location');
  if (method !== 'GET' || location === null || count > max) {
    throw new ToolFailure(`${name} answered with a redirect (HTTP ${res.status}) Hallpass does not follow`);
  }
  const next = new URL(location, from);
  // SECURITY: the bearer token is only ever sent to the origin that the connection is configured for.
  if (next.origin !== from.origin) throw new ToolFailure(`${name} redirected to another origin (${next.origin}); not following it with credentials`);
  return next;
}
