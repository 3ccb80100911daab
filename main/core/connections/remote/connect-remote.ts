/** `hallpass connect <id>` for a remote MCP server: the SDK's OAuth (protected-resource metadata, AS discovery,
 * dynamic registration, PKCE, `resource`) with a loopback redirect and the system browser; tokens to the keychain. */
import { auth, extractWWWAuthenticateParams, LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/client';
import type { Clock, Log, RemoteServerConfig } from '../../model.ts';
import type { Vault } from '../../vault/vault-types.ts';
import { listenForCallback } from '../oauth/loopback-callback.ts';
import { describeOAuthError, OAuthFlowError } from '../oauth/oauth-errors.ts';
import { failureOf, type BrowserOpener } from '../oauth/system-browser.ts';
import { parseRemoteServerConfig } from './remote-config-schema.ts';
import { checkUrl, createGuardedFetch, type Lookup } from './ssrf-guard.ts';
import { createVaultOAuthProvider } from './vault-oauth-provider.ts';

export interface ConnectRemoteDeps {
  vault: Vault;
  clock: Clock;
  log: Log;
  opener: BrowserOpener;
  fetch?: typeof fetch;
  lookup?: Lookup;
  /** How long to wait for the person to finish in the browser. Default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ConnectRemoteResult {
  connectionId: string;
  /** False when the server answered without asking for authorization: nothing was stored. */
  authorized: boolean;
}

/** Asks the server whether it wants OAuth; if so, runs the authorization in the browser and stores the tokens. */
export async function connectRemote(rawConfig: RemoteServerConfig, deps: ConnectRemoteDeps): Promise<ConnectRemoteResult> {
  const config = parseRemoteServerConfig(rawConfig);
  const id = config.id;
  const guard = { allowLoopback: config.allowLoopback === true, ...(deps.lookup && { lookup: deps.lookup }) };
  const guardedFetch = createGuardedFetch({ ...guard, ...(deps.fetch && { fetch: deps.fetch }) });
  const fail = (what: string, error: unknown): OAuthFlowError => new OAuthFlowError(`could not connect "${id}": ${what} (${describeOAuthError(error)})`, { cause: error });

  const challenge = await probe(config.url, guardedFetch).catch((error: unknown) => {
    throw fail('the server did not answer', error);
  });
  if (!challenge) return { connectionId: id, authorized: false };

  const callback = await listenForCallback({ timeoutMs: deps.timeoutMs ?? 300_000, ...(deps.signal && { signal: deps.signal }) });
  let openerFailure: Promise<never> | undefined;
  const provider = createVaultOAuthProvider({
    connectionId: id,
    vault: deps.vault,
    clock: deps.clock,
    interactive: {
      redirectUrl: callback.redirectUri,
      async open(url) {
        // SSRF guard for the discovered authorization endpoint as well: https (loopback http only in development).
        await checkUrl(url, guard);
        openerFailure = failureOf(deps.opener(url));
      },
    },
  });
  try {
    // The interactive provider starts empty: a fresh registration for this redirect URI and a fresh authorization.
    const options = { serverUrl: config.url, fetchFn: guardedFetch, ...challenge };
    const first = await auth(provider, options).catch((error: unknown) => {
      throw fail('authorization could not start', error);
    });
    if (first === 'AUTHORIZED') return { connectionId: id, authorized: true };
    const answer = await Promise.race([callback.received, ...(openerFailure ? [openerFailure] : [])]).catch((error: unknown) => {
      throw fail('no authorization', error);
    });
    const params = answer.searchParams;
    // INVARIANT: the state is this flow's, checked once; the SDK checks `iss` (RFC 9207) before redeeming the code.
    const expected = provider.lastState();
    if (!expected || params.get('state') !== expected) {
      callback.respond(false, 'The answer did not belong to this connection attempt.');
      throw new OAuthFlowError(`could not connect "${id}": the authorization response was rejected (unexpected state)`);
    }
    const error = params.get('error');
    const code = params.get('code');
    if (error || !code) {
      const why = `the server's authorization server did not authorize Hallpass (${(error ?? 'no code').slice(0, 100)})`;
      callback.respond(false, why);
      throw new OAuthFlowError(`could not connect "${id}": ${why}`);
    }
    const iss = params.get('iss');
    try {
      await auth(provider, { ...options, authorizationCode: code, ...(iss !== null && { iss }) });
    } catch (error) {
      callback.respond(false, 'The authorization could not be completed.');
      throw fail('the authorization response was rejected', error);
    }
    callback.respond(true, 'You can close this window and return to Hallpass.');
    deps.log.info('remote server authorized', { connection: id });
    return { connectionId: id, authorized: true };
  } finally {
    callback.dispose();
  }
}

/** One unauthenticated initialize: its OAuth challenge, or undefined when it serves without one. */
async function probe(url: string, guardedFetch: typeof fetch): Promise<{ resourceMetadataUrl?: URL; scope?: string } | undefined> {
  const response = await guardedFetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': LATEST_PROTOCOL_VERSION },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'hallpass', version: '0.1.0' } },
    }),
    signal: AbortSignal.timeout(30_000),
  });
  await response.body?.cancel();
  const bearer = /^\s*(Bearer|DPoP)\b/i.test(response.headers.get('www-authenticate') ?? '');
  if (response.status === 401 || (response.status === 403 && bearer)) {
    const { resourceMetadataUrl, scope } = extractWWWAuthenticateParams(response);
    return { ...(resourceMetadataUrl && { resourceMetadataUrl }), ...(scope && { scope }) };
  }
  // Answered without asking for credentials (a protocol-level complaint still means it served us unauthenticated).
  if (response.status < 500 && response.status !== 404 && response.status !== 403) return undefined;
  throw new Error(`the server answered HTTP ${response.status}`);
}
