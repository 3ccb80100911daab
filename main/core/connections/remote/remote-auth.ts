/** What the Streamable HTTP transport asks for a bearer token: the SDK's OAuth flow behind one refresh at a time. */
import { auth, extractWWWAuthenticateParams, type AuthProvider } from '@modelcontextprotocol/client';
import type { Clock } from '../../model.ts';
import { RemoteNeedsAuthError, type VaultOAuthProvider } from './vault-oauth-provider.ts';

export interface RemoteAuthOptions {
  connectionId: string;
  serverUrl: string;
  provider: VaultOAuthProvider;
  /** The SSRF-guarded fetch every discovery, registration and token request goes through. */
  fetch: typeof fetch;
  clock: Clock;
  /** Refresh this long before expiry (at most half the token's lifetime). Default 60 s. */
  refreshSkewMs?: number;
}

/** An AuthProvider for the transport: refreshes before expiry and after a 401, serialised per connection. */
export function createRemoteAuth(options: RemoteAuthOptions): AuthProvider {
  const { provider, clock } = options;
  const skew = options.refreshSkewMs ?? 60_000;
  let inflight: Promise<void> | undefined;

  // INVARIANT: one refresh at a time: with rotating refresh tokens a second, parallel refresh would spend a dead token.
  const reauthorize = (challenge: { resourceMetadataUrl?: URL; scope?: string }): Promise<void> =>
    (inflight ??= (async () => {
      const result = await auth(provider, { serverUrl: options.serverUrl, fetchFn: options.fetch, ...challenge });
      if (result !== 'AUTHORIZED') throw new RemoteNeedsAuthError(options.connectionId, 'the server asks for a new authorization');
    })().finally(() => (inflight = undefined)));

  const expiresSoon = (): boolean => {
    const tokens = provider.tokens();
    const expiresAt = provider.expiresAt();
    if (!tokens?.refresh_token || expiresAt === undefined || tokens.expires_in === undefined) return false;
    return clock.now() >= expiresAt - Math.min(skew, (tokens.expires_in * 1000) / 2);
  };

  return {
    async token() {
      if (inflight) await inflight;
      else if (expiresSoon()) await reauthorize({});
      return provider.tokens()?.access_token;
    },
    async onUnauthorized(ctx) {
      const { resourceMetadataUrl, scope } = extractWWWAuthenticateParams(ctx.response);
      await reauthorize({ ...(resourceMetadataUrl && { resourceMetadataUrl }), ...(scope && { scope }) });
    },
  };
}
