/** A node:http server on 127.0.0.1 that plays a provider's API: bearer checks, faults, request log. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FixtureAuth } from './fixture-auth.ts';

/** An API request as the fixture saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An answer: JSON or raw bytes. */
export interface FixtureReply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string | Buffer;
}

/** A scripted answer for the next API request(s); `hang` never answers (for abort tests). */
export type Fault = FixtureReply | { hang: true };

/** How a provider fixture plugs in. */
export interface FixtureSpec {
  /** Short name, used in token values. */
  name: string;
  /** The provider's documented answer to a missing, wrong or expired bearer token. */
  unauthorized(): FixtureReply;
  /** Non-secret token-response extras, e.g. Salesforce's instance_url. */
  tokenExtras?(baseUrl: string): Record<string, string>;
  /** Checks that come before authentication (GitHub's User-Agent rule). */
  precheck?(req: RecordedRequest): FixtureReply | undefined;
  /** The provider's API, after the bearer token was accepted. */
  route(req: RecordedRequest, token: string): FixtureReply | Promise<FixtureReply>;
}

/** A running fixture. */
export interface FixtureServer {
  readonly url: string;
  readonly tokenUrl: string;
  readonly auth: FixtureAuth;
  /** API requests (token endpoint excluded), oldest first. */
  readonly requests: RecordedRequest[];
  /** Answers the next `times` authenticated API requests with `fault` instead of the API. */
  injectFault(fault: Fault, times?: number): void;
  /** Resolves when a hung request's client went away. */
  clientGone(): Promise<void>;
  /** The most recent API request. */
  last(): RecordedRequest;
  close(): Promise<void>;
}

/** Starts a fixture on a random loopback port. */
export async function startFixtureServer(spec: FixtureSpec): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const goneWaiters: Array<() => void> = [];
  let baseUrl = '';
  const auth = new FixtureAuth(spec.name, () => spec.tokenExtras?.(baseUrl) ?? {});

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks),
      };
      if (recorded.method === 'POST' && recorded.path === '/oauth/token') {
        send(res, auth.tokenEndpoint(new URLSearchParams(recorded.body.toString('utf8'))));
        return;
      }
      requests.push(recorded);
      const early = spec.precheck?.(recorded);
      if (early !== undefined) return send(res, early);
      const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
      if (match === null || !auth.isValid(match[1] as string)) return send(res, spec.unauthorized());
      const fault = faults.shift();
      if (fault !== undefined && 'hang' in fault) {
        res.on('close', () => goneWaiters.splice(0).forEach((wake) => wake()));
        return;
      }
      if (fault !== undefined) return send(res, fault);
      Promise.resolve(spec.route(recorded, match[1] as string)).then(
        (reply) => send(res, reply),
        (error: unknown) => send(res, { status: 500, body: `fixture error: ${String(error)}` }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    tokenUrl: `${baseUrl}/oauth/token`,
    auth,
    requests,
    injectFault(fault, times = 1) {
      for (let i = 0; i < times; i += 1) faults.push(fault);
    },
    clientGone: () => new Promise<void>((resolve) => goneWaiters.push(resolve)),
    last() {
      const request = requests.at(-1);
      if (request === undefined) throw new Error(`${spec.name} fixture received no request`);
      return request;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function send(res: ServerResponse, reply: FixtureReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let body: string | Buffer = reply.body ?? '';
  if (reply.json !== undefined) {
    headers['content-type'] ??= 'application/json; charset=utf-8';
    body = JSON.stringify(reply.json);
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}

/** The request body parsed as JSON (throws on bad JSON, which the fixture answers with 500). */
export function jsonBody(req: RecordedRequest): unknown {
  return JSON.parse(req.body.toString('utf8')) as unknown;
}
