/** `hallpass connect <id>` for an OAuth connector: authorization code + PKCE in the system browser, tokens to the vault. */
import * as oauth from 'oauth4webapi';
import type { Clock, Log } from '../../model.ts';
import type { Vault } from '../../vault/vault-types.ts';
import { oauthHttpOptions, resolveAuthorizationServer } from './authorization-server.ts';
import { clientAuthentication } from './client-auth.ts';
import { listenForCallback } from './loopback-callback.ts';
import { describeOAuthError, OAuthFlowError } from './oauth-errors.ts';
import { parseOAuthSettings, type OAuthSettings } from './oauth-settings.ts';
import { readOAuthRecord, toStoredTokens, writeOAuthRecord, type StoredTokens } from './stored-grant.ts';
import { failureOf, type BrowserOpener } from './system-browser.ts';

export interface ConnectOAuthDeps {
  vault: Vault;
  clock: Clock;
  log: Log;
  /** Shows the authorization page to the person (default in the shell: systemBrowserOpener()). */
  opener: BrowserOpener;
  fetch?: typeof fetch;
  /** How long to wait for the person to finish in the browser. Default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What a finished connection reports (never a token). */
export interface ConnectOAuthResult {
  connectionId: string;
  scope?: string;
  expiresAt?: number;
  refreshable: boolean;
}

/** Runs the whole flow once; resolves when the token set is in the keychain. */
export async function connectOAuth(rawSettings: OAuthSettings, deps: ConnectOAuthDeps): Promise<ConnectOAuthResult> {
  const settings = parseOAuthSettings(rawSettings);
  const id = settings.connectionId;
  // Fail before a browser opens when the keychain cannot take the result.
  const record = await readOAuthRecord(deps.vault, id);
  const http = oauthHttpOptions(settings, deps.fetch);
  const as = await resolveAuthorizationServer(settings, http).catch((error: unknown) => {
    throw new OAuthFlowError(`could not reach the authorization server of "${id}": ${describeOAuthError(error)}`, { cause: error });
  });
  const client: oauth.Client = { client_id: settings.clientId };
  const auth = clientAuthentication(settings, record.clientSecret);

  const callback = await listenForCallback({ timeoutMs: deps.timeoutMs ?? 300_000, ...(deps.signal && { signal: deps.signal }) });
  try {
    // INVARIANT: a fresh state and PKCE verifier per flow; the state is checked once, against this callback only.
    const state = oauth.generateRandomState();
    const verifier = oauth.generateRandomCodeVerifier();
    const url = new URL(as.authorization_endpoint!);
    for (const [name, value] of Object.entries(settings.authorizationParams ?? {})) url.searchParams.set(name, value);
    url.searchParams.set('client_id', settings.clientId);
    url.searchParams.set('redirect_uri', callback.redirectUri);
    url.searchParams.set('response_type', 'code');
    if (settings.scopes.length > 0) url.searchParams.set('scope', settings.scopes.join(' '));
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set('code_challenge_method', 'S256');

    const openerFailed = failureOf(
      deps.opener(url).catch((error: unknown) => {
        throw new OAuthFlowError(describeOAuthError(error), { cause: error });
      }),
    );
    const answer = await Promise.race([callback.received, openerFailed]);

    let params: URLSearchParams;
    try {
      // Checks `state` (single-use, this flow's) and `iss` (RFC 9207) before anything else is read.
      params = oauth.validateAuthResponse(as, client, answer, state);
    } catch (error) {
      const message = error instanceof oauth.AuthorizationResponseError
        ? `the provider did not authorize Hallpass (${describeOAuthError(error)})`
        : `the authorization response was rejected: ${describeOAuthError(error)}`;
      callback.respond(false, message);
      throw new OAuthFlowError(`could not connect "${id}": ${message}`, { cause: error });
    }
    let tokens: StoredTokens;
    try {
      const response = await oauth.authorizationCodeGrantRequest(as, client, auth, params, callback.redirectUri, verifier, http);
      const result = await oauth.processAuthorizationCodeResponse(as, client, response);
      tokens = toStoredTokens(result, undefined, settings.keepTokenFields ?? [], as.issuer, deps.clock.now());
    } catch (error) {
      const message = `the provider did not issue tokens (${describeOAuthError(error, [record.clientSecret])})`;
      callback.respond(false, message);
      throw new OAuthFlowError(`could not connect "${id}": ${message}`, { cause: error });
    }
    await writeOAuthRecord(deps.vault, id, { ...record, tokens });
    callback.respond(true, 'You can close this window and return to Hallpass.');
    deps.log.info('oauth connection authorized', { connection: id, scope: tokens.scope, refreshable: tokens.refreshToken !== undefined });
    return {
      connectionId: id,
      ...(tokens.scope !== undefined && { scope: tokens.scope }),
      ...(tokens.expiresAt !== undefined && { expiresAt: tokens.expiresAt }),
      refreshable: tokens.refreshToken !== undefined,
    };
  } finally {
    callback.dispose();
  }
}
