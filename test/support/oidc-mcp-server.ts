// A remote MCP server protected by OAuth, built with the SDK's server auth helpers (requireBearerAuth,
// protected-resource metadata) and a real oidc-provider as its authorization server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createMcpHandler,
  getOAuthProtectedResourceMetadataUrl,
  McpServer,
  OAuthError,
  OAuthErrorCode,
  oauthMetadataResponse,
  requireBearerAuth,
  type AuthInfo,
  type OAuthMetadata,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import { startOidcServer, type OidcServer } from './oidc-server.ts';
import { writeResponse } from '../../main/core/serve/http-util.ts';

export interface OidcMcpServer {
  /** `http://127.0.0.1:<port>/mcp`. */
  url: string;
  as: OidcServer;
  /** Every bearer token the MCP endpoint accepted, in order. */
  acceptedTokens: string[];
  /** How many requests were refused with 401. */
  refused(): number;
  /** Calls of `wait-for-cancel` that started, and that saw their request cancelled. */
  waits: { started: number; cancelled: number };
  close(): Promise<void>;
}

const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

/** Starts the AS (dynamic registration on, resource indicator for this server) and the MCP server (protected unless asked). */
export async function startOidcMcpServer(options: { accessTokenTtlSeconds?: number; unprotected?: boolean } = {}): Promise<OidcMcpServer> {
  const acceptedTokens: string[] = [];
  let refused = 0;
  const waits = { started: 0, cancelled: 0 };
  let route: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    if (!route) return void res.writeHead(503).end();
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  const as = await startOidcServer({ registration: true, resources: { [url]: 'mcp' }, scopes: ['mcp'], accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 300 });
  const oauthMetadata = (await (await fetch(`${as.issuer}/.well-known/openid-configuration`)).json()) as OAuthMetadata;
  const metadataOptions = { oauthMetadata, resourceServerUrl: new URL(url), scopesSupported: ['mcp'], resourceName: 'Hallpass test MCP server', dangerouslyAllowInsecureIssuerUrl: true };

  const gate = requireBearerAuth({
    verifier: {
      async verifyAccessToken(token: string): Promise<AuthInfo> {
        // The resource server asks its AS (in-process here) about the token: unknown, expired or revoked → 401.
        const stored = await as.provider.AccessToken.find(token);
        if (!stored || stored.isExpired) throw new OAuthError(OAuthErrorCode.InvalidToken, 'unknown, expired or revoked token');
        const audience = Array.isArray(stored.aud) ? stored.aud[0] : stored.aud;
        return {
          token,
          clientId: stored.clientId,
          scopes: (stored.scope ?? '').split(' ').filter(Boolean),
          ...(stored.exp !== undefined && { expiresAt: stored.exp }),
          ...(audience !== undefined && { resource: new URL(audience) }),
        };
      },
    },
    requiredScopes: ['mcp'],
    resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL(url)),
    expectedResource: new URL(url),
  });

  const handler = createMcpHandler(({ authInfo }) => {
    const mcp = new McpServer({ name: 'oauth-protected-test-server', version: '1.0.0' });
    mcp.registerTool('echo', { description: 'Echoes the message.', inputSchema: z.object({ message: z.string() }), annotations: { readOnlyHint: true } }, ({ message }) => text(`echo: ${message}`));
    mcp.registerTool('whoami', { description: 'Who the token says is calling.', annotations: { readOnlyHint: true } }, () =>
      text(JSON.stringify({ clientId: authInfo?.clientId, scopes: authInfo?.scopes })),
    );
    // A careless server that reflects the caller's credentials: Hallpass must not pass them on to the agent.
    mcp.registerTool('debug-headers', { description: 'Reflects the Authorization header it received.' }, () => text(`Authorization: Bearer ${authInfo?.token}; token=${authInfo?.token}`));
    mcp.registerTool('wait-for-cancel', { description: 'Waits until the caller cancels.' }, async (ctx) => {
      waits.started += 1;
      const { signal } = ctx.mcpReq;
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
      waits.cancelled += 1;
      return text('cancelled');
    });
    return mcp;
  });

  route = async (req, res) => {
    // The client cancels by closing its request: the handler sees it through the request's signal.
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const request = await toRequest(req, new URL(req.url ?? '/', url), abort.signal);
    const metadata = oauthMetadataResponse(request, metadataOptions);
    if (metadata) return writeResponse(metadata, res);
    if (new URL(request.url).pathname !== '/mcp') return void res.writeHead(404).end();
    if (options.unprotected) return writeResponse(await handler.fetch(request), res);
    const auth = await gate(request);
    if (auth instanceof Response) {
      if (auth.status === 401) refused += 1;
      return writeResponse(auth, res);
    }
    acceptedTokens.push(auth.token);
    return writeResponse(await handler.fetch(request, { authInfo: auth }), res);
  };

  return {
    url,
    as,
    acceptedTokens,
    refused: () => refused,
    waits,
    async close() {
      await handler.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await as.close();
    },
  };
}

async function toRequest(req: IncomingMessage, url: URL, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  if (req.method === 'POST') for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  return new Request(url, { method: req.method ?? 'GET', headers, signal, ...(chunks.length > 0 && { body: Buffer.concat(chunks) }) });
}
