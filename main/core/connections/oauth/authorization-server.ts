/** Finds an authorization server's endpoints (RFC 8414 / OIDC discovery, or fixed ones) with oauth4webapi. */
import * as oauth from 'oauth4webapi';
import { assertEndpointAllowed } from './endpoint-policy.ts';
import type { OAuthSettings } from './oauth-settings.ts';

/** HTTP options every oauth4webapi call gets: the injected fetch, a timeout and (loopback development only) plain http. */
export type OAuthHttpOptions = oauth.HttpRequestOptions<'GET' | 'POST', URLSearchParams | undefined>;

/** Longest one request to an authorization server may take. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Builds the HTTP options for one grant's requests. */
export function oauthHttpOptions(settings: OAuthSettings, fetchFn: typeof fetch | undefined): OAuthHttpOptions {
  return {
    signal: () => AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    ...(fetchFn && { [oauth.customFetch]: (url: string, init: RequestInit) => fetchFn(url, init) }),
    // Every endpoint is checked by assertEndpointAllowed first, so this only ever lets loopback http through.
    ...(settings.allowInsecureLoopback === true && { [oauth.allowInsecureRequests]: true }),
  };
}

/** Resolves and checks the authorization server metadata. */
export async function resolveAuthorizationServer(settings: OAuthSettings, http: OAuthHttpOptions): Promise<oauth.AuthorizationServer> {
  const insecure = settings.allowInsecureLoopback === true;
  const source = settings.server;
  const issuer = assertEndpointAllowed(source.issuer, 'issuer', insecure);
  let as: oauth.AuthorizationServer;
  if (source.kind === 'discovery') {
    const response = await oauth.discoveryRequest(issuer, { ...http, algorithm: source.algorithm });
    // Checks that the document names exactly this issuer (RFC 8414 §3.3).
    as = await oauth.processDiscoveryResponse(issuer, response);
  } else {
    as = {
      issuer: source.issuer,
      authorization_endpoint: source.authorizationEndpoint,
      token_endpoint: source.tokenEndpoint,
      ...(source.revocationEndpoint !== undefined && { revocation_endpoint: source.revocationEndpoint }),
      ...(source.issParameterSupported !== undefined && { authorization_response_iss_parameter_supported: source.issParameterSupported }),
    };
  }
  // SECURITY: a discovered document could point anywhere; every endpoint meets the same rule as the issuer.
  if (!as.authorization_endpoint || !as.token_endpoint) throw new Error(`the authorization server ${source.issuer} publishes no authorization or token endpoint`);
  assertEndpointAllowed(as.authorization_endpoint, 'authorization endpoint', insecure);
  assertEndpointAllowed(as.token_endpoint, 'token endpoint', insecure);
  if (as.revocation_endpoint) assertEndpointAllowed(as.revocation_endpoint, 'revocation endpoint', insecure);
  return as;
}
