// A real OAuth 2.0 / OpenID Connect authorization server for tests: oidc-provider on 127.0.0.1 (random port),
// with a login/consent handler that approves a test user at once, so a flow can be driven over plain HTTP.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type OidcContext } from 'oidc-provider';

export interface OidcServerOptions {
  /** Access-token lifetime in seconds (short by default: 60). */
  accessTokenTtlSeconds?: number;
  /** RFC 8707 resource servers this AS issues tokens for: resource URL → the scope it accepts. */
  resources?: Record<string, string>;
  /** Open dynamic client registration (RFC 7591), as MCP clients use it. */
  registration?: boolean;
  /** Extra scopes offered besides `openid` and `offline_access`. */
  scopes?: string[];
}

export interface OidcServer {
  /** `http://127.0.0.1:<port>`: the issuer identifier and the base of every endpoint. */
  issuer: string;
  /** A public native client: PKCE required, loopback redirect (any port), refresh tokens rotated on every use. */
  publicClientId: string;
  /** A confidential client authenticating with `client_secret_basic`. */
  confidentialClient: { id: string; secret: string };
  provider: Provider;
  /** How many token requests of this grant type succeeded. */
  grants(type: 'authorization_code' | 'refresh_token'): number;
  /** How many revocation requests reached the AS. */
  revocations(): number;
  /** How many dynamic client registrations were requested. */
  registrations(): number;
  /** Is this access / refresh token still usable at the AS? */
  accessTokenActive(value: string): Promise<boolean>;
  refreshTokenActive(value: string): Promise<boolean>;
  /** Makes a refresh token expired at the AS (as if its lifetime had passed). */
  expireRefreshToken(value: string): Promise<void>;
  close(): Promise<void>;
}

export const TEST_ACCOUNT = 'test-user';

/** Starts the authorization server. `close()` stops it and drops every connection. */
export async function startOidcServer(options: OidcServerOptions = {}): Promise<OidcServer> {
  const counts = { authorization_code: 0, refresh_token: 0, revocation: 0, registration: 0 };
  let provider: Provider | undefined;
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (!provider || !handle) return void res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/')) return void approve(provider, req, res);
    if (req.method === 'POST' && req.url === '/token/revocation') counts.revocation += 1;
    if (req.method === 'POST' && req.url === '/reg') counts.registration += 1;
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const confidentialClient = { id: 'confidential-client', secret: 'confidential-secret-5d9e1f3a7b2c4e6f' };
  const resources = options.resources ?? {};
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'public-native-client',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      {
        client_id: confidentialClient.id,
        client_secret: confidentialClient.secret,
        application_type: 'native',
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...jwk, use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['hallpass-test-cookie-key'] },
    scopes: ['openid', 'offline_access', ...(options.scopes ?? ['api.read'])],
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true, allowedPolicy: (_ctx: unknown, client: { clientId: string }, token: { clientId: string }) => token.clientId === client.clientId },
      registration: { enabled: options.registration === true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx: unknown, _client: unknown, oneOf?: string[]) => oneOf,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          const scope = resources[resource];
          if (scope === undefined) throw new errors.InvalidTarget('unknown resource');
          return { scope, audience: resource, accessTokenTTL: options.accessTokenTtlSeconds ?? 60, accessTokenFormat: 'opaque' };
        },
      },
    },
    pkce: { required: () => true },
    // Refresh tokens for every client allowed the grant (no offline_access + prompt=consent dance), rotated on every use.
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    ttl: { AccessToken: options.accessTokenTtlSeconds ?? 60, RefreshToken: 24 * 3600, Grant: 24 * 3600, Interaction: 600, Session: 3600, IdToken: 600 },
    adapter: MemoryAdapter,
  });
  provider.on('grant.success', (ctx: OidcContext) => {
    const type = ctx.oidc.params?.grant_type;
    if (type === 'authorization_code' || type === 'refresh_token') counts[type] += 1;
  });
  handle = provider.callback();
  const p = provider;

  return {
    issuer,
    publicClientId: 'public-native-client',
    confidentialClient,
    provider: p,
    grants: (type) => counts[type],
    revocations: () => counts.revocation,
    registrations: () => counts.registration,
    accessTokenActive: async (value) => (await p.AccessToken.find(value)) !== undefined,
    refreshTokenActive: async (value) => {
      const token = await p.RefreshToken.find(value);
      return token !== undefined && !token.consumed && !token.isExpired;
    },
    async expireRefreshToken(value) {
      const token = await p.RefreshToken.find(value);
      if (!token) throw new Error('no such refresh token');
      token.exp = Math.floor(Date.now() / 1000) - 60;
      await token.save();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** oidc-provider's storage, in this process's memory (one store per model name, per server). */
class MemoryAdapter {
  /** oidc-provider constructs one adapter per model (AccessToken, RefreshToken…) per provider. */
  private readonly items = new Map<string, Record<string, unknown>>();
  async upsert(id: string, payload: Record<string, unknown>): Promise<void> {
    this.items.set(id, payload);
  }
  async find(id: string): Promise<Record<string, unknown> | undefined> {
    return this.items.get(id);
  }
  async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
    return [...this.items.values()].find((p) => p.uid === uid);
  }
  async findByUserCode(code: string): Promise<Record<string, unknown> | undefined> {
    return [...this.items.values()].find((p) => p.userCode === code);
  }
  async consume(id: string): Promise<void> {
    const item = this.items.get(id);
    if (item) item.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string): Promise<void> {
    this.items.delete(id);
  }
  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [id, p] of this.items) if (p.grantId === grantId) this.items.delete(id);
  }
}

/** The login and consent "pages": approve the test user and every scope, claim and resource asked for. */
async function approve(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(req, res, { login: { accountId: TEST_ACCOUNT } }, { mergeWithLastSubmission: false });
      return;
    }
    const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session?.accountId ?? TEST_ACCOUNT, clientId: details.params.client_id });
    if (!grant) throw new Error('grant not found');
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`interaction failed: ${String(error)}`);
  }
}
