/** The SDK's OAuthClientProvider for one remote MCP server, with the keychain as its storage. */
import { randomBytes } from 'node:crypto';
import type { OAuthClientMetadata, OAuthClientProvider, OAuthDiscoveryState, StoredOAuthClientInformation, StoredOAuthTokens } from '@modelcontextprotocol/client';
import type { Clock } from '../../model.ts';
import type { Vault } from '../../vault/vault-types.ts';
import { readRemoteRecord, writeRemoteRecord, type RemoteRecord } from './remote-record.ts';

/** The server needs the person to authorize Hallpass (again); nothing was opened or registered in the background. */
export class RemoteNeedsAuthError extends Error {
  constructor(connectionId: string, detail: string) {
    super(`remote server "${connectionId}" needs authorization: ${detail}. Connect it in Hallpass (hallpass connect ${connectionId} or the Connect button).`);
    this.name = 'RemoteNeedsAuthError';
  }
}

/** The provider plus what Hallpass needs besides the SDK's interface. */
export interface VaultOAuthProvider extends OAuthClientProvider {
  /** Reads the keychain item into memory (background use; an interactive provider starts empty). */
  load(): Promise<void>;
  /** The state sent with the last authorization request (checked against the callback, single use). */
  lastState(): string | undefined;
  /** Epoch ms at which the current access token expires, when known. */
  expiresAt(): number | undefined;
  /** The stored token set, read from memory (loaded from the keychain). */
  tokens(): StoredOAuthTokens | undefined;
}

export interface VaultOAuthProviderOptions {
  connectionId: string;
  vault: Vault;
  clock: Clock;
  /** Set while the person is connecting: the loopback redirect and how to show the authorization page.
   * Absent (background use): never opens a browser and never registers a client. */
  interactive?: { redirectUrl: string; open(url: URL): Promise<void> };
}

/** Creates the provider; call `load()` before handing it to the SDK. */
export function createVaultOAuthProvider(options: VaultOAuthProviderOptions): VaultOAuthProvider {
  const { connectionId: id, vault, clock, interactive } = options;
  let record: RemoteRecord = { kind: 'remote' };
  let verifier: string | undefined;
  let state: string | undefined;
  let discovery: OAuthDiscoveryState | undefined;
  /** A grant existed at some point: "no longer accepted" rather than "not connected yet". */
  let hadGrant = false;

  const save = async (next: RemoteRecord): Promise<void> => {
    // INVARIANT: a person's connect starts from nothing and writes the keychain once, when it has tokens; a flow
    // that fails half-way leaves the previous, working authorization untouched.
    if (!interactive || next.tokens) await writeRemoteRecord(vault, id, next);
    record = next;
    if (next.tokens) hadGrant = true;
  };
  const missing = (): string => (hadGrant ? 'the server no longer accepts the stored authorization' : 'not connected yet');
  const registered = (): string | undefined => {
    const uris = (record.client as { redirect_uris?: unknown } | undefined)?.redirect_uris;
    return Array.isArray(uris) && typeof uris[0] === 'string' ? uris[0] : undefined;
  };
  // In the background the redirect is never used (no authorization request is sent); the SDK only needs one to exist.
  const redirectUrl = (): string => interactive?.redirectUrl ?? registered() ?? 'http://127.0.0.1/callback';

  return {
    async load() {
      if (interactive) return; // a fresh registration and authorization, never the stored ones
      record = await readRemoteRecord(vault, id);
      if (record.tokens) hadGrant = true;
    },
    lastState: () => state,
    expiresAt: () => (record.tokens?.expires_in !== undefined && record.savedAt !== undefined ? record.savedAt + record.tokens.expires_in * 1000 : undefined),
    get redirectUrl() {
      return redirectUrl();
    },
    get clientMetadata(): OAuthClientMetadata {
      return {
        client_name: 'Hallpass',
        redirect_uris: [redirectUrl()],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        // A native app cannot keep a secret: PKCE protects the code instead (RFC 8252 §8.4).
        token_endpoint_auth_method: 'none',
      };
    },
    state() {
      state = randomBytes(32).toString('base64url');
      return state;
    },
    clientInformation(): StoredOAuthClientInformation | undefined {
      // INVARIANT: in the background Hallpass never registers itself anywhere; only a person's connect does.
      if (!record.client && !interactive) throw new RemoteNeedsAuthError(id, missing());
      return record.client;
    },
    async saveClientInformation(client) {
      await save({ ...record, client });
    },
    tokens: () => record.tokens,
    async saveTokens(tokens: StoredOAuthTokens) {
      await save({ ...record, tokens, savedAt: clock.now() });
    },
    async redirectToAuthorization(url) {
      if (!interactive) throw new RemoteNeedsAuthError(id, missing());
      await interactive.open(url);
    },
    saveCodeVerifier(codeVerifier) {
      verifier = codeVerifier;
    },
    codeVerifier() {
      if (!verifier) throw new Error('no authorization in progress');
      return verifier;
    },
    saveDiscoveryState(next) {
      discovery = next;
    },
    discoveryState: () => discovery,
    async invalidateCredentials(scope) {
      if (scope === 'verifier') verifier = undefined;
      if (scope === 'discovery' || scope === 'all') discovery = undefined;
      if (scope === 'all') return save({ kind: 'remote' });
      if (scope === 'client') return save({ ...record, client: undefined });
      if (scope === 'tokens') return save({ kind: 'remote', ...(record.client && { client: record.client }) });
    },
  };
}
